package org.wharfmq.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.wharfmq.engine.EngineException.Kind;
import org.wharfmq.store.StoreOp;
import org.wharfmq.store.QueueRecord;

/**
 * The engine's topic subscriptions (JMS 3.1 §8.3): the rules for creating, joining, replacing and deleting
 * non-durable, shared, durable and shared durable subscriptions. Durable ones are recorded in the journal;
 * their identity is the subscription name together with the client identifier, if any.
 */
public final class Subscriptions {

    private final Engine engine;
    private final Map<String, Subscription> durable = new ConcurrentHashMap<>();
    private final Map<String, Subscription> shared = new ConcurrentHashMap<>();

    Subscriptions(Engine engine) {
        this.engine = engine;
    }

    /** A durable subscription read back from the journal at start-up. */
    Subscription restoreDurable(QueueRecord r) {
        TopicRouter topic = engine.destinations().topic(r.topic());
        Subscription s = new Subscription(engine, r.id(), r.name(), topic, r.clientId(), r.subscriptionName(),
                r.selector(), r.noLocal(), true, r.shared(), -1);
        topic.subscriptions.add(s);
        durable.put(r.name(), s);
        return s;
    }

    static String key(String clientId, String name) {
        return (clientId == null ? "-" : clientId.length() + ":" + clientId) + "/" + name;
    }

    /** An unshared non-durable subscription for one consumer (§8.3.1). */
    public Subscription subscribe(String topicName, boolean temporary, long connection, String clientId,
                                  String selector, boolean noLocal) throws EngineException {
        TopicRouter topic = engine.destinations().topicForConsumer(topicName, temporary, connection);
        Subscription s = new Subscription(engine, -1, "nondurable:" + topicName, topic, clientId, null, selector,
                noLocal, false, false, connection);
        s.consumerOpened();
        topic.subscriptions.add(s);
        return s;
    }

    /** Joins (or creates) a shared non-durable subscription (§8.3.2). */
    public synchronized Subscription subscribeShared(String topicName, String name, String clientId, String selector,
                                                     long connection) throws EngineException {
        String key = key(clientId, name);
        Subscription s = shared.get(key);
        if (s != null && !s.sameDefinition(topicName, selector, false)) {
            throw new EngineException(Kind.CONFLICT, "shared subscription '" + name + "' already exists on topic "
                    + s.topicName() + " with " + (s.selector == null ? "no selector" : "selector '" + s.selector + "'")
                    + " and has active consumers; its topic and selector cannot change while it has consumers");
        }
        if (s == null) {
            TopicRouter topic = engine.destinations().topic(topicName);
            s = new Subscription(engine, -1, key, topic, clientId, name, selector, false, false, true, connection);
            shared.put(key, s);
            topic.subscriptions.add(s);
        }
        s.consumerOpened();
        return s;
    }

    /**
     * Opens a consumer on a durable subscription, creating it if needed (§8.3.3, §8.3.4). An existing one with a
     * different topic, selector or noLocal is replaced when it has no consumer, and refused when it has one.
     */
    public synchronized Subscription subscribeDurable(String topicName, String name, String clientId, String selector,
                                                      boolean noLocal, boolean isShared, long connection)
            throws EngineException {
        String key = key(clientId, name);
        Subscription s = durable.get(key);
        if (engine.store.entrySource() != null) {
            // another node may have made it (or made it differently): the stored one is the one
            s = current(engine.defineQueue(new QueueRecord(0, QueueRecord.DURABLE_SUBSCRIPTION, key, topicName,
                    clientId, name, selector, noLocal, isShared)), s);
        }
        if (s != null) {
            if (s.shared != isShared) {
                throw new EngineException(Kind.CONFLICT, "durable subscription '" + name + "' already exists as "
                        + (s.shared ? "a shared" : "an unshared") + " subscription; a shared and an unshared "
                        + "durable subscription cannot have the same name and client identifier");
            }
            if (!isShared && s.consumerCount() > 0) {
                throw new EngineException(Kind.CONFLICT, "durable subscription '" + name
                        + "' already has an active consumer (an unshared durable subscription has at most one)");
            }
            if (!isShared && s.shared == isShared && s.sameDefinition(topicName, selector, noLocal)) {
                reserveConsumer(key, name);
            }
            if (!s.sameDefinition(topicName, selector, noLocal)) {
                if (s.consumerCount() > 0) {
                    throw new EngineException(Kind.CONFLICT, "durable subscription '" + name + "' is active on"
                            + " topic " + s.topicName() + " with another selector; it cannot be changed now");
                }
                delete(s);
                s = null;
            }
        }
        if (s == null) {
            if (!isShared) {
                reserveConsumer(key, name);
            }
            QueueRecord r = engine.defineQueue(new QueueRecord(0, QueueRecord.DURABLE_SUBSCRIPTION, key, topicName,
                    clientId, name, selector, noLocal, isShared));
            TopicRouter topic = engine.destinations().topic(topicName);
            s = new Subscription(engine, r.id(), key, topic, clientId, name, selector, noLocal, true, isShared,
                    connection);
            durable.put(key, s);
            topic.subscriptions.add(s);
        }
        s.consumerOpened();
        return s;
    }

    /** On a shared store: the one consumer of an unshared durable subscription is this node's, or refused. */
    private void reserveConsumer(String key, String name) throws EngineException {
        org.wharfmq.store.EntrySource source = engine.store.entrySource();
        if (source == null) {
            return;
        }
        String node;
        try {
            node = source.reserve(Engine.DURABLE_CONSUMER, key);
        } catch (org.wharfmq.store.StoreException e) {
            throw new EngineException(Kind.JOURNAL, e.getMessage(), e);
        }
        if (node != null) {
            throw new EngineException(Kind.CONFLICT, "durable subscription '" + name + "' already has an active"
                    + " consumer, on node " + node + " of the shared journal (an unshared durable subscription has"
                    + " at most one)");
        }
    }

    /** A consumer of a subscription closed; a non-durable subscription ends with its last consumer. */
    synchronized void consumerClosed(Subscription s) {
        if (s.durable && !s.shared && s.consumerCount() == 0 && engine.store.entrySource() != null) {
            engine.store.entrySource().release(Engine.DURABLE_CONSUMER, s.name());
        }
        if (!s.durable && s.consumerCount() == 0) {
            s.topic.subscriptions.remove(s);
            if (s.shared) {
                shared.remove(s.name(), s);
            }
            s.markDeleted();
            s.drainAll();
        }
    }

    /** Deletes a durable subscription (§8.3.5); refused while it is in use. */
    public synchronized void unsubscribe(String name, String clientId) throws EngineException {
        Subscription s = durable.get(key(clientId, name));
        if (engine.store.entrySource() != null) {
            try {
                QueueRecord r = engine.store.entrySource().find(QueueRecord.DURABLE_SUBSCRIPTION, key(clientId, name));
                s = r == null ? forget(s) : current(r, s);
            } catch (org.wharfmq.store.StoreException e) {
                throw new EngineException(Kind.JOURNAL, e.getMessage(), e);
            }
        }
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
        delete(s);
    }

    /**
     * On a shared store: the local subscription for the stored record {@code r}, made from it if this node had none
     * or had one another node has replaced since ({@code local}, dropped then).
     */
    private Subscription current(QueueRecord r, Subscription local) {
        if (local != null && local.id == r.id()) {
            return local;
        }
        forget(local);
        return restoreDurable(r);
    }

    /** Drops a durable subscription another node deleted from this node's memory; returns null. */
    private Subscription forget(Subscription s) {
        if (s != null) {
            durable.remove(s.name(), s);
            s.topic.subscriptions.remove(s);
            s.markDeleted();
            s.drainAll();
        }
        return null;
    }

    /**
     * On a shared store: makes this node's durable subscriptions of {@code topicName} those every node has made
     * (new ones added, ones deleted elsewhere dropped) and records the version they are of, which the next publish
     * names (JMS 3.1 §8.3.3: a durable subscription receives every message published after it was created — also
     * on another node).
     */
    synchronized void refreshTopic(String topicName) throws EngineException {
        org.wharfmq.store.EntrySource.TopicSubscriptions stored;
        try {
            stored = engine.store.entrySource().subscriptionsOf(topicName);
        } catch (org.wharfmq.store.StoreException e) {
            throw new EngineException(Kind.JOURNAL, e.getMessage(), e);
        }
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (QueueRecord r : stored.subscriptions()) {
            ids.add(r.id());
            current(r, durable.get(r.name()));
        }
        TopicRouter topic = engine.destinations().topic(topicName);
        for (Subscription s : topic.subscriptions) {
            if (s.durable && !ids.contains(s.id)) {
                forget(s);
            }
        }
        topic.registryVersion = stored.version();
    }

    private void delete(Subscription s) throws EngineException {
        engine.await(engine.store.write(List.of(new StoreOp.DeleteQueue(s.id))));
        durable.remove(s.name());
        s.topic.subscriptions.remove(s);
        s.markDeleted();
        engine.releaseReferences(s.drainAll());
    }
}
