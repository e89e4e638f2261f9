package org.wharfmq.shared;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.HdrHistogram.Recorder;
import org.wharfmq.store.StaleRegistryException;
import org.wharfmq.store.StoreException;
import org.wharfmq.store.StoreOp;

/**
 * The node's group commit on the shared journal: every unit of work submitted while the previous commit was
 * running (sends, acknowledgements, transacted commits of this node's sessions) goes into one PostgreSQL
 * transaction and one commit — one WAL flush for all of them, as the local journal shares one sync. A group that
 * fails is tried again unit by unit, so that one unit's failure (an acknowledgement whose claim was lost) fails that
 * unit only. A group that stored entries sends one NOTIFY with the queues' ids (a NOTIFY takes a lock that
 * serialises commits on the server, so never one per message); other nodes wake their consumers on it.
 */
final class SharedWriter {

    private static final Logger LOG = Logger.getLogger(SharedWriter.class.getName());

    /** The channel of the hints other nodes listen on ({@link WorkListener}). */
    static final String CHANNEL = "wharf_work";

    /** Units in one transaction at most: bounds how much one failed group must try again alone. */
    private static final int MAX_GROUP = 512;

    private record Unit(List<StoreOp> ops, CompletableFuture<Void> done, long submitted) {
    }

    /** A unit that must not be applied; the group goes back and this one fails with {@code reason}. */
    private static class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** A unit routed to a topic's subscriptions as they were before another node changed them. */
    private static final class StaleRouting extends Refused {
        private static final long serialVersionUID = 1L;
        final String topic;

        StaleRouting(String topic) {
            super("stale routing for topic " + topic);
            this.topic = topic;
        }
    }

    private final Connections connections;
    private final SharedEntries entries;
    private final SharedQueues queues;
    private final SharedXa xa = new SharedXa();
    private final SharedClaims claims;
    private final String node;
    private final String shownUrl;
    private final LinkedBlockingQueue<Unit> pending = new LinkedBlockingQueue<>();
    /** Entries acknowledged by branches prepared in the group being written (the writer thread's only). */
    private final List<long[]> pinAfterCommit = new ArrayList<>();
    /** Delivery counts written with the next group, waited for by no one. */
    private final ConcurrentLinkedQueue<StoreOp> lazy = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean stopping;
    private Connection connection;
    private volatile Recorder latencies;
    private final AtomicLong groups = new AtomicLong();
    private final AtomicLong units = new AtomicLong();
    private final AtomicLong commitNanos = new AtomicLong();

    SharedWriter(Connections connections, SharedEntries entries, SharedQueues queues, SharedClaims claims,
                 String shownUrl, String node) {
        this.connections = connections;
        this.entries = entries;
        this.queues = queues;
        this.claims = claims;
        this.node = node;
        this.shownUrl = shownUrl;
        this.thread = new Thread(this::run, "wharf-shared-writer[" + node + "]");
        thread.setDaemon(true);
        thread.start();
    }

    CompletableFuture<Void> submit(List<StoreOp> ops) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (stopping) {
            done.completeExceptionally(new StoreException("the shared journal " + shownUrl + " is closed"));
            return done;
        }
        pending.add(new Unit(List.copyOf(ops), done, System.nanoTime()));
        return done;
    }

    void lazily(StoreOp op) {
        lazy.add(op);
    }

    void recordLatencies(Recorder r) {
        latencies = r;
    }

    long[] figures() {
        return new long[] {groups.get(), units.get(), groups.get(), commitNanos.get()};
    }

    private void run() {
        List<Unit> group = new ArrayList<>();
        while (true) {
            try {
                Unit first = pending.poll(50, TimeUnit.MILLISECONDS);
                if (first != null) {
                    group.add(first);
                    pending.drainTo(group, MAX_GROUP - 1);
                }
            } catch (InterruptedException e) {
                // stopping: what is pending is still written below
            }
            if (group.isEmpty()) {
                if (!lazy.isEmpty()) {
                    writeLazyOnly();
                }
                if (stopping && pending.isEmpty()) {
                    break;
                }
                continue;
            }
            write(group);
            group.clear();
        }
        Connections.closeQuietly(connection);
    }

    private void write(List<Unit> group) {
        List<StoreOp> lazyOps = drainLazy();
        try {
            commit(group, lazyOps);
            return;
        } catch (Refused | SQLException e) {
            if (group.size() == 1) {
                fail(group.get(0), e);
                return;
            }
        }
        // one of them could not be applied: each on its own, so that only that one fails
        for (Unit u : group) {
            try {
                commit(List.of(u), List.of());
            } catch (Refused | SQLException e) {
                fail(u, e);
            }
        }
    }

    private void fail(Unit u, Exception e) {
        if (e instanceof StaleRouting stale) {
            u.done().completeExceptionally(new StaleRegistryException(stale.topic));
        } else if (e instanceof Refused) {
            u.done().completeExceptionally(new StoreException(e.getMessage()));
        } else {
            u.done().completeExceptionally(new StoreException("the shared journal " + shownUrl + " failed: "
                    + e.getMessage() + (e instanceof CommitUncertain ? "" : "; nothing of it was stored"), e));
        }
    }

    /** The connection broke while the commit was under way: the database may have committed it or not. */
    private static final class CommitUncertain extends SQLException {
        private static final long serialVersionUID = 1L;

        CommitUncertain(SQLException cause) {
            super("the connection failed during the commit, so whether it was stored is unknown ("
                    + cause.getMessage() + ")", cause.getSQLState(), cause);
        }
    }

    private void commit(List<Unit> group, List<StoreOp> lazyOps) throws Refused, SQLException {
        Connection c = connection();
        List<SharedEntries.ClaimedKey> settled = new ArrayList<>();
        try {
            Set<Long> queues = apply(c, group, lazyOps, settled);
            if (!queues.isEmpty()) {
                StringBuilder payload = new StringBuilder();
                for (long q : queues) {
                    payload.append(payload.length() == 0 ? "" : ",").append(q);
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
                    ps.setString(1, payload.toString());
                    ps.execute();
                }
            }
        } catch (Refused | SQLException | RuntimeException e) {
            pinAfterCommit.clear();
            rollback(c);
            throw e;
        }
        long start = System.nanoTime();
        try {
            c.commit();
        } catch (SQLException e) {
            dropConnection();
            throw new CommitUncertain(e);
        }
        long end = System.nanoTime();
        commitNanos.addAndGet(end - start);
        groups.incrementAndGet();
        units.addAndGet(group.size());
        settled.forEach(claims::forget);
        for (long[] a : pinAfterCommit) {
            claims.pin(a[1], a[2], true);
        }
        pinAfterCommit.clear();
        Recorder r = latencies;
        for (Unit u : group) {
            if (r != null) {
                r.recordValue(Math.max(0, (end - u.submitted()) / 1000));
            }
            u.done().complete(null);
        }
    }

    /** Applies the group's operations in the open transaction; returns the queues that got entries. */
    private Set<Long> apply(Connection c, List<Unit> group, List<StoreOp> lazyOps,
                            List<SharedEntries.ClaimedKey> settled) throws Refused, SQLException {
        Map<Long, StoreOp.InsertMessage> messages = new LinkedHashMap<>();
        Map<Long, List<Long>> targets = new HashMap<>();
        Set<Long> deletedMessages = new LinkedHashSet<>();
        List<SharedEntries.ClaimedKey> counted = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        List<SharedEntries.ClaimedKey> reset = new ArrayList<>();
        List<Integer> resetCounts = new ArrayList<>();
        List<Long> deletedQueues = new ArrayList<>();
        List<StoreOp.RoutedBy> routings = new ArrayList<>();
        List<StoreOp.InsertXa> branches = new ArrayList<>();
        List<long[]> branchSends = new ArrayList<>();
        List<long[]> branchAcks = new ArrayList<>();
        List<Long> resolved = new ArrayList<>();
        List<long[]> laterEntries = new ArrayList<>();
        for (Unit u : group) {
            for (StoreOp op : u.ops()) {
                if (op instanceof StoreOp.InsertMessage m) {
                    messages.put(m.id(), m);
                } else if (op instanceof StoreOp.InsertEntry e) {
                    if (messages.containsKey(e.messageId())) {
                        targets.computeIfAbsent(e.messageId(), k -> new ArrayList<>()).add(e.queueId());
                    } else {
                        laterEntries.add(new long[] {e.queueId(), e.messageId()}); // a prepared branch's send
                    }
                } else if (op instanceof StoreOp.DeleteEntry d) {
                    Long token = claims.tokenOf(d.queueId(), d.messageId());
                    if (token == null) {
                        throw new Refused(lostClaim(d.messageId()));
                    }
                    settled.add(new SharedEntries.ClaimedKey(d.queueId(), d.messageId(), token));
                } else if (op instanceof StoreOp.DeleteMessage m) {
                    deletedMessages.add(m.messageId());
                } else if (op instanceof StoreOp.RecordDelivery r) {
                    count(r.queueId(), r.messageId(), r.count(), counted, counts);
                } else if (op instanceof StoreOp.ResetDeliveryCount r) {
                    count(r.queueId(), r.messageId(), r.count(), reset, resetCounts);
                } else if (op instanceof StoreOp.DeleteQueue q) {
                    deletedQueues.add(q.queueId());
                } else if (op instanceof StoreOp.RoutedBy r) {
                    routings.add(r);
                } else if (op instanceof StoreOp.InsertXa x) {
                    branches.add(x);
                } else if (op instanceof StoreOp.InsertXaEntry x) {
                    branchSends.add(new long[] {x.xaId(), x.queueId(), x.messageId()});
                } else if (op instanceof StoreOp.InsertXaAck x) {
                    if (claims.tokenOf(x.queueId(), x.messageId()) == null) {
                        throw new Refused(lostClaim(x.messageId()));
                    }
                    branchAcks.add(new long[] {x.xaId(), x.queueId(), x.messageId()});
                } else if (op instanceof StoreOp.DeleteXa x) {
                    resolved.add(x.id());
                } else {
                    throw new Refused("queues are defined through defineQueue");
                }
            }
        }
        for (StoreOp op : lazyOps) {
            if (op instanceof StoreOp.RecordDelivery r) {
                count(r.queueId(), r.messageId(), r.count(), counted, counts);
            }
        }
        for (StoreOp.RoutedBy r : routings) {
            if (!queues.checkRouting(c, r.topic(), r.registryVersion())) {
                throw new StaleRouting(r.topic());
            }
        }
        List<SharedEntries.NewMessage> news = new ArrayList<>(messages.size());
        Set<Long> filled = new LinkedHashSet<>();
        for (StoreOp.InsertMessage m : messages.values()) {
            List<Long> to = targets.getOrDefault(m.id(), List.of());
            filled.addAll(to);
            news.add(new SharedEntries.NewMessage(m.id(), m.priority(), m.expiration(), m.deliveryTime(),
                    m.groupId(), m.body(), m.created(), to));
        }
        entries.append(c, news);
        entries.insertEntriesFor(c, laterEntries);
        for (StoreOp.InsertXa x : branches) {
            xa.insertBranch(c, x.id(), node, x.formatId(), x.gtrid(), x.bqual());
        }
        xa.insertRecords(c, "wharf_xa_entry", branchSends);
        xa.insertRecords(c, "wharf_xa_ack", branchAcks);
        for (long id : resolved) {
            xa.delete(c, id);
        }
        pinAfterCommit.addAll(branchAcks);
        filled.addAll(laterEntries.stream().map(qm -> qm[0]).toList());
        List<SharedEntries.ClaimedKey> lost = entries.settleAll(c, settled);
        if (!lost.isEmpty()) {
            throw new Refused(lostClaim(lost.get(0).messageId()));
        }
        entries.deleteUnreferenced(c, deletedMessages);
        entries.setCounts(c, counted, counts, true);
        entries.setCounts(c, reset, resetCounts, false);
        for (long q : deletedQueues) {
            queues.delete(c, entries, q);
        }
        return filled;
    }

    private void count(long queueId, long messageId, int count, List<SharedEntries.ClaimedKey> keys,
                       List<Integer> counts) {
        Long token = claims.tokenOf(queueId, messageId);
        if (token != null) {
            keys.add(new SharedEntries.ClaimedKey(queueId, messageId, token));
            counts.add(count);
        }
    }

    private static String lostClaim(long messageId) {
        return "message " + messageId + " is no longer held by this node (its lease on the shared journal lapsed"
                + " and another node may have it now): the acknowledgement is refused, nothing was changed";
    }

    private void writeLazyOnly() {
        List<StoreOp> ops = drainLazy();
        try {
            commit(List.of(), ops);
        } catch (Refused | SQLException e) {
            LOG.log(Level.FINE, "delivery counts not written to the shared journal", e);
        }
    }

    private List<StoreOp> drainLazy() {
        List<StoreOp> out = new ArrayList<>();
        for (StoreOp op; (op = lazy.poll()) != null; ) {
            out.add(op);
        }
        return out;
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = connections.open();
        }
        return connection;
    }

    private void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            dropConnection();
        }
        try {
            if (!c.isValid(2)) {
                dropConnection();
            }
        } catch (SQLException e) {
            dropConnection();
        }
    }

    private void dropConnection() {
        Connections.closeQuietly(connection);
        connection = null;
    }

    /** Writes what was submitted, then stops the thread. */
    void close() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Unit u; (u = pending.poll()) != null; ) {
            u.done().completeExceptionally(new StoreException("the shared journal " + shownUrl + " closed before"
                    + " this was written; nothing of it was stored"));
        }
    }
}
