package org.wharfmq.engine;

import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The ready entries of one queue that match one selector, in delivery order. Each entry is evaluated once when
 * it becomes ready, so a selective consumer never rescans the backlog per receive (JMS 3.1 §3.8.1 on queues).
 * Guarded by its queue's lock.
 */
final class SelectorIndex {

    private static final Logger LOG = Logger.getLogger(SelectorIndex.class.getName());

    final String selector;
    final MessageFilter filter;
    final TreeSet<QueueEntry> entries = new TreeSet<>(MessageQueue.DELIVERY_ORDER);
    int receivers;
    long evaluations;

    SelectorIndex(String selector, MessageFilter filter) {
        this.selector = selector;
        this.filter = filter;
    }

    /** Adds the entry if it matches. */
    void offer(Engine engine, QueueEntry e) {
        evaluations++;
        try {
            if (filter.matches(engine.body(e), e.deliveryCount + 1)) {
                entries.add(e);
            }
        } catch (EngineException | RuntimeException ex) {
            LOG.log(Level.WARNING, "cannot evaluate selector '" + selector + "' on message " + e.message.id
                    + "; it is not selected", ex);
        }
    }
}
