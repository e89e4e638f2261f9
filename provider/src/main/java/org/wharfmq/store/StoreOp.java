package org.wharfmq.store;

/**
 * One change to a store. The engine describes what must become durable as a list of these; the store applies a
 * list atomically ({@link MessageStore#write}) — the local journal shares the commit (and the sync) with every other
 * list waiting at that moment.
 */
public sealed interface StoreOp {

    /**
     * A message's body and the fields dispatch needs after a restart without reading the body; {@code created}
     * (epoch millis) and {@code note} (why Wharf moved it, or null) are for operators (the SQL views).
     */
    record InsertMessage(long id, int priority, long expiration, long deliveryTime, String groupId, byte[] body,
                         long created, String note) implements StoreOp {
    }

    /** A reference from a queue (or durable subscription) to a message. */
    record InsertEntry(long queueId, long messageId, int deliveryCount) implements StoreOp {
    }

    /** An acknowledged (or expired) reference. */
    record DeleteEntry(long queueId, long messageId) implements StoreOp {
    }

    /** An entry was delivered: its delivery count becomes at least {@code count}. */
    record RecordDelivery(long queueId, long messageId, int count) implements StoreOp {
    }

    /** An entry's delivery count, exactly (takes back counts recorded ahead of delivery). */
    record ResetDeliveryCount(long queueId, long messageId, int count) implements StoreOp {
    }

    /** A message no entry refers to any more. */
    record DeleteMessage(long messageId) implements StoreOp {
    }

    /** A queue or durable subscription came into existence. */
    record InsertQueue(QueueRecord queue) implements StoreOp {
    }

    /** A durable subscription was removed, with all its entries. */
    record DeleteQueue(long queueId) implements StoreOp {
    }

    /** An XA branch was prepared (its pending work follows as XaEntry and XaAck). */
    record InsertXa(long id, int formatId, byte[] gtrid, byte[] bqual) implements StoreOp {
    }

    /** A send of a prepared branch: becomes an entry when the branch commits. */
    record InsertXaEntry(long xaId, long queueId, long messageId) implements StoreOp {
    }

    /** An acknowledgement of a prepared branch: deletes the entry when the branch commits. */
    record InsertXaAck(long xaId, long queueId, long messageId) implements StoreOp {
    }

    /**
     * The sends of this list were routed to the subscriptions of {@code topic} as the engine knew them at
     * {@code registryVersion} (an {@link EntrySource}'s version; -1: not loaded yet): a shared store refuses the list
     * with a {@link StaleRegistryException} when the topic's subscriptions changed since, so that a durable
     * subscription made on another node gets every message published after it. A local store ignores it: its one
     * engine always knows every subscription.
     */
    record RoutedBy(String topic, long registryVersion) implements StoreOp {
    }

    /** A prepared branch was resolved: its records go. */
    record DeleteXa(long id) implements StoreOp {
    }
}
