package org.wharfmq.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The in-memory dispatch index of one queue or subscription: ready entries by priority (higher first, then
 * send order — JMS 3.1 §6.2.9, §7.6), entries released for redelivery ahead of newer ones of their priority,
 * and entries whose delivery time has not come. Consumers pull from it; there is no per-consumer buffer, so a
 * slow consumer never holds messages another could take.
 */
public class MessageQueue implements Target {

    static final Comparator<QueueEntry> DELIVERY_ORDER = Comparator
            .comparingInt((QueueEntry e) -> -e.message.priority)
            .thenComparingLong(e -> e.message.id);

    final Engine engine;
    final long id;
    private final String name;
    final boolean journaled;
    final boolean temporary;
    final long ownerConnection;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();
    @SuppressWarnings("unchecked")
    private final ArrayDeque<QueueEntry>[] ready = new ArrayDeque[10];
    private final TreeSet<QueueEntry> returned = new TreeSet<>(DELIVERY_ORDER);
    private final PriorityQueue<QueueEntry> scheduled = new PriorityQueue<>(
            Comparator.comparingLong((QueueEntry e) -> e.message.deliveryTime).thenComparingLong(e -> e.message.id));
    private int readyCount;
    private int inFlight;
    private final AtomicInteger consumers = new AtomicInteger();
    private final List<Runnable> watchers = new CopyOnWriteArrayList<>();
    private volatile boolean deleted;

    MessageQueue(Engine engine, long id, String name, boolean journaled, boolean temporary, long ownerConnection) {
        this.engine = engine;
        this.id = id;
        this.name = name;
        this.journaled = journaled;
        this.temporary = temporary;
        this.ownerConnection = ownerConnection;
        for (int i = 0; i < ready.length; i++) {
            ready[i] = new ArrayDeque<>();
        }
    }

    @Override
    public String name() {
        return name;
    }

    public boolean isTemporary() {
        return temporary;
    }

    public long ownerConnection() {
        return ownerConnection;
    }

    boolean isDeleted() {
        return deleted;
    }

    /** Makes a committed entry visible now, or when its delivery time comes. */
    void add(QueueEntry e) {
        if (deleted) {
            return;
        }
        long now = System.currentTimeMillis();
        lock.lock();
        try {
            if (e.message.deliveryTime > now) {
                scheduled.add(e);
                engine.timer.at(e.message.deliveryTime, this::releaseDue);
                return;
            }
            ready[e.message.priority].addLast(e);
            readyCount++;
            available.signal();
        } finally {
            lock.unlock();
        }
        notifyWatchers();
    }

    /** Puts a delivered entry back for redelivery, ahead of newer entries of its priority. */
    void release(QueueEntry e) {
        lock.lock();
        try {
            inFlight--;
            if (deleted) {
                return;
            }
            returned.add(e);
            readyCount++;
            available.signal();
        } finally {
            lock.unlock();
        }
        notifyWatchers();
    }

    /** An entry removed from the ready set without delivery (expired) is about to be acknowledged. */
    void claimedForRemoval() {
        lock.lock();
        try {
            inFlight++;
        } finally {
            lock.unlock();
        }
    }

    /** An in-flight entry was acknowledged. */
    void acknowledged(QueueEntry e) {
        lock.lock();
        try {
            inFlight--;
        } finally {
            lock.unlock();
        }
    }

    private void releaseDue() {
        long now = System.currentTimeMillis();
        boolean any = false;
        lock.lock();
        try {
            while (!scheduled.isEmpty() && scheduled.peek().message.deliveryTime <= now) {
                QueueEntry e = scheduled.poll();
                ready[e.message.priority].addLast(e);
                readyCount++;
                any = true;
            }
            if (any) {
                available.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (any) {
            notifyWatchers();
        }
    }

    /** Claims the next deliverable entry, or returns null at once if there is none. */
    public QueueEntry poll() {
        List<QueueEntry> expired = null;
        QueueEntry claimed = null;
        long now = System.currentTimeMillis();
        lock.lock();
        try {
            while (readyCount > 0) {
                QueueEntry e = removeFirst();
                if (e.message.isExpired(now)) {
                    if (expired == null) {
                        expired = new ArrayList<>();
                    }
                    expired.add(e);
                    continue;
                }
                e.deliveryCount++;
                inFlight++;
                claimed = e;
                break;
            }
        } finally {
            lock.unlock();
        }
        if (expired != null) {
            engine.expired(expired);
        }
        if (claimed != null && claimed.durable) {
            engine.journal.recordDelivery(id, claimed.message.id, claimed.deliveryCount);
        }
        return claimed;
    }

    private QueueEntry removeFirst() {
        QueueEntry best = returned.isEmpty() ? null : returned.first();
        for (int p = ready.length - 1; p >= 0; p--) {
            QueueEntry head = ready[p].peekFirst();
            if (head != null) {
                if (best != null && best.message.priority >= p) {
                    break;
                }
                ready[p].pollFirst();
                readyCount--;
                return head;
            }
        }
        returned.pollFirst();
        readyCount--;
        return best;
    }

    /**
     * Claims the next entry, waiting up to {@code timeoutNanos} (0 = forever) while {@code active} holds.
     * Returns null on timeout, or as soon as {@code active} turns false and {@link #wakeAll()} is called.
     */
    public QueueEntry take(long timeoutNanos, BooleanSupplier active) throws InterruptedException {
        long deadline = timeoutNanos == 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        while (active.getAsBoolean() && !deleted) {
            QueueEntry e = poll();
            if (e != null) {
                return e;
            }
            lock.lock();
            try {
                if (readyCount > 0) {
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                // bounded wait: expiry of the head and the scheduled set are checked again at least every second
                available.awaitNanos(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
            } finally {
                lock.unlock();
            }
        }
        return null;
    }

    /** Wakes every blocked {@link #take}, so it can re-check its {@code active} condition. */
    public void wakeAll() {
        lock.lock();
        try {
            available.signalAll();
        } finally {
            lock.unlock();
        }
        notifyWatchers();
    }

    /** Entries ready for delivery, in delivery order, without claiming them (QueueBrowser, §5.9). */
    public List<QueueEntry> snapshot() {
        List<QueueEntry> result = new ArrayList<>();
        lock.lock();
        try {
            Iterator<QueueEntry> r = returned.iterator();
            QueueEntry nextReturned = r.hasNext() ? r.next() : null;
            for (int p = ready.length - 1; p >= 0; p--) {
                while (nextReturned != null && nextReturned.message.priority == p) {
                    result.add(nextReturned);
                    nextReturned = r.hasNext() ? r.next() : null;
                }
                result.addAll(ready[p]);
            }
        } finally {
            lock.unlock();
        }
        return result;
    }

    /** Ready entries (not in flight, not scheduled). */
    public int readyCount() {
        lock.lock();
        try {
            return readyCount;
        } finally {
            lock.unlock();
        }
    }

    /** Entries delivered and not yet acknowledged. */
    public int inFlightCount() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    public int scheduledCount() {
        lock.lock();
        try {
            return scheduled.size();
        } finally {
            lock.unlock();
        }
    }

    /** Every entry not in flight; used when the queue is deleted. */
    List<QueueEntry> drainAll() {
        lock.lock();
        try {
            List<QueueEntry> all = new ArrayList<>(returned);
            returned.clear();
            for (ArrayDeque<QueueEntry> d : ready) {
                all.addAll(d);
                d.clear();
            }
            all.addAll(scheduled);
            scheduled.clear();
            readyCount = 0;
            return all;
        } finally {
            lock.unlock();
        }
    }

    public void consumerOpened() {
        consumers.incrementAndGet();
    }

    public void consumerClosed() {
        consumers.decrementAndGet();
        wakeAll();
    }

    public int consumerCount() {
        return consumers.get();
    }

    /** Registers a callback run whenever entries become ready (asynchronous delivery wakes on it). */
    public void addWatcher(Runnable watcher) {
        watchers.add(watcher);
    }

    public void removeWatcher(Runnable watcher) {
        watchers.remove(watcher);
    }

    private void notifyWatchers() {
        for (Runnable w : watchers) {
            w.run();
        }
    }

    void markDeleted() {
        deleted = true;
        wakeAll();
    }

    @Override
    public String toString() {
        return "queue " + name;
    }
}
