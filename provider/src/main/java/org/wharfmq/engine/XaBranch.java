package org.wharfmq.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One XA transaction branch (JTA/XA, JMS 3.1 §6.2.8 distributed transactions): the sends and acknowledgements
 * done under it, and where it is in the two-phase protocol. Prepared branches are in the journal and survive a
 * crash until the transaction manager commits or rolls them back.
 */
public final class XaBranch {

    /** An Xid's three parts; equal by content. */
    public record Key(int formatId, byte[] gtrid, byte[] bqual) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.formatId == formatId && Arrays.equals(k.gtrid, gtrid)
                    && Arrays.equals(k.bqual, bqual);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * formatId + Arrays.hashCode(gtrid)) + Arrays.hashCode(bqual);
        }

        @Override
        public String toString() {
            return formatId + ":" + hex(gtrid) + ":" + hex(bqual);
        }

        private static String hex(byte[] b) {
            StringBuilder sb = new StringBuilder();
            for (byte x : b) {
                sb.append(String.format("%02x", x));
            }
            return sb.toString();
        }
    }

    /** Where the branch is in the protocol. */
    public enum State { ACTIVE, ROLLBACK_ONLY, PREPARED }

    final Key key;
    State state = State.ACTIVE;
    /** Its id in the journal once prepared. */
    long journalId;
    final List<Outgoing> sends = new ArrayList<>();
    final List<QueueEntry> acks = new ArrayList<>();
    /** Prepared before a restart and rebuilt from the journal: only a transaction manager's recovery finishes it. */
    boolean restored;
    /** The entries its sends will create, fixed when it is prepared. */
    List<QueueEntry> routed = List.of();

    /** What a rollback records on the messages it gives back (their failure reason if they are dead-lettered). */
    private String rollbackReason = "the XA transaction was rolled back";

    XaBranch(Key key) {
        this.key = key;
    }

    public Key key() {
        return key;
    }

    public synchronized State state() {
        return state;
    }

    /** Adds work done by a session while it was associated with this branch. */
    public synchronized void add(List<Outgoing> moreSends, List<QueueEntry> moreAcks) {
        sends.addAll(moreSends);
        acks.addAll(moreAcks);
    }

    /** Why a rollback of this branch happens, when the caller knows better than "rolled back". */
    public synchronized void rollbackReason(String reason) {
        rollbackReason = reason;
    }

    synchronized String rollbackReason() {
        return rollbackReason;
    }

    /** The branch failed (XAResource.end with TMFAIL): it can only roll back. */
    public synchronized void markRollbackOnly() {
        if (state == State.ACTIVE) {
            state = State.ROLLBACK_ONLY;
        }
    }

    @Override
    public String toString() {
        return "XA branch " + key;
    }
}
