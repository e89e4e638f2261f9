package org.wharfmq.shared;

import java.util.List;

/**
 * Entries of one queue claimed together by one node, in delivery order, under one token: settling or releasing
 * one of them names the token, so that a node that lost its claims (its lease lapsed and another node took them)
 * can change nothing another node holds now.
 */
public record ClaimBatch(long queueId, long token, List<Claimed> entries) {

    /**
     * One claimed entry: its message's dispatch fields and stored form, and the delivery count this delivery has
     * (1 for the first).
     */
    public record Claimed(long messageId, int priority, int deliveryCount, long expiration, long deliveryTime,
                          String groupId, long created, byte[] body) {
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }
}
