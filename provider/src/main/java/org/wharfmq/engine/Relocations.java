package org.wharfmq.engine;

import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves of an in-flight entry to another queue, as a copy of its message with properties saying where it came
 * from, in one journal transaction with the entry's removal: a message that used up its delivery attempts goes to
 * its dead-letter queue (JMS 3.1 §6.2.10 leaves this to the provider; JMSXDeliveryCount, §3.5.11, counts the
 * attempts), an expired one (§3.4.9) to its expiry queue, and an operator moves messages between queues.
 */
final class Relocations {

    private static final Logger LOG = Logger.getLogger(Relocations.class.getName());

    private final Engine engine;

    Relocations(Engine engine) {
        this.engine = engine;
    }

    /** Moves an in-flight entry to its dead-letter queue, atomically; if that fails it is released instead. */
    void deadLetter(QueueEntry e, String reason) {
        DeliveryPolicy p = e.queue.policy();
        Map<String, Object> props = new java.util.LinkedHashMap<>();
        props.put(Engine.ORIGINAL_DESTINATION, e.queue.originalDestination());
        if (e.queue instanceof Subscription s && s.subscriptionName != null) {
            props.put(Engine.ORIGINAL_SUBSCRIPTION, s.subscriptionName);
        }
        props.put(Engine.DELIVERY_ATTEMPTS, e.deliveryCount);
        if (reason != null) {
            props.put(Engine.FAILURE_REASON, reason);
        }
        try {
            e.queue.deadLettered.increment();
            MessageQueue dlq = engine.destinations().queue(p.deadLetterQueue());
            dlq.heldDeadLetters = true;
            move(e, dlq, props, "dead-lettered from " + e.queue.originalDestination()
                    + " after " + e.deliveryCount + " delivery attempts" + (reason == null ? "" : ": " + reason));
            LOG.info(() -> "message " + e.message.id + " moved to dead-letter queue " + p.deadLetterQueue()
                    + " after " + e.deliveryCount + " delivery attempts" + (reason == null ? "" : ": " + reason));
        } catch (EngineException ex) {
            LOG.log(Level.WARNING, "cannot move message " + e.message.id + " to the dead-letter queue "
                    + p.deadLetterQueue() + "; it stays where it is", ex);
            e.queue.release(e, p.delayAfter(e.deliveryCount));
        }
    }

    /**
     * Replaces an in-flight entry by a copy of its message with extra properties in another queue, in one
     * journal transaction. The copy keeps the persistence of the original and has no expiration.
     */
    void move(QueueEntry e, MessageQueue to, Map<String, Object> props, String note) throws EngineException {
        StoredMessage m = e.message;
        byte[] body = engine.hooks().annotate(engine.body(e), props, true);
        StoredMessage copy = new StoredMessage(engine.nextMessageId(), m.priority, 0, 0, m.persistent, null,
                m.originConnection, m.originClientId, body);
        copy.note = note == null || note.length() <= 1000 ? note : note.substring(0, 1000);
        engine.commit(List.of(new Outgoing(to, copy)), List.of(e));
    }

    /** Expired entries (§3.4.9), already out of their queue: moved to the expiry queue, or dropped. */
    void expire(List<QueueEntry> entries) {
        for (QueueEntry e : entries) {
            DeliveryPolicy p = e.queue.policy();
            boolean isExpiryQueue = e.queue.name().equals(p.expiryQueue()) && !(e.queue instanceof Subscription);
            if (p.expiryQueue().isEmpty() || isExpiryQueue) {
                engine.acknowledgeLazily(List.of(e));
                continue;
            }
            Map<String, Object> props = new java.util.LinkedHashMap<>();
            props.put(Engine.ORIGINAL_DESTINATION, e.queue.originalDestination());
            props.put(Engine.EXPIRED_AT, e.message.expiration);
            try {
                move(e, engine.destinations().queue(p.expiryQueue()), props, "expired in " + e.queue.originalDestination());
            } catch (EngineException ex) {
                LOG.log(Level.WARNING, "cannot move expired message " + e.message.id + " to " + p.expiryQueue()
                        + "; it is dropped", ex);
                engine.acknowledgeLazily(List.of(e));
            }
        }
    }
}
