package org.wharfmq.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.wharfmq.engine.EngineException.Kind;
import org.wharfmq.journal.Journal;
import org.wharfmq.journal.JournalException;
import org.wharfmq.journal.JournalOp;
import org.wharfmq.journal.QueueRecord;
import org.wharfmq.journal.StoredEntry;

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

    final Journal journal;
    final DeliveryTimer timer;
    private final ExecutorService workers;
    private final EngineConfig config;
    private final AtomicLong messageIds;
    private final AtomicLong queueIds;
    private final AtomicLong connectionIds = new AtomicLong();
    private final AtomicLong cachedBodyBytes = new AtomicLong();

    private final Map<String, MessageQueue> queues = new ConcurrentHashMap<>();
    private final Map<String, TopicRouter> topics = new ConcurrentHashMap<>();
    private final Map<String, MessageQueue> temporaryQueues = new ConcurrentHashMap<>();
    private final Map<String, TopicRouter> temporaryTopics = new ConcurrentHashMap<>();
    private final Map<String, Subscription> durableSubscriptions = new ConcurrentHashMap<>();
    private final Map<String, Subscription> sharedSubscriptions = new ConcurrentHashMap<>();
    private final Map<String, Long> clientIds = new ConcurrentHashMap<>();
    private final Object structureLock = new Object();
    private volatile boolean closed;

    private Engine(EngineConfig config, Journal journal) throws JournalException {
        this.config = config;
        this.journal = journal;
        String shortName = journal.identity().substring(0, 8);
        this.timer = new DeliveryTimer(shortName);
        AtomicInteger workerNumber = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "wharf-worker-" + workerNumber.incrementAndGet() + "[" + shortName + "]");
            t.setDaemon(true);
            return t;
        });
        // Ids grow across restarts even for non-persistent messages, which never reach the journal.
        this.messageIds = new AtomicLong(Math.max(journal.maxMessageId(), System.currentTimeMillis() * 1000));
        this.queueIds = new AtomicLong(journal.maxQueueId());
        recover();
    }

    /** Opens the journal and rebuilds the dispatch state from it. Use {@link EngineRegistry} instead. */
    static Engine open(EngineConfig config) throws EngineException {
        Journal journal;
        try {
            journal = Journal.open(config.journalUrl(), config.journalUser(), config.journalPassword(),
                    Journal.dialectFor(config.journalUrl()));
        } catch (JournalException e) {
            throw new EngineException(Kind.JOURNAL, e.getMessage(), e);
        }
        try {
            return new Engine(config, journal);
        } catch (JournalException | RuntimeException e) {
            journal.close();
            throw new EngineException(Kind.JOURNAL, "cannot recover the journal " + config.journalUrl() + ": "
                    + e.getMessage(), e);
        }
    }

    private void recover() throws JournalException {
        Map<Long, MessageQueue> byId = new HashMap<>();
        for (QueueRecord r : journal.loadQueues()) {
            if (r.kind() == QueueRecord.QUEUE) {
                MessageQueue q = new MessageQueue(this, r.id(), r.name(), true, false, -1);
                queues.put(r.name(), q);
                byId.put(r.id(), q);
            } else {
                TopicRouter topic = topics.computeIfAbsent(r.topic(), n -> new TopicRouter(n, false, -1));
                Subscription s = new Subscription(this, r.id(), r.name(), topic, r.clientId(), r.subscriptionName(),
                        r.selector(), r.noLocal(), true, r.shared(), -1);
                topic.subscriptions.add(s);
                durableSubscriptions.put(r.name(), s);
                byId.put(r.id(), s);
            }
        }
        long[] count = new long[1];
        StoredMessage[] current = new StoredMessage[1];
        journal.loadEntries(e -> {
            StoredMessage m = current[0];
            if (m == null || m.id != e.messageId()) {
                m = restored(e);
                current[0] = m;
            }
            MessageQueue q = byId.get(e.queueId());
            if (q == null) {
                return; // an entry of a queue deleted in the same crash window; its message is garbage
            }
            m.durableRefs.incrementAndGet();
            q.add(new QueueEntry(m, q, true, e.deliveryCount()));
            count[0]++;
        });
        LOG.fine(() -> "recovered " + count[0] + " entries in " + byId.size() + " queues from " + journal.url());
    }

    private static StoredMessage restored(StoredEntry e) {
        return new StoredMessage(e.messageId(), e.priority(), e.expiration(), e.deliveryTime(), true, e.groupId(),
                -1, null, null);
    }

    /** The journal's identity: a UUID that names this resource manager and prefixes message IDs. */
    public String identity() {
        return journal.identity();
    }

    public String journalUrl() {
        return config.journalUrl();
    }

    public long nextMessageId() {
        return messageIds.incrementAndGet();
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
        clientIds.values().removeIf(c -> c == connection);
        temporaryQueues.values().removeIf(q -> {
            if (q.ownerConnection == connection) {
                q.markDeleted();
                return true;
            }
            return false;
        });
        temporaryTopics.values().removeIf(t -> {
            if (t.ownerConnection == connection) {
                t.deleted = true;
                t.subscriptions.forEach(MessageQueue::markDeleted);
                return true;
            }
            return false;
        });
    }

    /** Reserves a client identifier for a connection (JMS 3.1 §6.1.2: one connection at a time). */
    public void claimClientId(String clientId, long connection) throws EngineException {
        Long holder = clientIds.putIfAbsent(clientId, connection);
        if (holder != null && holder != connection) {
            throw new EngineException(Kind.INVALID_CLIENT_ID, "client ID '" + clientId
                    + "' is already in use by another connection to journal " + config.journalUrl());
        }
    }

    // ---- destinations --------------------------------------------------------------------------------

    /** The queue or topic a producer sends to; queues are created on first use. */
    public Target target(String name, boolean topic, boolean temporary) throws EngineException {
        if (temporary) {
            Target t = topic ? temporaryTopics.get(name) : temporaryQueues.get(name);
            if (t == null) {
                throw new EngineException(Kind.INVALID_DESTINATION, "temporary " + (topic ? "topic " : "queue ")
                        + name + " has been deleted (its connection closed or it was deleted)");
            }
            return t;
        }
        return topic ? topic(name) : queue(name);
    }

    public MessageQueue queue(String name) throws EngineException {
        MessageQueue q = queues.get(name);
        if (q != null) {
            return q;
        }
        synchronized (structureLock) {
            q = queues.get(name);
            if (q == null) {
                long id = queueIds.incrementAndGet();
                await(journal.write(List.of(new JournalOp.InsertQueue(new QueueRecord(id, QueueRecord.QUEUE, name,
                        null, null, null, null, false, false)))));
                q = new MessageQueue(this, id, name, true, false, -1);
                queues.put(name, q);
            }
            return q;
        }
    }

    private TopicRouter topic(String name) {
        return topics.computeIfAbsent(name, n -> new TopicRouter(n, false, -1));
    }

    /** A temporary queue for consumption: only its own connection may consume from it (§6.2.2). */
    public MessageQueue temporaryQueueFor(String name, long connection) throws EngineException {
        MessageQueue q = temporaryQueues.get(name);
        if (q == null) {
            throw new EngineException(Kind.INVALID_DESTINATION, "temporary queue " + name + " has been deleted");
        }
        if (q.ownerConnection != connection) {
            throw new EngineException(Kind.INVALID_DESTINATION, "temporary queue " + name
                    + " can be consumed only by the connection that created it (JMS 3.1 §6.2.2)");
        }
        return q;
    }

    public String createTemporaryQueue(long connection) {
        String name = "wharf.temp.queue." + UUID.randomUUID();
        temporaryQueues.put(name, new MessageQueue(this, -1, name, false, true, connection));
        return name;
    }

    public String createTemporaryTopic(long connection) {
        String name = "wharf.temp.topic." + UUID.randomUUID();
        temporaryTopics.put(name, new TopicRouter(name, true, connection));
        return name;
    }

    /** Deletes a temporary destination; refused while it has consumers (§6.2.2). */
    public void deleteTemporary(String name, boolean topic) throws EngineException {
        synchronized (structureLock) {
            if (topic) {
                TopicRouter t = temporaryTopics.get(name);
                if (t == null) {
                    return;
                }
                if (t.consumerCount() > 0) {
                    throw new EngineException(Kind.ILLEGAL_STATE, "temporary topic " + name
                            + " still has consumers; close them before deleting it");
                }
                temporaryTopics.remove(name);
                t.deleted = true;
            } else {
                MessageQueue q = temporaryQueues.get(name);
                if (q == null) {
                    return;
                }
                if (q.consumerCount() > 0) {
                    throw new EngineException(Kind.ILLEGAL_STATE, "temporary queue " + name
                            + " still has consumers; close them before deleting it");
                }
                temporaryQueues.remove(name);
                q.markDeleted();
            }
        }
    }

    // ---- subscriptions -------------------------------------------------------------------------------

    private TopicRouter topicForConsumer(String topicName, boolean temporary, long connection) throws EngineException {
        if (!temporary) {
            return topic(topicName);
        }
        TopicRouter t = temporaryTopics.get(topicName);
        if (t == null) {
            throw new EngineException(Kind.INVALID_DESTINATION, "temporary topic " + topicName + " has been deleted");
        }
        if (t.ownerConnection != connection) {
            throw new EngineException(Kind.INVALID_DESTINATION, "temporary topic " + topicName
                    + " can be consumed only by the connection that created it (JMS 3.1 §6.2.2)");
        }
        return t;
    }

    /** An unshared non-durable subscription for one consumer (§8.3.1). */
    public Subscription subscribe(String topicName, boolean temporary, long connection, String clientId,
                                  String selector, boolean noLocal) throws EngineException {
        TopicRouter topic = topicForConsumer(topicName, temporary, connection);
        Subscription s = new Subscription(this, -1, "nondurable:" + topicName, topic, clientId, null, selector,
                noLocal, false, false, connection);
        s.consumerOpened();
        topic.subscriptions.add(s);
        return s;
    }

    /** Joins (or creates) a shared non-durable subscription (§8.3.2). */
    public Subscription subscribeShared(String topicName, String name, String clientId, String selector,
                                        long connection) throws EngineException {
        String key = subscriptionKey(clientId, name);
        synchronized (structureLock) {
            Subscription s = sharedSubscriptions.get(key);
            if (s != null && !s.sameDefinition(topicName, selector, false)) {
                throw new EngineException(Kind.CONFLICT, "shared subscription '" + name + "' already exists on topic "
                        + s.topicName() + " with selector " + s.selector + " and has active consumers");
            }
            if (s == null) {
                TopicRouter topic = topic(topicName);
                s = new Subscription(this, -1, key, topic, clientId, name, selector, false, false, true, connection);
                sharedSubscriptions.put(key, s);
                topic.subscriptions.add(s);
            }
            s.consumerOpened();
            return s;
        }
    }

    /**
     * Opens a consumer on a durable subscription, creating it if needed (§8.3.3, §8.3.4). An existing one with a
     * different topic, selector or noLocal is replaced when it has no consumer, and refused when it has one.
     */
    public Subscription subscribeDurable(String topicName, String name, String clientId, String selector,
                                         boolean noLocal, boolean shared, long connection) throws EngineException {
        String key = subscriptionKey(clientId, name);
        synchronized (structureLock) {
            Subscription s = durableSubscriptions.get(key);
            if (s != null) {
                if (s.shared != shared) {
                    throw new EngineException(Kind.CONFLICT, "durable subscription '" + name + "' already exists as "
                            + (s.shared ? "a shared" : "an unshared") + " subscription; a shared and an unshared "
                            + "durable subscription cannot have the same name and client identifier");
                }
                if (!shared && s.consumerCount() > 0) {
                    throw new EngineException(Kind.CONFLICT, "durable subscription '" + name
                            + "' already has an active consumer (an unshared durable subscription has at most one)");
                }
                if (!s.sameDefinition(topicName, selector, noLocal)) {
                    if (s.consumerCount() > 0) {
                        throw new EngineException(Kind.CONFLICT, "durable subscription '" + name + "' is active on"
                                + " topic " + s.topicName() + " with another selector; it cannot be changed now");
                    }
                    deleteSubscription(s);
                    s = null;
                }
            }
            if (s == null) {
                long id = queueIds.incrementAndGet();
                await(journal.write(List.of(new JournalOp.InsertQueue(new QueueRecord(id,
                        QueueRecord.DURABLE_SUBSCRIPTION, key, topicName, clientId, name, selector, noLocal, shared)))));
                TopicRouter topic = topic(topicName);
                s = new Subscription(this, id, key, topic, clientId, name, selector, noLocal, true, shared, connection);
                durableSubscriptions.put(key, s);
                topic.subscriptions.add(s);
            }
            s.consumerOpened();
            return s;
        }
    }

    /** A consumer of a subscription closed; a non-durable subscription ends with its last consumer. */
    public void consumerClosed(MessageQueue queue) {
        queue.consumerClosed();
        if (queue instanceof Subscription s && !s.durable) {
            synchronized (structureLock) {
                if (s.consumerCount() == 0) {
                    s.topic.subscriptions.remove(s);
                    if (s.shared) {
                        sharedSubscriptions.remove(s.name(), s);
                    }
                    s.markDeleted();
                    s.drainAll();
                }
            }
        }
    }

    /** Deletes a durable subscription (§8.3.5); refused while it is in use. */
    public void unsubscribe(String name, String clientId) throws EngineException {
        String key = subscriptionKey(clientId, name);
        synchronized (structureLock) {
            Subscription s = durableSubscriptions.get(key);
            if (s == null) {
                throw new EngineException(Kind.INVALID_DESTINATION, "there is no durable subscription '" + name + "'"
                        + (clientId == null ? "" : " for client ID '" + clientId + "'"));
            }
            if (s.consumerCount() > 0) {
                throw new EngineException(Kind.ILLEGAL_STATE, "durable subscription '" + name
                        + "' has an active consumer; close it before unsubscribing");
            }
            if (s.inFlightCount() > 0) {
                throw new EngineException(Kind.ILLEGAL_STATE, "durable subscription '" + name
                        + "' has messages that are delivered but not yet acknowledged or committed");
            }
            deleteSubscription(s);
        }
    }

    private void deleteSubscription(Subscription s) throws EngineException {
        await(journal.write(List.of(new JournalOp.DeleteQueue(s.id))));
        durableSubscriptions.remove(s.name());
        s.topic.subscriptions.remove(s);
        s.markDeleted();
        List<JournalOp> garbage = new ArrayList<>();
        for (QueueEntry e : s.drainAll()) {
            if (e.durable && e.message.durableRefs.decrementAndGet() == 0) {
                garbage.add(new JournalOp.DeleteMessage(e.message.id));
                uncache(e.message);
            }
        }
        if (!garbage.isEmpty()) {
            journal.writeUnforced(garbage);
        }
    }

    static String subscriptionKey(String clientId, String name) {
        return (clientId == null ? "-" : clientId.length() + ":" + clientId) + "/" + name;
    }

    // ---- sending, acknowledging, transactions --------------------------------------------------------

    /**
     * Makes sends and acknowledgements durable in one journal transaction, then applies them: sent messages
     * become visible, acknowledged entries are gone. Used for a single send, a transacted commit and an
     * acknowledgement alike. On failure nothing was applied.
     */
    public void commit(List<Outgoing> sends, List<QueueEntry> acks) throws EngineException {
        List<QueueEntry> routed = new ArrayList<>();
        List<JournalOp> ops = new ArrayList<>();
        route(sends, routed, ops);
        ackOps(acks, ops);
        if (!ops.isEmpty()) {
            await(journal.write(ops));
        }
        applyAcks(acks);
        applySends(routed);
    }

    /** Like {@link #commit} for one send, without waiting: the future completes once the message is durable. */
    public CompletableFuture<Void> sendAsync(Outgoing send) {
        List<QueueEntry> routed = new ArrayList<>();
        List<JournalOp> ops = new ArrayList<>();
        route(List.of(send), routed, ops);
        CompletableFuture<Void> written = ops.isEmpty() ? CompletableFuture.completedFuture(null) : journal.write(ops);
        return written.thenRun(() -> applySends(routed));
    }

    /** Acknowledges entries without waiting for the journal (DUPS_OK_ACKNOWLEDGE, §6.2.10). */
    public void acknowledgeLazily(List<QueueEntry> acks) {
        List<JournalOp> ops = new ArrayList<>();
        ackOps(acks, ops);
        if (!ops.isEmpty()) {
            journal.writeUnforced(ops);
        }
        applyAcks(acks);
    }

    /** Returns delivered entries to their queues for redelivery (recover, rollback, close; §6.2.11-12). */
    public void release(List<QueueEntry> entries) {
        for (QueueEntry e : entries) {
            e.queue.release(e);
        }
    }

    /**
     * Gives back a claimed entry as if it had never been delivered: first in line, its delivery count unchanged
     * (a failed receiveBody in AUTO_ACKNOWLEDGE or DUPS_OK_ACKNOWLEDGE mode, JMS 3.1 §8.4 JMSConsumer).
     */
    public void unclaim(QueueEntry entry) {
        entry.deliveryCount--;
        entry.queue.release(entry);
    }

    private void route(List<Outgoing> sends, List<QueueEntry> routed, List<JournalOp> ops) {
        for (Outgoing o : sends) {
            StoredMessage m = o.message();
            List<QueueEntry> entries;
            if (o.target() instanceof MessageQueue q) {
                if (q.isDeleted()) {
                    continue;
                }
                entries = List.of(new QueueEntry(m, q, m.persistent && q.journaled, 0));
            } else {
                entries = ((TopicRouter) o.target()).route(m);
            }
            int durable = 0;
            for (QueueEntry e : entries) {
                if (e.durable) {
                    durable++;
                }
            }
            if (durable > 0) {
                m.durableRefs.addAndGet(durable);
                ops.add(new JournalOp.InsertMessage(m.id, m.priority, m.expiration, m.deliveryTime, m.groupId,
                        m.cachedBody()));
                for (QueueEntry e : entries) {
                    if (e.durable) {
                        ops.add(new JournalOp.InsertEntry(e.queue.id, m.id, 0));
                    }
                }
            }
            routed.addAll(entries);
        }
    }

    private void applySends(List<QueueEntry> routed) {
        for (QueueEntry e : routed) {
            StoredMessage m = e.message;
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
    }

    private void ackOps(List<QueueEntry> acks, List<JournalOp> ops) {
        for (QueueEntry e : acks) {
            if (e.durable) {
                journal.forgetDelivery(e.queue.id, e.message.id);
                ops.add(new JournalOp.DeleteEntry(e.queue.id, e.message.id));
                // Only the last reference may take the message row with it in the same transaction.
                if (e.message.durableRefs.get() == 1) {
                    ops.add(new JournalOp.DeleteMessage(e.message.id));
                    e.message.bodyDeleted = true;
                }
            }
        }
    }

    private void applyAcks(List<QueueEntry> acks) {
        List<JournalOp> garbage = null;
        for (QueueEntry e : acks) {
            e.queue.acknowledged(e);
            if (e.durable) {
                int left = e.message.durableRefs.decrementAndGet();
                if (left == 0) {
                    uncache(e.message);
                } else if (left < 0) {
                    LOG.warning("reference count of message " + e.message.id + " went below zero");
                }
            }
        }
        // Multi-reference messages whose last entry went in this batch: delete the row now that every entry is gone.
        for (QueueEntry e : acks) {
            if (e.durable && e.message.durableRefs.get() == 0 && !e.message.bodyDeleted) {
                e.message.bodyDeleted = true;
                if (garbage == null) {
                    garbage = new ArrayList<>();
                }
                garbage.add(new JournalOp.DeleteMessage(e.message.id));
            }
        }
        if (garbage != null) {
            journal.writeUnforced(garbage);
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

    /** Entries found expired at dispatch (§3.4.9): removed from the journal; never delivered. */
    void expired(List<QueueEntry> entries) {
        for (QueueEntry e : entries) {
            // they were never in flight: count them as claimed so the acknowledgement bookkeeping balances
            e.queue.claimedForRemoval();
        }
        acknowledgeLazily(entries);
    }

    /** The encoded message of an entry, read from the journal if it is not in memory. */
    public byte[] body(QueueEntry e) throws EngineException {
        byte[] b = e.message.cachedBody();
        if (b != null) {
            return b;
        }
        try {
            b = journal.loadBody(e.message.id);
        } catch (JournalException ex) {
            throw new EngineException(Kind.JOURNAL, ex.getMessage(), ex);
        }
        if (b == null) {
            throw new EngineException(Kind.JOURNAL, "the body of message " + e.message.id + " is missing from the journal");
        }
        return b;
    }

    private static void await(CompletableFuture<Void> f) throws EngineException {
        try {
            f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
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
        queues.values().forEach(MessageQueue::wakeAll);
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
        try {
            journal.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "closing the journal " + config.journalUrl() + " failed", e);
        }
    }
}
