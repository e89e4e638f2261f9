package org.wharfmq.shared;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.wharfmq.store.EntrySource;
import org.wharfmq.store.QueueRecord;
import org.wharfmq.store.StoreException;
import org.wharfmq.store.StoredEntry;

/**
 * This node's claims on the shared journal's entries, and the engine's {@link EntrySource}: it claims batches
 * ({@link SharedEntries#claim}), remembers each claim's token until the entry is settled or given back — the
 * token is what an acknowledgement names ({@link SharedWriter}), so an acknowledgement after the claim was lost
 * changes nothing — and forgets every claim at once when the node's lease is lost.
 */
final class SharedClaims implements EntrySource {

    private static final Logger LOG = Logger.getLogger(SharedClaims.class.getName());

    private record Key(long queueId, long messageId) {
    }

    private final Connections connections;
    private final SharedEntries entries;
    private final SharedQueues queues;
    private final SharedReservations reservations = new SharedReservations();
    private final String node;
    private final long pollMillis;
    private final Map<Key, Long> tokens = new ConcurrentHashMap<>();
    /** Claims acknowledged by a prepared XA branch: no other node takes them, so they outlive a lost lease. */
    private final java.util.Set<Key> pinned = ConcurrentHashMap.newKeySet();
    private volatile Watcher watcher;

    SharedClaims(Connections connections, SharedEntries entries, SharedQueues queues, String node, long pollMillis) {
        this.connections = connections;
        this.entries = entries;
        this.queues = queues;
        this.node = node;
        this.pollMillis = pollMillis;
    }

    @Override
    public List<Claimed> claim(long queueId, int max, java.util.Collection<Long> passOver, Position after)
            throws StoreException {
        ClaimBatch batch;
        long[] skip = passOver.stream().mapToLong(Long::longValue).toArray();
        try {
            batch = connections.with(c -> {
                ClaimBatch b = entries.claim(c, queueId, node, max, skip, after);
                c.commit();
                return b;
            });
        } catch (SQLException e) {
            throw new StoreException("cannot claim messages from the shared journal: " + e.getMessage(), e);
        }
        List<Claimed> out = new ArrayList<>(batch.entries().size());
        for (ClaimBatch.Claimed x : batch.entries()) {
            tokens.put(new Key(queueId, x.messageId()), batch.token());
            out.add(new Claimed(new StoredEntry(queueId, x.messageId(), x.deliveryCount(), x.priority(),
                    x.expiration(), x.deliveryTime(), x.groupId(), x.created()), x.body()));
        }
        return out;
    }

    @Override
    public void giveBack(long queueId, List<GivenBack> given) {
        List<SharedEntries.ClaimedKey> keys = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        List<Long> visible = new ArrayList<>();
        for (GivenBack g : given) {
            Long token = tokens.get(new Key(queueId, g.messageId()));
            if (token != null) {
                keys.add(new SharedEntries.ClaimedKey(queueId, g.messageId(), token));
                counts.add(g.deliveryCount());
                visible.add(g.visibleAt());
            }
        }
        try {
            // no consumer of the queue here any more (or the engine closes): its groups go to the other nodes too
            connections.with(c -> {
                entries.giveBackAll(c, keys, counts, visible);
                entries.releaseGroups(c, node, queueId);
                if (!keys.isEmpty()) {
                    // the other nodes' consumers of the queue may take them now
                    try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT pg_notify('"
                            + SharedWriter.CHANNEL + "', ?)")) {
                        ps.setString(1, String.valueOf(queueId));
                        ps.execute();
                    }
                }
                c.commit();
                return null;
            });
            keys.forEach(this::forget);
        } catch (SQLException e) {
            // they stay claimed by this node: delivered here later, or to the others once this node is gone
            LOG.log(Level.WARNING, "cannot give " + keys.size() + " message(s) back to the shared journal; this node"
                    + " keeps them", e);
        }
    }

    @Override
    public List<StoredEntry> browse(long queueId) throws StoreException {
        try {
            return connections.with(c -> {
                List<StoredEntry> out = entries.ready(c, queueId);
                c.commit();
                return out;
            });
        } catch (SQLException e) {
            throw new StoreException("cannot browse the shared journal: " + e.getMessage(), e);
        }
    }

    @Override
    public TopicSubscriptions subscriptionsOf(String topic) throws StoreException {
        try {
            return connections.with(c -> {
                TopicSubscriptions t = queues.subscriptionsOf(c, topic);
                c.commit();
                return t;
            });
        } catch (SQLException e) {
            throw new StoreException("cannot read the subscriptions of topic " + topic + " from the shared journal: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public QueueRecord find(char kind, String name) throws StoreException {
        try {
            return connections.with(c -> {
                QueueRecord r = queues.find(c, kind, name);
                c.commit();
                return r;
            });
        } catch (SQLException e) {
            throw new StoreException("cannot read " + name + " from the shared journal: " + e.getMessage(), e);
        }
    }

    @Override
    public String reserve(String kind, String name) throws StoreException {
        try {
            return connections.with(c -> {
                String holder = reservations.reserve(c, kind, name, node);
                c.commit();
                return holder;
            });
        } catch (SQLException e) {
            throw new StoreException("cannot reserve " + kind + " '" + name + "' in the shared journal: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void release(String kind, String name) {
        try {
            connections.with(c -> {
                reservations.release(c, kind, name, node);
                c.commit();
                return null;
            });
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "cannot release " + kind + " '" + name + "' in the shared journal; it is free when"
                    + " this node leaves", e);
        }
    }

    @Override
    public void watch(Watcher w) {
        this.watcher = w;
    }

    @Override
    public long pollMillis() {
        return pollMillis;
    }

    /** The token of this node's claim on an entry, or null if it holds none (never claimed, or lost). */
    Long tokenOf(long queueId, long messageId) {
        return tokens.get(new Key(queueId, messageId));
    }

    /** The entry is settled or given back: its claim is over. */
    void forget(SharedEntries.ClaimedKey k) {
        Key key = new Key(k.queueId(), k.messageId());
        if (tokens.remove(key, k.token())) {
            pinned.remove(key);
        }
    }

    /** The entry is acknowledged by a prepared XA branch of this node (or no longer, {@code pin} false). */
    void pin(long queueId, long messageId, boolean pin) {
        if (pin) {
            pinned.add(new Key(queueId, messageId));
        } else {
            pinned.remove(new Key(queueId, messageId));
        }
    }

    @Override
    public Claimed heldForBranch(long queueId, long messageId) throws StoreException {
        ClaimBatch b;
        try {
            b = connections.with(c -> {
                ClaimBatch held = entries.held(c, node, queueId, messageId);
                c.commit();
                return held;
            });
        } catch (SQLException e) {
            throw new StoreException("cannot read message " + messageId + " from the shared journal: "
                    + e.getMessage(), e);
        }
        if (b == null) {
            return null;
        }
        ClaimBatch.Claimed x = b.entries().get(0);
        tokens.put(new Key(queueId, messageId), b.token());
        pinned.add(new Key(queueId, messageId));
        return new Claimed(new StoredEntry(queueId, messageId, x.deliveryCount(), x.priority(), x.expiration(),
                x.deliveryTime(), x.groupId(), x.created()), x.body());
    }

    /**
     * The node's lease was lost: no claim it made can be trusted, and the engine must deliver none of them — but
     * those of prepared XA branches, which no other node takes.
     */
    void lost() {
        tokens.keySet().retainAll(pinned);
        Watcher w = watcher;
        if (w != null) {
            w.claimsLost();
        }
    }

    /** Tells the engine that another node changed the durable subscriptions of {@code topic}. */
    void subscriptionsChanged(String topic) {
        Watcher w = watcher;
        if (w != null) {
            w.subscriptionsChanged(topic);
        }
    }

    /** Tells the engine that ready entries may have arrived (-1: in any queue). */
    void workMayBeReady(long queueId) {
        Watcher w = watcher;
        if (w != null) {
            w.workMayBeReady(queueId);
        }
    }
}
