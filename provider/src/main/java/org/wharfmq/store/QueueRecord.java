package org.wharfmq.store;

/**
 * A stored queue ({@code kind} {@link #QUEUE}) or durable subscription ({@link #DURABLE_SUBSCRIPTION}). For a
 * subscription, {@code name} is its unique key and the remaining fields describe it.
 */
public record QueueRecord(long id, char kind, String name, String topic, String clientId, String subscriptionName,
                          String selector, boolean noLocal, boolean shared) {

    public static final char QUEUE = 'Q';
    public static final char DURABLE_SUBSCRIPTION = 'D';
}
