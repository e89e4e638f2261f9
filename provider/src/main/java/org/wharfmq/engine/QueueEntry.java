package org.wharfmq.engine;

/**
 * One message in one queue or subscription: what a consumer claims, acknowledges or releases. Its delivery
 * count survives restarts when the entry is durable.
 */
public final class QueueEntry {

    final StoredMessage message;
    final MessageQueue queue;
    final boolean durable;
    int deliveryCount;
    /**
     * The delivery count known to be committed in the journal — ahead of {@link #deliveryCount} for an entry
     * recorded as delivered before it was (see {@link DeliveryCounts#makeDurable}); both change only there.
     */
    volatile int recordedCount;
    /** When the entry may be delivered (delivery time, or end of its redelivery delay); guarded by the queue. */
    long visibleAt;

    QueueEntry(StoredMessage message, MessageQueue queue, boolean durable, int deliveryCount) {
        this.message = message;
        this.queue = queue;
        this.durable = durable;
        this.deliveryCount = deliveryCount;
        this.recordedCount = deliveryCount;
    }

    /** How many times this entry has been handed to a consumer, this delivery included (JMSXDeliveryCount). */
    public int deliveryCount() {
        return deliveryCount;
    }

    public long messageId() {
        return message.id;
    }

    public MessageQueue queue() {
        return queue;
    }

    @Override
    public String toString() {
        return "entry[" + queue.name() + "#" + message.id + "]";
    }
}
