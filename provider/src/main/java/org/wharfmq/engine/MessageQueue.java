package org.wharfmq.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.wharfmq.store.EntrySource;

/**
 * The in-memory dispatch state of one queue or subscription. Ready entries are kept in delivery order — higher
 * priority first, then send order (JMS 3.1 §6.2.9) — and an entry given back for redelivery returns to its own
 * place, ahead of newer messages. Entries wait in a schedule until their delivery time or redelivery delay has
 * passed, without holding back the rest of the queue or any thread. Consumers pull through a {@link Receiver};
 * there is no per-consumer buffer, so a slow consumer never sits on messages another could take.
 */
public class MessageQueue implements Target {

    static final Comparator<QueueEntry> DELIVERY_ORDER = QueueContents.DELIVERY_ORDER;

    final Engine engine;
    final long id;
    private final String name;
    final boolean journaled;
    final boolean temporary;
    final long ownerConnection;
    /** The destination whose delivery policy applies (a subscription's topic); looked up when needed, so that
     * policies changed while the engine runs apply to existing queues too. */
    private final String policyName;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();
    /** The entries, under {@link #lock}. */
    private final QueueContents contents = new QueueContents();
    private final TreeSet<QueueEntry> ready = contents.ready;
    private final SelectorIndexes indexes = contents.indexes;
    private final Map<String, Receiver> groupOwners = new HashMap<>();
    /** Receivers without a selector: they take anything, so nothing claimed from a shared store is unwanted. */
    private int plainReceivers;
    private final AtomicInteger consumers = new AtomicInteger();
    private final List<Runnable> watchers = new CopyOnWriteArrayList<>();
    /** Where entries come from when other nodes share the store (see {@link StoreWindow}); null otherwise. */
    private final StoreWindow window;
    private volatile boolean deleted;
    /** An operator stopped delivery (JMX); sends still arrive. */
    private volatile boolean paused;
    /** Totals since the engine started, for operators. */
    /** Whether the engine keeps operators' figures (setting {@code metrics}). */
    private final boolean metrics;
    /** Set when the engine moves a dead letter into this queue (for operators: {@link Engine#isDeadLetterQueue}). */
    volatile boolean heldDeadLetters;
    final java.util.concurrent.atomic.LongAdder enqueued = new java.util.concurrent.atomic.LongAdder();
    final java.util.concurrent.atomic.LongAdder acknowledgedTotal = new java.util.concurrent.atomic.LongAdder();
    final java.util.concurrent.atomic.LongAdder expiredTotal = new java.util.concurrent.atomic.LongAdder();
    final java.util.concurrent.atomic.LongAdder deadLettered = new java.util.concurrent.atomic.LongAdder();

    MessageQueue(Engine engine, long id, String name, boolean journaled, boolean temporary, long ownerConnection,
                 String policyName) {
        this.metrics = engine.metrics();
        this.engine = engine;
        this.id = id;
        this.name = name;
        this.journaled = journaled;
        this.temporary = temporary;
        this.ownerConnection = ownerConnection;
        this.policyName = policyName;
        EntrySource source = journaled && !temporary ? engine.store.entrySource() : null;
        this.window = source == null ? null : new StoreWindow(this, source);
    }

    /** The delivery policy that applies to this queue now. */
    DeliveryPolicy policy() {
        return engine.policyFor(policyName);
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

    /** The name recorded as the original destination of a dead-lettered or expired message. */
    String originalDestination() {
        return name;
    }

    // ---- receivers -----------------------------------------------------------------------------------

    /**
     * A receiver for a consumer, reading through {@code filter} when it has a selector. Receivers with the same
     * selector share one index, built once from the ready entries.
     */
    public Receiver attach(String selector, MessageFilter filter) {
        boolean[] pending = new boolean[1];
        Receiver r;
        lock.lock();
        try {
            SelectorIndex index = null;
            if (selector == null) {
                plainReceivers++;
            } else {
                index = indexes.join(selector, filter, ready, pending);
            }
            r = new Receiver(this, index);
        } finally {
            lock.unlock();
        }
        if (window != null) {
            window.receiversChanged();
        }
        if (pending[0]) {
            evaluatePending();
        }
        return r;
    }

    /**
     * Evaluates the entries that selector indexes could not evaluate under the lock, reading their bodies from the
     * journal without it; repeats until none is left (entries may become ready meanwhile).
     */
    private void evaluatePending() {
        while (true) {
            SelectorIndexes.Pending pending;
            lock.lock();
            try {
                pending = indexes.takeUnevaluated();
            } finally {
                lock.unlock();
            }
            if (pending.isEmpty()) {
                return;
            }
            Map<QueueEntry, byte[]> bodies = SelectorIndexes.bodiesOf(pending, this::bodyForSelection);
            lock.lock();
            try {
                SelectorIndexes.evaluated(pending, bodies, ready::contains);
                available.signalAll();
            } finally {
                lock.unlock();
            }
            notifyWatchers();
        }
    }

    /** The body a selector is evaluated on, read from the journal if need be; null (not selected) if it cannot be. */
    private byte[] bodyForSelection(QueueEntry e) {
        try {
            return engine.body(e);
        } catch (EngineException | RuntimeException ex) {
            java.util.logging.Logger.getLogger(MessageQueue.class.getName()).log(java.util.logging.Level.WARNING,
                    "cannot read message " + e.message.id + " to evaluate selectors on it; it is not selected", ex);
            return null;
        }
    }

    void detach(Receiver r) {
        lock.lock();
        try {
            groupOwners.values().removeIf(owner -> owner == r);
            if (r.index == null) {
                plainReceivers--;
            }
            if (r.index != null) {
                indexes.leave(r.index);
            }
            available.signalAll();
        } finally {
            lock.unlock();
        }
        notifyWatchers();
    }

    // ---- entries becoming ready ----------------------------------------------------------------------

    /** Makes a committed entry visible now, or when its delivery time comes. */
    void add(QueueEntry e) {
        if (deleted) {
            return;
        }
        if (metrics) {
            enqueued.increment();
        }
        e.visibleAt = e.message.deliveryTime;
        schedule(e);
    }

    /** Gives a delivered entry back, visible again after {@code delayMillis}. */
    void release(QueueEntry e, long delayMillis) {
        lock.lock();
        try {
            contents.inFlight--;
        } finally {
            lock.unlock();
        }
        if (deleted) {
            return;
        }
        e.visibleAt = delayMillis > 0 ? System.currentTimeMillis() + delayMillis : 0;
        if (window != null && e.durable && consumers.get() == 0) {
            window.giveBack(List.of(e)); // no consumer here any more: another node's may have it
            return;
        }
        schedule(e);
    }

    private void schedule(QueueEntry e) {
        boolean pending;
        lock.lock();
        try {
            if (e.visibleAt > System.currentTimeMillis()) {
                contents.scheduleLater(e);
                engine.timer.at(e.visibleAt, this::releaseDue);
                return;
            }
            pending = makeReady(e);
            available.signalAll();
        } finally {
            lock.unlock();
        }
        notifyWatchers();
        if (pending) {
            evaluatePending();
        }
    }

    /** Under the lock; true if a selector index must still evaluate the entry ({@link #evaluatePending}). */
    private boolean makeReady(QueueEntry e) {
        return contents.makeReady(e);
    }

    private void releaseDue() {
        long now = System.currentTimeMillis();
        boolean any = false;
        boolean pending = false;
        lock.lock();
        try {
            for (QueueEntry e : contents.releaseDue(now)) {
                pending |= makeReady(e);
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
        if (pending) {
            evaluatePending();
        }
    }

    // ---- a shared store's entries ----------------------------------------------------------------------

    /** True if the store dispatches this queue's durable entries (a shared store): they are claimed, not loaded. */
    boolean dispatchedByStore() {
        return window != null;
    }

    /** The store may have new ready entries for this queue: waiting consumers claim them. */
    void storeHasWork() {
        if (window == null) {
            return;
        }
        lock.lock();
        try {
            window.mayHaveMore();
            available.signalAll();
        } finally {
            lock.unlock();
        }
        notifyWatchers();
    }

    /**
     * Entries a {@link StoreWindow} claimed: ready here, and for no other node. Returns those no consumer here can
     * take — every consumer has a selector and none selects them, or there is no consumer — taken out again, for the
     * window to give back to the other nodes.
     */
    List<QueueEntry> claimedFromStore(List<QueueEntry> entries) {
        boolean pending = false;
        List<QueueEntry> unwanted = new ArrayList<>(0);
        lock.lock();
        try {
            for (QueueEntry e : entries) {
                if (!deleted) {
                    e.visibleAt = 0;
                    pending |= makeReady(e);
                }
            }
            if (plainReceivers == 0) {
                for (QueueEntry e : entries) {
                    if (ready.contains(e) && !indexes.selects(e)) {
                        removeReady(e);
                        unwanted.add(e);
                    }
                }
            }
            available.signalAll();
        } finally {
            lock.unlock();
        }
        notifyWatchers();
        if (pending) {
            evaluatePending();
        }
        return unwanted;
    }

    /**
     * After a restart on a shared store: the entry a prepared XA branch of this node acknowledged, which the store
     * kept held for this node; in flight here until the branch is resolved. Null if the store has no such entry.
     */
    QueueEntry heldByPreparedBranch(long messageId) {
        QueueEntry e = window.held(messageId);
        if (e != null) {
            lock.lock();
            try {
                contents.inFlight++;
            } finally {
                lock.unlock();
            }
        }
        return e;
    }

    /** Gives every claimed entry that waits here (not in flight) back to the store, for the other nodes. */
    void giveBackIdle() {
        if (window != null) {
            window.giveBack(takeDurableWaiting());
        }
    }

    /** This node's claims are lost: the entries waiting here are not this node's to deliver any more. */
    void dropClaimed() {
        if (window != null) {
            takeDurableWaiting();
        }
    }

    private List<QueueEntry> takeDurableWaiting() {
        lock.lock();
        try {
            return contents.takeDurableWaiting();
        } finally {
            lock.unlock();
        }
    }

    // ---- claiming ------------------------------------------------------------------------------------

    /** Claims the next entry {@code r} may take, or null at once. */
    QueueEntry poll(Receiver r) {
        List<QueueEntry> expired = new ArrayList<>(0);
        QueueEntry claimed;
        boolean fill;
        lock.lock();
        try {
            claimed = claim(r, expired);
            fill = claimed == null && expired.isEmpty() && window != null && window.startFill();
        } finally {
            lock.unlock();
        }
        if (fill) {
            window.fill();
            lock.lock();
            try {
                claimed = claim(r, expired);
            } finally {
                lock.unlock();
            }
        }
        finish(claimed, expired);
        return claimed;
    }

    QueueEntry take(Receiver r, long timeoutNanos, BooleanSupplier active) throws InterruptedException {
        long deadline = timeoutNanos == 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        List<QueueEntry> expired = new ArrayList<>(0);
        QueueEntry claimed = null;
        lock.lock();
        try {
            while (active.getAsBoolean() && !deleted && !r.isClosed()) {
                claimed = claim(r, expired);
                if (claimed != null || !expired.isEmpty()) {
                    break;
                }
                if (window != null && window.startFill()) {
                    lock.unlock();
                    try {
                        window.fill(); // a database round trip: never under the lock
                    } finally {
                        lock.lock();
                    }
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                // bounded wait: the schedule and the expiry of the head are checked at least every second
                available.awaitNanos(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
            }
        } finally {
            lock.unlock();
        }
        finish(claimed, expired);
        if (claimed == null && !expired.isEmpty()) {
            return take(r, Math.max(1, deadline - System.nanoTime()), active);
        }
        return claimed;
    }

    /** Under the lock: the first entry in {@code r}'s view that is not expired and not in another's group. */
    private QueueEntry claim(Receiver r, List<QueueEntry> expired) {
        if (paused) {
            return null;
        }
        if (r.index != null && !r.index.isCurrent()) {
            return null; // bodies are being read for its selector: an earlier match may be among them
        }
        TreeSet<QueueEntry> view = r.index == null ? ready : r.index.entries;
        long now = System.currentTimeMillis();
        for (Iterator<QueueEntry> it = view.iterator(); it.hasNext(); ) {
            QueueEntry e = it.next();
            if (e.message.isExpired(now)) {
                it.remove();
                removeReady(e);
                contents.inFlight++;
                expired.add(e);
                continue;
            }
            String group = e.message.groupId;
            if (group != null) {
                Receiver owner = groupOwners.get(group);
                if (owner != null && owner != r) {
                    continue;
                }
                groupOwners.put(group, r);
            }
            it.remove();
            removeReady(e);
            DeliveryCounts.claimed(e);
            contents.inFlight++;
            return e;
        }
        return null;
    }

    private void removeReady(QueueEntry e) {
        contents.removeReady(e);
    }

    private void finish(QueueEntry claimed, List<QueueEntry> expired) {
        if (!expired.isEmpty()) {
            engine.relocations().expire(expired);
        }
        if (claimed != null) {
            engine.counts.recordLazily(claimed);
        }
    }

    /**
     * Takes one entry out of delivery by message id, as if claimed: a prepared XA branch found at start-up holds
     * it until the branch is resolved. Null if the queue has no such ready or scheduled entry.
     */
    QueueEntry claimById(long messageId) {
        lock.lock();
        try {
            return contents.takeById(messageId);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the given entries out of delivery, as if claimed, in one pass over the queue (an operator's purge or
     * move of many messages); returns the ones still ready or scheduled, in delivery order.
     */
    List<QueueEntry> claimAll(java.util.Collection<QueueEntry> wanted) {
        lock.lock();
        try {
            return contents.takeAll(wanted);
        } finally {
            lock.unlock();
        }
    }

    /** Takes every expired ready entry out, for the background sweep; they count as in flight until moved. */
    List<QueueEntry> removeExpired(long now) {
        List<QueueEntry> expired;
        lock.lock();
        try {
            expired = contents.takeExpired(now);
        } finally {
            lock.unlock();
        }
        expiredTotal.add(expired.size());
        return expired;
    }

    /** An in-flight entry was acknowledged (or moved away). */
    void acknowledged(QueueEntry e) {
        if (metrics) {
            acknowledgedTotal.increment();
        }
        lock.lock();
        try {
            contents.inFlight--;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every blocked receive, so it can re-check its {@code active} condition. */
    public void wakeAll() {
        lock.lock();
        try {
            available.signalAll();
        } finally {
            lock.unlock();
        }
        notifyWatchers();
    }

    // ---- views and figures ---------------------------------------------------------------------------

    /**
     * Ready entries in delivery order, without claiming them (QueueBrowser, §5.9) — on a shared store also those
     * no node holds, read from the store (bodies are read when they are looked at).
     */
    public List<QueueEntry> snapshot() {
        List<QueueEntry> local;
        lock.lock();
        try {
            local = new ArrayList<>(ready);
        } finally {
            lock.unlock();
        }
        if (window == null) {
            return local;
        }
        TreeSet<QueueEntry> all = new TreeSet<>(DELIVERY_ORDER);
        all.addAll(local);
        all.addAll(window.browse());
        return new ArrayList<>(all);
    }

    /** Ready and scheduled entries (not in flight), without claiming them; for operators. */
    List<QueueEntry> snapshotAll() {
        lock.lock();
        try {
            return contents.waiting();
        } finally {
            lock.unlock();
        }
    }

    /** A ready entry and the delivery count it will have when it is next delivered. */
    record Upcoming(QueueEntry entry, int count) {
    }

    /** The first {@code n} durable ready entries in delivery order: the ones most likely delivered next. */
    List<Upcoming> upcoming(int n) {
        lock.lock();
        try {
            return contents.upcoming(n);
        } finally {
            lock.unlock();
        }
    }

    /** Waiting entries whose journal count runs ahead of their deliveries (recorded before they were delivered). */
    List<QueueEntry> recordedAhead() {
        lock.lock();
        try {
            return contents.recordedAhead();
        } finally {
            lock.unlock();
        }
    }

    public int readyCount() {
        lock.lock();
        try {
            return ready.size();
        } finally {
            lock.unlock();
        }
    }

    public int inFlightCount() {
        lock.lock();
        try {
            return contents.inFlight;
        } finally {
            lock.unlock();
        }
    }

    public int scheduledCount() {
        lock.lock();
        try {
            return contents.scheduledCount();
        } finally {
            lock.unlock();
        }
    }

    /** How many times a selector has been evaluated against entries of this queue (for tests and metrics). */
    public long selectorEvaluations() {
        lock.lock();
        try {
            return indexes.evaluations();
        } finally {
            lock.unlock();
        }
    }

    /** Every entry not in flight; used when the queue is deleted. */
    List<QueueEntry> drainAll() {
        lock.lock();
        try {
            return contents.drainAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops (or starts again) delivery to every consumer of this queue; an operator's switch. */
    public void setPaused(boolean paused) {
        this.paused = paused;
        if (!paused) {
            wakeAll();
        }
    }

    public boolean isPaused() {
        return paused;
    }

    /** How long ago the message next in line was stored, in milliseconds; -1 when nothing is ready. */
    public long headAgeMillis() {
        lock.lock();
        try {
            return ready.isEmpty() ? -1 : System.currentTimeMillis() - ready.first().message.storedAt;
        } finally {
            lock.unlock();
        }
    }

    /** Messages stored here since the engine started. */
    public long enqueuedTotal() {
        return enqueued.sum();
    }

    /** Messages acknowledged (or moved away by Wharf or an operator) since the engine started. */
    public long acknowledgedTotal() {
        return acknowledgedTotal.sum();
    }

    /** Messages found expired here since the engine started. */
    public long expiredTotal() {
        return expiredTotal.sum();
    }

    /** Messages moved from here to a dead-letter queue since the engine started. */
    public long deadLetteredTotal() {
        return deadLettered.sum();
    }

    /** True for a durable subscription (or a non-durable one), false for a queue. */
    public boolean isSubscription() {
        return this instanceof Subscription;
    }

    public void consumerOpened() {
        consumers.incrementAndGet();
    }

    public void consumerClosed() {
        if (consumers.decrementAndGet() == 0) {
            giveBackIdle();
        }
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
