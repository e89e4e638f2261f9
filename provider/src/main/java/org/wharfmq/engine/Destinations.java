package org.wharfmq.engine;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.wharfmq.engine.EngineException.Kind;
import org.wharfmq.store.QueueRecord;

/**
 * The engine's queues and topics by name, and its temporary destinations (JMS 3.1 §6.2.2): queues are created on
 * first use and recorded in the journal; topics exist in memory only (their durable subscriptions are recorded);
 * temporary ones belong to a connection and die with it.
 */
public final class Destinations {

    private final Engine engine;
    private final Map<String, MessageQueue> queues = new ConcurrentHashMap<>();
    private final Map<String, TopicRouter> topics = new ConcurrentHashMap<>();
    private final Map<String, MessageQueue> temporaryQueues = new ConcurrentHashMap<>();
    private final Map<String, TopicRouter> temporaryTopics = new ConcurrentHashMap<>();

    Destinations(Engine engine) {
        this.engine = engine;
    }

    /** A queue read back from the journal at start-up. */
    MessageQueue restoreQueue(QueueRecord r) {
        MessageQueue q = new MessageQueue(engine, r.id(), r.name(), true, false, -1, r.name());
        queues.put(r.name(), q);
        return q;
    }

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
        synchronized (queues) {
            q = queues.get(name);
            if (q == null) {
                QueueRecord r = engine.defineQueue(new QueueRecord(0, QueueRecord.QUEUE, name, null, null, null, null,
                        false, false));
                q = new MessageQueue(engine, r.id(), name, true, false, -1, name);
                queues.put(name, q);
            }
            return q;
        }
    }

    TopicRouter topic(String name) {
        return topics.computeIfAbsent(name, n -> new TopicRouter(n, false, -1));
    }

    /** The topic a consumer subscribes to; a temporary one only for the connection that created it (§6.2.2). */
    TopicRouter topicForConsumer(String topicName, boolean temporary, long connection) throws EngineException {
        if (!temporary) {
            return topic(topicName);
        }
        return owned(temporaryTopics.get(topicName), "topic", topicName, connection);
    }

    /** A temporary queue for consumption: only its own connection may consume from it (§6.2.2). */
    public MessageQueue temporaryQueueFor(String name, long connection) throws EngineException {
        return owned(temporaryQueues.get(name), "queue", name, connection);
    }

    private static <T> T owned(T destination, String kind, String name, long connection) throws EngineException {
        if (destination == null) {
            throw new EngineException(Kind.INVALID_DESTINATION, "temporary " + kind + " " + name + " has been deleted");
        }
        long owner = destination instanceof MessageQueue q ? q.ownerConnection : ((TopicRouter) destination).ownerConnection;
        if (owner != connection) {
            throw new EngineException(Kind.INVALID_DESTINATION, "temporary " + kind + " " + name
                    + " can be consumed only by the connection that created it (JMS 3.1 §6.2.2)");
        }
        return destination;
    }

    public String createTemporaryQueue(long connection) {
        String name = "wharf.temp.queue." + UUID.randomUUID();
        temporaryQueues.put(name, new MessageQueue(engine, -1, name, false, true, connection, name));
        return name;
    }

    public String createTemporaryTopic(long connection) {
        String name = "wharf.temp.topic." + UUID.randomUUID();
        temporaryTopics.put(name, new TopicRouter(name, true, connection));
        return name;
    }

    /** Deletes a temporary destination; refused while it has consumers (§6.2.2). */
    public synchronized void deleteTemporary(String name, boolean topic) throws EngineException {
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
            delete(t);
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

    private static void delete(TopicRouter t) {
        t.deleted = true;
        t.subscriptions.forEach(MessageQueue::markDeleted);
    }

    /** Deletes the temporary destinations of a closed connection. */
    synchronized void connectionClosed(long connection) {
        temporaryQueues.values().removeIf(q -> {
            if (q.ownerConnection == connection) {
                q.markDeleted();
                return true;
            }
            return false;
        });
        temporaryTopics.values().removeIf(t -> {
            if (t.ownerConnection == connection) {
                delete(t);
                return true;
            }
            return false;
        });
    }

    /** Every queue and subscription, for the expiry sweep and shutdown. */
    List<MessageQueue> allQueues() {
        List<MessageQueue> all = new java.util.ArrayList<>(queues.values());
        all.addAll(temporaryQueues.values());
        for (TopicRouter t : topics.values()) {
            all.addAll(t.subscriptions);
        }
        for (TopicRouter t : temporaryTopics.values()) {
            all.addAll(t.subscriptions);
        }
        return all;
    }
}
