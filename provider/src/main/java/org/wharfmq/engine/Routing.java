package org.wharfmq.engine;

import java.util.ArrayList;
import java.util.List;
import org.wharfmq.store.StaleRegistryException;
import org.wharfmq.store.StoreOp;

/**
 * What sends become: an entry per queue, an entry per subscription of a topic that accepts the message (JMS 3.1
 * §4.2.2), with the message's durable references counted; the store operations that record them (as entries, or
 * as a prepared XA branch's pending entries); and on a shared store the check that a publish's routing saw every
 * durable subscription other nodes made ({@link StoreOp.RoutedBy}), with a new routing when it did not.
 */
final class Routing {

    /** How often a publish is routed again after other nodes changed the topic's subscriptions under it. */
    private static final int MAX_ROUTING_ATTEMPTS = 5;

    private final Engine engine;

    Routing(Engine engine) {
        this.engine = engine;
    }

    /**
     * On a shared store, other nodes make subscriptions too: the store checks that the routing of publishes to
     * these topics saw all of them ({@link StoreOp.RoutedBy}).
     */
    void checks(List<Outgoing> sends, List<StoreOp> ops) {
        if (engine.store.entrySource() == null) {
            return;
        }
        java.util.Set<TopicRouter> topics = new java.util.LinkedHashSet<>();
        for (Outgoing o : sends) {
            if (o.target() instanceof TopicRouter t && !t.temporary) {
                topics.add(t);
            }
        }
        for (TopicRouter t : topics) {
            ops.add(new StoreOp.RoutedBy(t.name, t.registryVersion));
        }
    }

    /**
     * True if a write failed only because another node changed a topic's subscriptions under its routing: the
     * topic is reloaded, and the caller routes again (at most {@link #MAX_ROUTING_ATTEMPTS} times).
     */
    boolean again(EngineException failure, int attempt) throws EngineException {
        if (failure.getCause() instanceof StaleRegistryException stale && attempt < MAX_ROUTING_ATTEMPTS) {
            engine.subscriptions().refreshTopic(stale.topic());
            return true;
        }
        return false;
    }

    /** The entries that sends create: one per queue, one per accepting subscription; counts durable references. */
    List<QueueEntry> entries(List<Outgoing> sends) {
        List<QueueEntry> routed = new ArrayList<>();
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
            for (QueueEntry e : entries) {
                if (e.durable) {
                    m.addDurableRef();
                }
            }
            routed.addAll(entries);
        }
        return routed;
    }

    /** Journal operations storing routed entries: as entries, or as pending entries of XA branch {@code xaId}. */
    void sendOps(List<QueueEntry> routed, List<StoreOp> ops, long xaId) {
        StoredMessage written = null;
        for (QueueEntry e : routed) {
            if (!e.durable) {
                continue;
            }
            StoredMessage m = e.message;
            if (m != written) {
                ops.add(new StoreOp.InsertMessage(m.id, m.priority, m.expiration, m.deliveryTime, m.groupId,
                        m.cachedBody(), m.storedAt, m.note));
                written = m;
            }
            ops.add(xaId < 0 ? new StoreOp.InsertEntry(e.queue.id, m.id, 0)
                    : new StoreOp.InsertXaEntry(xaId, e.queue.id, m.id));
        }
    }

    /** Undoes the reference counting of {@link #entries} when the entries are not going to exist. */
    void unroute(List<QueueEntry> routed) {
        for (QueueEntry e : routed) {
            if (e.durable) {
                e.message.releaseDurableRef();
            }
        }
    }
}
