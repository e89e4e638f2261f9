package org.wharfmq.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The ready entries of one queue that match one selector, in delivery order. Each entry is evaluated once when
 * it becomes ready, so a selective consumer never rescans the backlog per receive (JMS 3.1 §3.8.1 on queues).
 * Guarded by its queue's lock.
 *
 * <p>An entry whose body is not in memory is not evaluated under that lock, because its body has to be read from
 * the journal first, and a journal read must never hold up the queue's other consumers and producers: such an
 * entry waits in {@link #unevaluated} until {@link MessageQueue} has read its body without the lock. Until every
 * ready entry has been evaluated the index delivers nothing ({@link #isCurrent}), so that a later match can never
 * overtake an earlier one whose body is still being read.
 */
final class SelectorIndex {

    private static final Logger LOG = Logger.getLogger(SelectorIndex.class.getName());

    final String selector;
    final MessageFilter filter;
    final TreeSet<QueueEntry> entries = new TreeSet<>(MessageQueue.DELIVERY_ORDER);
    int receivers;
    long evaluations;
    /** Ready entries not evaluated yet: their bodies must be read from the journal first. */
    private final java.util.Set<QueueEntry> unevaluated = new java.util.LinkedHashSet<>();
    /** Entries taken from {@link #unevaluated} whose bodies are being read now. */
    private int evaluating;

    SelectorIndex(String selector, MessageFilter filter) {
        this.selector = selector;
        this.filter = filter;
    }

    /** Adds the entry if it matches; returns false if it could not be evaluated yet (its body is not in memory). */
    boolean offer(QueueEntry e) {
        byte[] body = e.message.cachedBody();
        if (body == null) {
            unevaluated.add(e);
            return false;
        }
        evaluate(e, body);
        return true;
    }

    /** True when every ready entry has been evaluated, so the index may deliver. */
    boolean isCurrent() {
        return unevaluated.isEmpty() && evaluating == 0;
    }

    /** The entries waiting for their bodies; they count as being evaluated until {@link #evaluated} is called. */
    List<QueueEntry> takeUnevaluated() {
        List<QueueEntry> taken = new ArrayList<>(unevaluated);
        unevaluated.clear();
        evaluating += taken.size();
        return taken;
    }

    /**
     * An entry taken by {@link #takeUnevaluated}, with its body (null if it could not be read: not selected) and
     * whether it is still ready (it may have been claimed, expired or purged meanwhile).
     */
    void evaluated(QueueEntry e, byte[] body, boolean stillReady) {
        evaluating--;
        if (stillReady && body != null) {
            evaluate(e, body);
        }
    }

    /** The entry is no longer ready. */
    void forget(QueueEntry e) {
        entries.remove(e);
        unevaluated.remove(e);
    }

    void clear() {
        entries.clear();
        unevaluated.clear();
    }

    private void evaluate(QueueEntry e, byte[] body) {
        evaluations++;
        try {
            if (filter.matches(body, e.deliveryCount + 1)) {
                entries.add(e);
            }
        } catch (RuntimeException ex) {
            LOG.log(Level.WARNING, "cannot evaluate selector '" + selector + "' on message " + e.message.id
                    + "; it is not selected", ex);
        }
    }
}
