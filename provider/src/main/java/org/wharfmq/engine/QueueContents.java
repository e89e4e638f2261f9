package org.wharfmq.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one queue holds, apart from who waits for it: the ready entries in delivery order — higher priority first,
 * then send order (JMS 3.1 §6.2.9) — with the selector indexes over them, the entries scheduled for later (a
 * delivery time, a redelivery delay), and how many are in flight (claimed, not yet acknowledged or given back).
 * Guarded by its {@link MessageQueue}'s lock, which decides who is woken; every method here runs under it.
 */
final class QueueContents {

    static final Comparator<QueueEntry> DELIVERY_ORDER = Comparator
            .comparingInt((QueueEntry e) -> -e.message.priority)
            .thenComparingLong(e -> e.message.id);

    private static final Comparator<QueueEntry> VISIBILITY_ORDER = Comparator
            .comparingLong((QueueEntry e) -> e.visibleAt)
            .thenComparingLong(e -> e.message.id);

    final TreeSet<QueueEntry> ready = new TreeSet<>(DELIVERY_ORDER);
    final SelectorIndexes indexes = new SelectorIndexes();
    private final PriorityQueue<QueueEntry> scheduled = new PriorityQueue<>(VISIBILITY_ORDER);
    int inFlight;

    /** True if a selector index must still evaluate the entry outside the lock. */
    boolean makeReady(QueueEntry e) {
        ready.add(e);
        return indexes.offer(e);
    }

    void removeReady(QueueEntry e) {
        ready.remove(e);
        indexes.forget(e);
    }

    void scheduleLater(QueueEntry e) {
        scheduled.add(e);
    }

    /** The scheduled entries due by {@code now} become ready; returns them. */
    List<QueueEntry> releaseDue(long now) {
        List<QueueEntry> due = new ArrayList<>(0);
        while (!scheduled.isEmpty() && scheduled.peek().visibleAt <= now) {
            due.add(scheduled.poll());
        }
        return due;
    }

    /** Takes a ready or scheduled entry out by message id, as if claimed; null if there is none. */
    QueueEntry takeById(long messageId) {
        for (QueueEntry e : ready) {
            if (e.message.id == messageId) {
                removeReady(e);
                inFlight++;
                return e;
            }
        }
        for (QueueEntry e : scheduled) {
            if (e.message.id == messageId) {
                scheduled.remove(e);
                inFlight++;
                return e;
            }
        }
        return null;
    }

    /** Takes the given entries out as if claimed, in one pass; returns the ones still ready or scheduled. */
    List<QueueEntry> takeAll(Collection<QueueEntry> wanted) {
        Set<QueueEntry> want = Collections.newSetFromMap(new IdentityHashMap<>());
        want.addAll(wanted);
        List<QueueEntry> taken = new ArrayList<>();
        for (QueueEntry e : new ArrayList<>(ready)) {
            if (want.contains(e)) {
                removeReady(e);
                inFlight++;
                taken.add(e);
            }
        }
        for (Iterator<QueueEntry> it = scheduled.iterator(); it.hasNext(); ) {
            QueueEntry e = it.next();
            if (want.contains(e)) {
                it.remove();
                inFlight++;
                taken.add(e);
            }
        }
        return taken;
    }

    /** Takes every expired ready entry out; they count as in flight until moved. */
    List<QueueEntry> takeExpired(long now) {
        List<QueueEntry> expired = new ArrayList<>();
        for (Iterator<QueueEntry> it = ready.iterator(); it.hasNext(); ) {
            QueueEntry e = it.next();
            if (e.message.isExpired(now)) {
                it.remove();
                indexes.forget(e);
                inFlight++;
                expired.add(e);
            }
        }
        return expired;
    }

    /** Takes out every durable entry that waits (ready or scheduled), not as claimed: a shared store's, given up. */
    List<QueueEntry> takeDurableWaiting() {
        List<QueueEntry> out = new ArrayList<>();
        for (QueueEntry e : new ArrayList<>(ready)) {
            if (e.durable) {
                removeReady(e);
                out.add(e);
            }
        }
        for (Iterator<QueueEntry> it = scheduled.iterator(); it.hasNext(); ) {
            QueueEntry e = it.next();
            if (e.durable) {
                it.remove();
                out.add(e);
            }
        }
        return out;
    }

    /** Every entry not in flight, taken out (the queue is deleted). */
    List<QueueEntry> drainAll() {
        List<QueueEntry> all = waiting();
        ready.clear();
        scheduled.clear();
        indexes.clear();
        return all;
    }

    /** Ready and scheduled entries, not taken out. */
    List<QueueEntry> waiting() {
        List<QueueEntry> all = new ArrayList<>(ready);
        all.addAll(scheduled);
        return all;
    }

    /** The first {@code n} durable ready entries with the delivery count each will have when next delivered. */
    List<MessageQueue.Upcoming> upcoming(int n) {
        List<MessageQueue.Upcoming> out = new ArrayList<>(n);
        for (QueueEntry e : ready) {
            if (out.size() == n) {
                break;
            }
            if (e.durable) {
                out.add(new MessageQueue.Upcoming(e, e.deliveryCount + 1));
            }
        }
        return out;
    }

    /** Waiting entries whose stored count runs ahead of their deliveries (recorded before they were delivered). */
    List<QueueEntry> recordedAhead() {
        List<QueueEntry> out = new ArrayList<>();
        for (QueueEntry e : waiting()) {
            if (e.durable && e.recordedCount > e.deliveryCount) {
                out.add(e);
            }
        }
        return out;
    }

    int scheduledCount() {
        return scheduled.size();
    }
}
