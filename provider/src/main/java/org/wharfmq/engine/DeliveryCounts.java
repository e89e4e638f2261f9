package org.wharfmq.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.wharfmq.store.MessageStore;
import org.wharfmq.store.StoreOp;

/**
 * The life of an entry's delivery count (JMSXDeliveryCount, JMS 3.1 §3.5.11), in one place: raised when a consumer
 * claims the entry, lowered when a failed receiveBody gives it back unseen, written to the store lazily after each
 * claim, made durable before a message that will be held unacknowledged is handed out (with the next entries of
 * its queue recorded ahead), forgotten once acknowledged, and the counts recorded ahead taken back at a clean close.
 * {@link QueueEntry#deliveryCount} and {@link QueueEntry#recordedCount} change here only.
 */
final class DeliveryCounts {

    private static final Logger LOG = Logger.getLogger(DeliveryCounts.class.getName());

    /** How many entries past the delivered one {@link #makeDurable} records in the same commit. */
    static final int RECORD_AHEAD = 50;

    private final MessageStore store;

    DeliveryCounts(MessageStore store) {
        this.store = store;
    }

    /** Under the queue's lock: the entry is handed to a consumer. */
    static void claimed(QueueEntry e) {
        e.deliveryCount++;
    }

    /**
     * An entry claimed from a shared store, not delivered yet: the store counted this delivery with the claim, so
     * the count is durable already and the local claim that follows raises it to {@code claimedCount}.
     */
    static QueueEntry fromClaim(StoredMessage m, MessageQueue q, int claimedCount) {
        QueueEntry e = new QueueEntry(m, q, true, claimedCount - 1);
        e.recordedCount = claimedCount;
        return e;
    }

    /** Under the queue's lock, or for an entry no one else can reach: given back as if it was never delivered. */
    static void unclaimed(QueueEntry e) {
        e.deliveryCount--;
    }

    /**
     * After a claim, without the queue's lock: the count goes to the store with the next group commit (or within
     * 50 ms), so that it survives a clean restart and most crashes without a wait of its own.
     */
    void recordLazily(QueueEntry e) {
        if (e.durable) {
            store.recordDelivery(e.queue.id, e.message.id, e.deliveryCount);
        }
    }

    /**
     * Makes a delivery count of a durable entry survive a killed JVM before the application sees the message, so
     * that a message delivered but not acknowledged comes back after a crash with JMSRedelivered set (JMS 3.1
     * §3.4.7, §6.2.10). Sessions that acknowledge on delivery (AUTO) need not: their message is gone by then.
     * <p>
     * One commit (not forced) covers the next {@value #RECORD_AHEAD} entries of the queue too, so a consumer waits
     * for it once per that many messages, not for each. The price: after a crash those of them that had not been
     * delivered yet come back marked redelivered — which JMS allows ("likely, but not guaranteed"), whereas an
     * unmarked redelivery it does not. A clean close takes the counts back ({@link #resetRecordedAhead}).
     */
    void makeDurable(QueueEntry e) throws EngineException {
        if (!e.durable || e.deliveryCount <= e.recordedCount) {
            return;
        }
        List<QueueEntry> entries = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        entries.add(e);
        counts.add(e.deliveryCount);
        for (MessageQueue.Upcoming next : e.queue.upcoming(RECORD_AHEAD)) {
            if (next.entry().recordedCount < next.count()) {
                entries.add(next.entry());
                counts.add(next.count());
            }
        }
        List<StoreOp> ops = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            QueueEntry x = entries.get(i);
            ops.add(new StoreOp.RecordDelivery(x.queue.id, x.message.id, counts.get(i)));
        }
        Engine.await(store.writeUnforced(ops));
        for (int i = 0; i < entries.size(); i++) {
            QueueEntry x = entries.get(i);
            x.recordedCount = Math.max(x.recordedCount, counts.get(i));
        }
    }

    /** The entry is acknowledged: a count not yet written need not be. */
    void acknowledged(QueueEntry e) {
        store.forgetDelivery(e.queue.id, e.message.id);
    }

    /** On a clean close: entries recorded as delivered but never delivered get their true counts back. */
    void resetRecordedAhead(Collection<MessageQueue> queues) {
        List<StoreOp> ops = new ArrayList<>();
        for (MessageQueue q : queues) {
            for (QueueEntry e : q.recordedAhead()) {
                ops.add(new StoreOp.ResetDeliveryCount(q.id, e.message.id, e.deliveryCount));
            }
        }
        if (!ops.isEmpty()) {
            try {
                Engine.await(store.write(ops));
            } catch (EngineException ex) {
                LOG.log(Level.WARNING, "delivery counts recorded ahead could not be taken back; after this restart "
                        + ops.size() + " message(s) may say they were delivered before", ex);
            }
        }
    }
}
