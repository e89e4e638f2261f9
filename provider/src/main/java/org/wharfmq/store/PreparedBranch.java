package org.wharfmq.store;

import java.util.List;

/**
 * A prepared XA branch as stored: its Xid, the entries it will create (with the dispatch fields of their
 * messages) and the entries ({@code [queueId, messageId]}) it will acknowledge when it commits.
 */
public record PreparedBranch(long id, int formatId, byte[] gtrid, byte[] bqual, List<StoredEntry> sends,
                             List<long[]> acks) {
}
