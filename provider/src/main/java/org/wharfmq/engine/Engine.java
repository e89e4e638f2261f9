package org.wharfmq.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.wharfmq.engine.EngineException.Kind;
import org.wharfmq.store.EntrySource;
import org.wharfmq.store.StaleRegistryException;
import org.wharfmq.store.StoreConfig;
import org.wharfmq.store.StoreOp;
import org.wharfmq.store.MessageStore;
import org.wharfmq.store.QueueRecord;
import org.wharfmq.store.StoreException;
import org.wharfmq.store.Stores;

/**
 * One journal's worth of messaging: its queues, topics and subscriptions, the dispatch state kept in memory,
 * and the rules for turning sends and acknowledgements into journal writes. A persistent message is in the
 * journal (forced to disk) before {@link #commit} returns; dispatch never scans the journal.
 *
 * <p>Engines are shared: every connection factory in a JVM that names the same journal gets the same engine
 * from {@link EngineRegistry}, which closes it when its last connection closes.
 */
public final class Engine {

    private static final Logger LOG = Logger.getLogger(Engine.class.getName());

    /** Properties a dead-lettered or expired message carries (JMS_<vendor> names, JMS 3.1 §3.5.10). */
    public static final String ORIGINAL_DESTINATION = "JMS_WharfOriginalDestination";
    public static final String ORIGINAL_SUBSCRIPTION = "JMS_WharfOriginalSubscription";
    public static final String DELIVERY_ATTEMPTS = "JMS_WharfDeliveryAttempts";
    public static final String FAILURE_REASON = "JMS_WharfFailureReason";
    public static final String EXPIRED_AT = "JMS_WharfExpiredAt";

    final MessageStore store;
    final DeliveryTimer timer;
    private final ExecutorService workers;
    private final EngineConfig config;
    /** The configured policies, plus overrides made while running ({@link #overridePolicy}). */
    private volatile DeliveryPolicies policies;
    private final AtomicLong connectionIds = new AtomicLong();
    private final AtomicLong cachedBodyBytes = new AtomicLong();

    private final Destinations destinations = new Destinations(this);
    private final Subscriptions subscriptions = new Subscriptions(this);
    private final XaTransactions xa = new XaTransactions(this);
    private final Relocations relocations = new Relocations(this);
    /** Every change of an entry's delivery count goes through it. */
    final DeliveryCounts counts;
    private final ClientIds clientIds;
    /** What sends become: entries, their store operations, and (on a shared store) the routing's checks. */
    final Routing routing = new Routing(this);
    /** Kind of a shared store's reservation ({@link EntrySource#reserve}) held by a durable subscription's consumer. */
    static final String DURABLE_CONSUMER = "durable-consumer";
    private volatile boolean closed;

    private Engine(EngineConfig config, MessageStore store) throws StoreException {
        this.config = config;
        this.policies = config.policies();
        this.store = store;
        this.counts = new DeliveryCounts(store);
        this.clientIds = new ClientIds(store);
        if (config.metrics()) {
            store.recordCommitLatencies();
        }
        String shortName = store.identity().substring(0, 8);
        this.timer = new DeliveryTimer(shortName);
        AtomicInteger workerNumber = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "wharf-worker-" + workerNumber.incrementAndGet() + "[" + shortName + "]");
            t.setDaemon(true);
            return t;
        });
        recover();
        // expired messages that no consumer comes across are found by this sweep
        timer.every(config.expirySweepMillis(), this::sweepExpired);
        EntrySource source = store.entrySource();
        if (source != null) {
            source.watch(new StoreWatcher());
            // the safety net under the store's notifications: queues with consumers look for work this often
            timer.every(source.pollMillis(), () -> wakeFromStore(-1));
        }
    }

    /** A shared store's news: new work somewhere, or this node's claims lost. */
    private final class StoreWatcher implements EntrySource.Watcher {
        @Override
        public void workMayBeReady(long queueId) {
            wakeFromStore(queueId);
        }

        @Override
        public void subscriptionsChanged(String topic) {
            workers.execute(() -> {
                try {
                    subscriptions.refreshTopic(topic);
                } catch (EngineException e) {
                    LOG.log(Level.FINE, "cannot reload the subscriptions of topic " + topic + "; the next publish"
                            + " does", e);
                }
            });
        }

        @Override
        public void claimsLost() {
            LOG.warning("this node lost its lease on the shared journal " + store.url() + ": the messages it"
                    + " had claimed but not delivered are left to the other nodes");
            for (MessageQueue q : destinations.allQueues()) {
                q.dropClaimed();
            }
        }
    }

    /** Queues dispatched by the store ({@code queueId}, or all when -1) that have consumers look for work. */
    private void wakeFromStore(long queueId) {
        for (MessageQueue q : destinations.allQueues()) {
            if ((queueId < 0 || q.id == queueId) && q.dispatchedByStore() && q.consumerCount() > 0) {
                q.storeHasWork();
            }
        }
    }

    /** Opens the journal and rebuilds the dispatch state from it. Use {@link EngineRegistry} instead. */
    static Engine open(EngineConfig config) throws EngineException {
        MessageStore store;
        try {
            store = Stores.open(new StoreConfig(config.journalUrl(), config.journalUser(), config.journalPassword(),
                    config.nodeLease(), config.nodeName(), config.pollMillis()));
        } catch (StoreException e) {
            throw new EngineException(e.isDiskFull() ? Kind.JOURNAL_FULL : Kind.JOURNAL, e.getMessage(), e);
        }
        try {
            Engine engine = new Engine(config, store);
            if (config.metrics()) {
                config.hooks().opened(engine);
            }
            return engine;
        } catch (StoreException | RuntimeException e) {
            store.close();
            throw new EngineException(Kind.JOURNAL, "cannot recover the journal " + store.url() + ": "
                    + e.getMessage(), e);
        }
    }

    private void recover() throws StoreException {
        Map<Long, MessageQueue> byId = new HashMap<>();
        for (QueueRecord r : store.loadQueues()) {
            byId.put(r.id(), r.kind() == QueueRecord.QUEUE ? destinations.restoreQueue(r)
                    : subscriptions.restoreDurable(r));
        }
        long[] count = new long[1];
        StoredMessage[] current = new StoredMessage[1];
        store.loadEntries(e -> {
            StoredMessage m = current[0];
            if (m == null || m.id != e.messageId()) {
                m = StoredMessage.fromJournal(e);
                current[0] = m;
            }
            MessageQueue q = byId.get(e.queueId());
            if (q == null) {
                return; // an entry of a queue deleted in the same crash window; its message is garbage
            }
            m.addDurableRef();
            q.add(new QueueEntry(m, q, true, e.deliveryCount()));
            count[0]++;
        });
        xa.restore(store.loadPreparedBranches(), byId);
        LOG.fine(() -> "recovered " + count[0] + " entries in " + byId.size() + " queues from " + store.url());
    }

    /** The journal's identity: a UUID that names this resource manager and prefixes message IDs. */
    public String identity() {
        return store.identity();
    }

    /** The security realm file every connection must pass, or "" (see {@link EngineConfig}). */
    public String securityFile() {
        return config.securityFile();
    }

    /** The journal's URL as configured, without a password it may contain (for messages and operators). */
    public String journalUrl() {
        return store.url();
    }

    EngineHooks hooks() {
        return config.hooks();
    }

    DeliveryPolicy policyFor(String destination) {
        return policies.forDestination(destination);
    }

    /**
     * Replaces (or adds) the delivery policy of destinations matching {@code pattern} while the engine runs: a
     * resource adapter's activation may carry its own redelivery settings. It applies to deliveries from now on.
     */
    public synchronized void overridePolicy(String pattern, DeliveryPolicy policy) {
        List<DeliveryPolicies.Override> overrides = new ArrayList<>(policies.overrides());
        overrides.removeIf(o -> o.pattern().equals(pattern));
        overrides.add(new DeliveryPolicies.Override(pattern, policy));
        policies = new DeliveryPolicies(policies.defaults(), overrides);
    }


    public long nextMessageId() {
        return store.nextMessageId();
    }

    /** Threads for asynchronous delivery and completion callbacks; they stop with the engine. */
    public ExecutorService workers() {
        return workers;
    }

    // ---- connections and client identifiers -----------------------------------------------------------

    public long openConnection() {
        return connectionIds.incrementAndGet();
    }

    /** Frees what a closed connection held: its client identifier and its temporary destinations. */
    public void closeConnection(long connection) {
        clientIds.connectionClosed(connection);
        destinations.connectionClosed(connection);
    }

    /** Reserves a client identifier for a connection (JMS 3.1 §6.1.2: one connection at a time). */
    public void claimClientId(String clientId, long connection) throws EngineException {
        clientIds.claim(clientId, connection);
    }


    // ---- destinations and subscriptions ------------------------------------------------------------

    /** Queues, topics and temporary destinations. */
    EngineConfig config() {
        return config;
    }

    /** Every queue and durable subscription an operator can see (temporary and non-durable ones are not). */
    public List<MessageQueue> managedQueues() {
        List<MessageQueue> out = new ArrayList<>();
        for (MessageQueue q : destinations.allQueues()) {
            if (q.journaled && !q.temporary && !q.isDeleted()) {
                out.add(q);
            }
        }
        return out;
    }

    /** Group commits and units the journal has written (see {@link Journal#writeFigures}). */
    public long[] journalFigures() {
        return store.writeFigures();
    }

    /**
     * Whether {@code q} keeps dead letters — it is the dead-letter queue of a policy, or one was moved into it — so
     * that operators see it as one, and its own messages are never dead-lettered again (they are redelivered).
     */
    public boolean isDeadLetterQueue(MessageQueue q) {
        return !q.temporary && !(q instanceof Subscription)
                && (q.heldDeadLetters || policies.isDeadLetterQueue(q.name()));
    }

    /** Whether this engine keeps operators' figures (setting {@code metrics}). */
    public boolean metrics() {
        return config.metrics();
    }

    /**
     * How long units waited for their group commit (submission to durable), in microseconds, since the last call;
     * empty when metrics are off.
     */
    public org.HdrHistogram.Histogram commitLatenciesSinceLastCall() {
        return store.commitLatenciesSinceLastCall();
    }

    /** Bytes the journal's files take on disk, or -1 when it is not a local file. */
    public long journalBytes() {
        return store.bytesOnDisk();
    }

    public Destinations destinations() {
        return destinations;
    }

    /** Moves of messages to another queue: dead letters, expired messages, an operator's move. */
    Relocations relocations() {
        return relocations;
    }

    /** XA transaction branches: the engine as a resource manager. */
    public XaTransactions xa() {
        return xa;
    }

    /** Topic subscriptions of every kind. */
    public Subscriptions subscriptions() {
        return subscriptions;
    }

    /** Stores a queue or durable subscription, or finds the one another node of a shared store stored first. */
    QueueRecord defineQueue(QueueRecord proposed) throws EngineException {
        try {
            return store.defineQueue(proposed);
        } catch (StoreException e) {
            throw new EngineException(e.isDiskFull() ? Kind.JOURNAL_FULL : Kind.JOURNAL, e.getMessage(), e);
        }
    }

    /** A consumer closed: the queue stops counting it, and a non-durable subscription may end. */
    public void consumerClosed(MessageQueue queue) {
        queue.consumerClosed();
        if (queue instanceof Subscription s) {
            subscriptions.consumerClosed(s);
        }
    }

    // ---- sending, acknowledging, transactions --------------------------------------------------------

    /**
     * Makes sends and acknowledgements durable in one journal transaction, then applies them: sent messages
     * become visible, acknowledged entries are gone. Used for a single send, a transacted commit and an
     * acknowledgement alike. On failure nothing was applied.
     */
    public void commit(List<Outgoing> sends, List<QueueEntry> acks) throws EngineException {
        for (int attempt = 1; ; attempt++) {
            List<QueueEntry> routed = new ArrayList<>();
            List<StoreOp> ops = new ArrayList<>();
            route(sends, routed, ops);
            ackOps(acks, ops);
            if (!ops.isEmpty()) {
                try {
                    await(store.write(ops));
                } catch (EngineException e) {
                    routing.unroute(routed);
                    if (routing.again(e, attempt)) {
                        continue; // another node made or dropped a subscription of a topic published to
                    }
                    throw e;
                }
            }
            applyAcks(acks);
            applySends(routed);
            return;
        }
    }

    /** Like {@link #commit} for one send, without waiting: the future completes once the message is durable. */
    public CompletableFuture<Void> sendAsync(Outgoing send) {
        List<QueueEntry> routed = new ArrayList<>();
        List<StoreOp> ops = new ArrayList<>();
        route(List.of(send), routed, ops);
        CompletableFuture<Void> written = ops.isEmpty() ? CompletableFuture.completedFuture(null) : store.write(ops);
        CompletableFuture<Void> done = new CompletableFuture<>();
        written.whenComplete((v, failure) -> {
            if (failure == null) {
                applySends(routed);
                done.complete(null);
                return;
            }
            routing.unroute(routed);
            Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
            if (!(cause instanceof StaleRegistryException)) {
                done.completeExceptionally(cause);
                return;
            }
            // routed on subscriptions another node has changed: routed again, off the store's thread
            workers.execute(() -> {
                try {
                    commit(List.of(send), List.of());
                    done.complete(null);
                } catch (EngineException e) {
                    done.completeExceptionally(e);
                }
            });
        });
        return done;
    }

    /**
     * Makes a durable entry's delivery count survive a killed JVM before the application sees the message
     * ({@link DeliveryCounts#makeDurable}); sessions that acknowledge on delivery (AUTO) need not.
     */
    public void recordDelivery(QueueEntry e) throws EngineException {
        counts.makeDurable(e);
    }

    /** Acknowledges entries without waiting for the journal (DUPS_OK_ACKNOWLEDGE, §6.2.10). */
    public void acknowledgeLazily(List<QueueEntry> acks) {
        List<StoreOp> ops = new ArrayList<>();
        ackOps(acks, ops);
        if (!ops.isEmpty()) {
            store.writeUnforced(ops);
        }
        applyAcks(acks);
    }

    /**
     * Gives delivered entries back (recover, rollback, close, a listener that threw; §6.2.11-12, §8.7): each is
     * redelivered after its destination's redelivery delay, or moved to the dead-letter queue once it has
     * used up its delivery attempts. {@code reason} is recorded on a dead-lettered message.
     */
    public void release(List<QueueEntry> entries, String reason) {
        for (QueueEntry e : entries) {
            DeliveryPolicy p = e.queue.policy();
            if (p.exhausted(e.deliveryCount) && !isDeadLetterQueue(e.queue) && !e.queue.isDeleted()) {
                relocations.deadLetter(e, reason);
            } else {
                e.queue.release(e, p.delayAfter(e.deliveryCount));
            }
        }
    }

    private void sweepExpired() {
        if (config.metrics()) {
            config.hooks().refresh(this);
        }
        long now = System.currentTimeMillis();
        for (MessageQueue q : destinations.allQueues()) {
            List<QueueEntry> expired = q.removeExpired(now);
            if (!expired.isEmpty()) {
                relocations.expire(expired);
            }
        }
    }

    /**
     * Gives back a claimed entry as if it had never been delivered: first in line, its delivery count unchanged
     * (a failed receiveBody in AUTO_ACKNOWLEDGE or DUPS_OK_ACKNOWLEDGE mode, JMS 3.1 §8.4 JMSConsumer).
     */
    public void unclaim(QueueEntry entry) {
        DeliveryCounts.unclaimed(entry);
        entry.queue.release(entry, 0);
    }

    private void route(List<Outgoing> sends, List<QueueEntry> routed, List<StoreOp> ops) {
        List<QueueEntry> entries = routing.entries(sends);
        routing.sendOps(entries, ops, -1);
        routed.addAll(entries);
        routing.checks(sends, ops);
    }

    /** Commits a prepared XA branch: its pending entries become entries, its acknowledgements take effect. */
    void commitPrepared(long xaId, List<QueueEntry> routed, List<QueueEntry> acks) throws EngineException {
        List<StoreOp> ops = new ArrayList<>();
        for (QueueEntry e : routed) {
            if (e.durable) {
                ops.add(new StoreOp.InsertEntry(e.queue.id, e.message.id, 0));
            }
        }
        ackOps(acks, ops);
        ops.add(new StoreOp.DeleteXa(xaId));
        await(store.write(ops));
        applyAcks(acks);
        applySends(routed);
    }

    /** Rolls back a prepared XA branch: its pending messages are deleted with its records. */
    void rollbackPrepared(long xaId, List<QueueEntry> routed) throws EngineException {
        List<StoreOp> ops = new ArrayList<>();
        ops.add(new StoreOp.DeleteXa(xaId));
        StoredMessage deleted = null;
        for (QueueEntry e : routed) {
            if (e.durable && e.message != deleted) {
                ops.add(new StoreOp.DeleteMessage(e.message.id));
                deleted = e.message;
            }
        }
        await(store.write(ops));
        routing.unroute(routed);
    }

    private void applySends(List<QueueEntry> routed) {
        java.util.Set<MessageQueue> told = null;
        for (QueueEntry e : routed) {
            StoredMessage m = e.message;
            if (e.durable && e.queue.dispatchedByStore()) {
                // stored for every node: this one claims it like the others (it is not in memory here)
                if (told == null) {
                    told = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
                }
                told.add(e.queue);
                if (config.metrics()) {
                    e.queue.enqueued.increment();
                }
                continue;
            }
            if (e.durable && !m.bodyCached && m.cachedBody() != null) {
                synchronized (m) {
                    if (!m.bodyCached) {
                        if (cachedBodyBytes.addAndGet(m.bodySize) > config.bodyCacheBytes()) {
                            cachedBodyBytes.addAndGet(-m.bodySize);
                            m.dropBody();
                        } else {
                            m.bodyCached = true;
                        }
                    }
                }
            }
            e.queue.add(e);
        }
        if (told != null) {
            told.forEach(MessageQueue::storeHasWork);
        }
    }

    private void ackOps(List<QueueEntry> acks, List<StoreOp> ops) {
        for (QueueEntry e : acks) {
            if (e.durable) {
                counts.acknowledged(e);
                ops.add(new StoreOp.DeleteEntry(e.queue.id, e.message.id));
                // Only the last reference may take the message row with it in the same transaction.
                if (e.message.durableRefCount() == 1) {
                    ops.add(new StoreOp.DeleteMessage(e.message.id));
                    e.message.bodyDeleted = true;
                }
            }
        }
    }

    private void applyAcks(List<QueueEntry> acks) {
        for (QueueEntry e : acks) {
            e.queue.acknowledged(e);
        }
        releaseReferences(acks);
    }

    /**
     * The one path by which durable references go, for entries that no longer exist (acknowledged, or their
     * subscription deleted): each releases its message's reference; a message left with none leaves the body cache,
     * and its row is deleted with the next commit — unless the write that removed its last entry deleted it already
     * ({@link #ackOps}: a message with several entries loses its row only with the last of them).
     */
    void releaseReferences(Iterable<QueueEntry> gone) {
        List<StoreOp> garbage = null;
        for (QueueEntry e : gone) {
            if (!e.durable) {
                continue;
            }
            int left = e.message.releaseDurableRef();
            if (left < 0) {
                LOG.warning("reference count of message " + e.message.id + " went below zero");
            } else if (left == 0) {
                uncache(e.message);
                if (!e.message.bodyDeleted) {
                    e.message.bodyDeleted = true;
                    if (garbage == null) {
                        garbage = new ArrayList<>();
                    }
                    garbage.add(new StoreOp.DeleteMessage(e.message.id));
                }
            }
        }
        if (garbage != null) {
            store.writeUnforced(garbage);
        }
    }

    private void uncache(StoredMessage m) {
        synchronized (m) {
            if (m.bodyCached) {
                m.bodyCached = false;
                cachedBodyBytes.addAndGet(-m.bodySize);
            }
        }
    }

    /** The encoded message of an entry, read from the journal if it is not in memory. */
    public byte[] body(QueueEntry e) throws EngineException {
        byte[] b = e.message.cachedBody();
        if (b != null) {
            return b;
        }
        try {
            b = store.loadBody(e.message.id);
        } catch (StoreException ex) {
            throw new EngineException(Kind.JOURNAL, ex.getMessage(), ex);
        }
        if (b == null) {
            throw new EngineException(Kind.JOURNAL, "the body of message " + e.message.id + " is missing from the journal");
        }
        return b;
    }

    static void await(CompletableFuture<Void> f) throws EngineException {
        try {
            f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StoreException j && j.isDiskFull()) {
                throw new EngineException(Kind.JOURNAL_FULL, "the disk of the journal is full: nothing more can be"
                        + " stored until space is freed (" + j.getMessage() + ")", cause);
            }
            throw new EngineException(Kind.JOURNAL, Objects.toString(cause.getMessage(), cause.toString()), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException(Kind.JOURNAL, "interrupted while waiting for the journal; the outcome is unknown");
        }
    }

    // ---- lifecycle -----------------------------------------------------------------------------------

    boolean isClosed() {
        return closed;
    }

    /** Stops every engine thread and closes the journal after writing what was submitted. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        config.hooks().closing(this);
        destinations.allQueues().forEach(MessageQueue::wakeAll);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
        timer.stop();
        counts.resetRecordedAhead(destinations.allQueues());
        for (MessageQueue q : destinations.allQueues()) {
            q.giveBackIdle(); // a shared store's other nodes may have them at once
        }
        try {
            store.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "closing the journal " + store.url() + " failed", e);
        }
    }
}
