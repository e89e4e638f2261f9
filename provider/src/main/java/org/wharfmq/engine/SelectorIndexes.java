package org.wharfmq.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The selector indexes of one queue: one {@link SelectorIndex} per distinct selector of its consumers (JMS 3.1
 * §3.8.1), shared by the consumers with that selector, kept up to date as entries become ready and leave. Guarded
 * by the queue's lock, except {@link #evaluatePending}'s body reads, which must not hold it.
 */
final class SelectorIndexes {

    private final Map<String, SelectorIndex> bySelector = new HashMap<>();
    /** Evaluations of indexes that are gone (their last consumer left), for the queue's total. */
    private long retiredEvaluations;

    /**
     * The index of {@code selector} for a consumer joining; a new one is built from {@code ready}. Returns it, and
     * sets {@code pending[0]} when some of those entries must still be evaluated outside the lock.
     */
    SelectorIndex join(String selector, MessageFilter filter, Iterable<QueueEntry> ready, boolean[] pending) {
        SelectorIndex index = bySelector.get(selector);
        if (index == null) {
            index = new SelectorIndex(selector, filter);
            for (QueueEntry e : ready) {
                pending[0] |= !index.offer(e);
            }
            bySelector.put(selector, index);
        }
        index.receivers++;
        return index;
    }

    /** A consumer with that index left; the index goes with its last one. */
    void leave(SelectorIndex index) {
        if (--index.receivers == 0) {
            retiredEvaluations += index.evaluations;
            bySelector.remove(index.selector);
        }
    }

    /** The entry became ready; true if an index must still evaluate it outside the lock. */
    boolean offer(QueueEntry e) {
        boolean pending = false;
        for (SelectorIndex index : bySelector.values()) {
            pending |= !index.offer(e);
        }
        return pending;
    }

    /** The entry is no longer ready. */
    void forget(QueueEntry e) {
        for (SelectorIndex index : bySelector.values()) {
            index.forget(e);
        }
    }

    void clear() {
        bySelector.values().forEach(SelectorIndex::clear);
    }

    /** Whether some index holds the entry, or cannot tell yet (it is still evaluating). */
    boolean selects(QueueEntry e) {
        for (SelectorIndex index : bySelector.values()) {
            if (index.entries.contains(e) || !index.isCurrent()) {
                return true;
            }
        }
        return false;
    }

    /** How many times a selector has been evaluated against the queue's entries. */
    long evaluations() {
        long n = retiredEvaluations;
        for (SelectorIndex index : bySelector.values()) {
            n += index.evaluations;
        }
        return n;
    }

    /** Entries taken for evaluation outside the lock, by index. */
    record Pending(List<SelectorIndex> owners, List<List<QueueEntry>> work) {
        boolean isEmpty() {
            return work.isEmpty();
        }
    }

    /** Under the lock: the entries the indexes could not evaluate yet (their bodies are not in memory). */
    Pending takeUnevaluated() {
        List<SelectorIndex> owners = new ArrayList<>();
        List<List<QueueEntry>> work = new ArrayList<>();
        for (SelectorIndex index : bySelector.values()) {
            List<QueueEntry> taken = index.takeUnevaluated();
            if (!taken.isEmpty()) {
                owners.add(index);
                work.add(taken);
            }
        }
        return new Pending(owners, work);
    }

    /** Without the lock: the bodies of the pending entries, each read once ({@code read}: null if it cannot be). */
    static Map<QueueEntry, byte[]> bodiesOf(Pending p, Function<QueueEntry, byte[]> read) {
        Map<QueueEntry, byte[]> bodies = new IdentityHashMap<>();
        for (List<QueueEntry> entries : p.work()) {
            for (QueueEntry e : entries) {
                if (!bodies.containsKey(e)) {
                    bodies.put(e, read.apply(e));
                }
            }
        }
        return bodies;
    }

    /** Under the lock again: the pending entries evaluated on their bodies, if they are still ready. */
    static void evaluated(Pending p, Map<QueueEntry, byte[]> bodies, Predicate<QueueEntry> stillReady) {
        for (int i = 0; i < p.owners().size(); i++) {
            for (QueueEntry e : p.work().get(i)) {
                p.owners().get(i).evaluated(e, bodies.get(e), stillReady.test(e));
            }
        }
    }
}
