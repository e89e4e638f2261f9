package org.wharfmq.store;

/** One entry as the store returns it at start-up: what dispatch needs, without the body. */
public record StoredEntry(long queueId, long messageId, int deliveryCount, int priority, long expiration,
                          long deliveryTime, String groupId, long created) {
}
