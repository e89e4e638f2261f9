package org.wharfmq.engine;

import java.util.function.BooleanSupplier;

/**
 * One consumer's hold on a queue or subscription: the selector it reads through (if any) and the message groups
 * it owns (JMSXGroupID: one consumer at a time per group, in order). Closing it gives its groups up, so they
 * move to another consumer.
 */
public final class Receiver {

    final MessageQueue queue;
    final SelectorIndex index;
    private volatile boolean closed;

    Receiver(MessageQueue queue, SelectorIndex index) {
        this.queue = queue;
        this.index = index;
    }

    public MessageQueue queue() {
        return queue;
    }

    /** Claims the next entry this receiver may take, or null at once. */
    public QueueEntry poll() {
        return queue.poll(this);
    }

    /**
     * Claims the next entry, waiting up to {@code timeoutNanos} (0 = forever) while {@code active} holds; null on
     * timeout or once {@code active} turns false and {@link MessageQueue#wakeAll()} is called.
     */
    public QueueEntry take(long timeoutNanos, BooleanSupplier active) throws InterruptedException {
        return queue.take(this, timeoutNanos, active);
    }

    /** Detaches from the queue; idempotent. */
    public void close() {
        if (!closed) {
            closed = true;
            queue.detach(this);
        }
    }

    boolean isClosed() {
        return closed;
    }
}
