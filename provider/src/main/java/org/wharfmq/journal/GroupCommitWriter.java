package org.wharfmq.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.HdrHistogram.Recorder;
import org.wharfmq.store.StoreOp;

/**
 * The one thread that writes the journal. Every unit waiting when it wakes goes into one database transaction,
 * one commit and — if any of them asked for it — one sync, so concurrent sessions share the cost of the fsync
 * (group commit). A lone writer is served at once: there is no timer between a unit's arrival and its commit.
 *
 * <p>Delivery counts are the exception: they are remembered in a map and written with the next group (or after
 * {@link #DELIVERY_FLUSH_MILLIS}), unforced, and forgotten if the entry is acknowledged first, so the common
 * receive-then-acknowledge path costs no extra write. A session that must have a count on file before it hands a
 * message out submits it as a {@link StoreOp.RecordDelivery} unit instead and waits for that unit's commit.
 *
 * <p>With a {@link RedoLog}, every committed group gets the next sequence number (written in the same
 * transaction) and is appended to the log before anyone waiting on it is told it is stored; {@link #recover}
 * writes again the groups the database lost.
 */
final class GroupCommitWriter implements Runnable {

    private static final Logger LOG = Logger.getLogger(GroupCommitWriter.class.getName());
    static final long DELIVERY_FLUSH_MILLIS = 50;

    private record Unit(List<StoreOp> ops, boolean force, CompletableFuture<Void> done, long submittedNanos) {
    }

    private record EntryKey(long queueId, long messageId) {
    }

    private static final Unit STOP = new Unit(List.of(), false, new CompletableFuture<>(), 0);

    private final Connection connection;
    private final SqlDialect dialect;
    private final LinkedBlockingQueue<Unit> queue = new LinkedBlockingQueue<>();
    private final Map<EntryKey, Integer> deliveryCounts = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean stopping;
    private final RedoLog redo;
    /** Forces the redo log while the writer forces the database: the two syncs of a group overlap. */
    private final java.util.concurrent.ExecutorService redoSync;
    private final PreparedStatement updateSeq;
    /** The sequence number of the last committed group. */
    private long seq;
    /**
     * Set when the database closed itself under a failed write (H2 does after a full disk) or the redo log could not
     * be written: this writer accepts nothing more, and the journal opens a new one ({@link Journal#write}).
     */
    private volatile JournalException broken;

    /** The journal's statements, one per kind of StoreOp. */
    private final OpStatements statements;

    // figures for operators and the bench
    private volatile long groups;
    private volatile long units;
    private volatile long syncs;
    private volatile long commitNanos;
    private volatile Recorder latencies;

    GroupCommitWriter(Connection connection, SqlDialect dialect, String name, RedoLog redo, Recorder latencies)
            throws SQLException {
        this.connection = connection;
        this.latencies = latencies;
        this.dialect = dialect;
        this.redo = redo;
        connection.setAutoCommit(false);
        updateSeq = connection.prepareStatement("UPDATE WHARF_META SET VAL = ? WHERE NAME = '" + SEQ + "'");
        statements = new OpStatements(connection);
        thread = new Thread(this, "wharf-journal-writer[" + name + "]");
        thread.setDaemon(true);
        redoSync = redo == null ? null : java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "wharf-redo-sync[" + name + "]");
            t.setDaemon(true);
            return t;
        });
    }

    static final String SEQ = "redo.seq";

    /** How often the database file is forced when a redo log carries the forced groups (see afterCommit). */
    static final long DATABASE_SYNC_NANOS = TimeUnit.SECONDS.toNanos(1);
    private long lastDatabaseSync = System.nanoTime() - DATABASE_SYNC_NANOS;

    private void forceDatabaseBeforeRotation() throws java.io.IOException {
        try {
            dialect.forceToDisk(connection);
            lastDatabaseSync = System.nanoTime();
        } catch (SQLException e) {
            throw new java.io.IOException("cannot force the database before the redo log drops its old segment: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Before {@link #start}: writes again, in order, every group the redo log holds beyond the last one the
     * database kept. Returns {first, last} sequence numbers replayed, or null if none was missing.
     */
    long[] recover(java.util.function.LongConsumer gap) throws SQLException, JournalException {
        if (redo == null) {
            return null;
        }
        long kept;
        try (PreparedStatement ps = connection.prepareStatement("SELECT VAL FROM WHARF_META WHERE NAME = ?")) {
            ps.setString(1, SEQ);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                kept = rs.next() ? Long.parseLong(rs.getString(1)) : -1;
            }
        }
        if (kept < 0) {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO WHARF_META(NAME, VAL) VALUES(?, '0')")) {
                ps.setString(1, SEQ);
                ps.executeUpdate();
            }
            connection.commit();
            kept = 0;
        }
        long[] replayed = {-1, -1};
        long after = kept;
        try {
            seq = redo.replayAfter(kept, group -> {
                if (replayed[0] < 0 && group.seq() != after + 1) {
                    gap.accept(group.seq());
                }
                statements.apply(group.ops());
                setSeq(group.seq());
                connection.commit();
                if (replayed[0] < 0) {
                    replayed[0] = group.seq();
                }
                replayed[1] = group.seq();
            });
        } catch (SQLException | JournalException e) {
            throw e;
        } catch (Exception e) {
            throw new JournalException("cannot read the journal's redo log " + redo.path() + ": " + e, e);
        }
        if (replayed[0] < 0) {
            return null;
        }
        dialect.forceToDisk(connection);
        return replayed;
    }

    void start() {
        thread.start();
    }

    /** True once this writer can write nothing more (see {@link #broken}). */
    boolean isBroken() {
        return broken != null;
    }

    private void setSeq(long value) throws SQLException {
        updateSeq.setString(1, Long.toString(value));
        updateSeq.executeUpdate();
    }

    CompletableFuture<Void> submit(List<StoreOp> ops, boolean force) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (stopping) {
            done.completeExceptionally(new JournalException("the journal is closed"));
            return done;
        }
        if (broken != null) {
            done.completeExceptionally(broken);
            return done;
        }
        queue.add(new Unit(ops, force, done, System.nanoTime()));
        return done;
    }

    void recordDelivery(long queueId, long messageId, int count) {
        deliveryCounts.merge(new EntryKey(queueId, messageId), count, Math::max);
    }

    void forgetDelivery(long queueId, long messageId) {
        deliveryCounts.remove(new EntryKey(queueId, messageId));
    }

    long groups() {
        return groups;
    }

    long units() {
        return units;
    }

    void recordLatencies(Recorder r) {
        latencies = r;
    }

    long syncs() {
        return syncs;
    }

    long commitNanos() {
        return commitNanos;
    }

    @Override
    public void run() {
        List<Unit> batch = new ArrayList<>();
        while (true) {
            Unit first;
            try {
                first = queue.poll(DELIVERY_FLUSH_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = null;
            }
            batch.clear();
            boolean stop = false;
            if (first != null) {
                batch.add(first);
                queue.drainTo(batch);
                stop = batch.remove(STOP);
            }
            if (!batch.isEmpty() || !deliveryCounts.isEmpty()) {
                writeGroup(batch);
            }
            if (broken != null) {
                List<Unit> rest = new ArrayList<>();
                queue.drainTo(rest);
                rest.remove(STOP);
                rest.forEach(u -> u.done().completeExceptionally(broken));
                return;
            }
            if (stop) {
                List<Unit> rest = new ArrayList<>();
                queue.drainTo(rest);
                rest.remove(STOP);
                if (!rest.isEmpty()) {
                    writeGroup(rest);
                }
                return;
            }
        }
    }

    private void writeGroup(List<Unit> batch) {
        if (broken != null) {
            batch.forEach(u -> u.done().completeExceptionally(broken));
            return;
        }
        boolean force = false;
        long started = System.nanoTime();
        List<StoreOp> all = redo == null ? null : new ArrayList<>();
        try {
            for (Unit u : batch) {
                statements.apply(u.ops());
                force |= u.force();
                if (all != null) {
                    all.addAll(u.ops());
                }
            }
            flushDeliveryCounts(all);
            if (redo != null) {
                setSeq(seq + 1);
            }
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            if (dialect.isDatabaseClosed(e) || databaseClosed()) {
                broken = new JournalException("journal write failed and the database closed itself: " + e.getMessage()
                        + " (Wharf opens the journal again at the next write)", e);
                LOG.log(Level.SEVERE, broken.getMessage(), e);
                batch.forEach(u -> u.done().completeExceptionally(broken));
                return;
            }
            if (batch.size() == 1) {
                batch.get(0).done().completeExceptionally(new JournalException("journal write failed: " + e.getMessage(), e));
                return;
            }
            // One bad unit must not fail its neighbours: retry each on its own.
            for (Unit u : batch) {
                writeGroup(new ArrayList<>(List.of(u)));
            }
            return;
        } catch (RuntimeException e) {
            rollbackQuietly();
            for (Unit u : batch) {
                u.done().completeExceptionally(new JournalException("journal write failed: " + e, e));
            }
            return;
        }
        afterCommit(batch, all, force, started);
    }

    /**
     * The group is committed: from here on it counts (its sequence number is used), whatever else fails. A
     * failed sync or redo-log write can only make its outcome unknown to the callers, never undo it.
     */
    private void afterCommit(List<Unit> batch, List<StoreOp> all, boolean force, long started) {
        seq++;
        JournalException failure = null;
        // With a redo log, a forced group is on disk once its record is: the database file is forced only once a
        // second at most (DATABASE_SYNC_NANOS), and always before the log drops a segment, so the log holds every
        // group since the database file was last forced. H2 keeps the chunks a forced state needs for its retention
        // time (45 s), far longer than the interval, so after a power loss it opens at least that state, and the log
        // adds the rest. Without a log (a database server), every forced group forces the database.
        boolean forceDatabase = redo == null ? force : started - lastDatabaseSync >= DATABASE_SYNC_NANOS;
        java.util.concurrent.Future<?> redoForced = null;
        if (redo != null) {
            try {
                redo.append(seq, all, force && !forceDatabase, this::forceDatabaseBeforeRotation);
                if (force && forceDatabase) {
                    redoForced = redoSync.submit(() -> {
                        redo.force();
                        return null;
                    });
                }
            } catch (java.io.IOException | RuntimeException e) {
                failure = redoFailed(e);
            }
        }
        if (forceDatabase) {
            try {
                dialect.forceToDisk(connection);
                lastDatabaseSync = started;
            } catch (SQLException e) {
                JournalException f = new JournalException("the journal committed the write but could not force it to"
                        + " disk (" + e.getMessage() + "): it is stored, but might not survive a power loss", e);
                LOG.log(Level.WARNING, f.getMessage(), e);
                if (force) {
                    failure = f;
                }
                // an unforced group promised no durability: the periodic force failing is no failure of its units
            }
        }
        if (redoForced != null) {
            try {
                redoForced.get();
            } catch (java.util.concurrent.ExecutionException e) {
                failure = redoFailed(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = redoFailed(e);
            }
        }
        groups++;
        units += batch.size();
        if (force) {
            syncs++;
        }
        long now = System.nanoTime();
        commitNanos += now - started;
        Recorder r = latencies;
        if (r != null) {
            for (Unit u : batch) {
                r.recordValue(Math.max(0, (now - u.submittedNanos()) / 1000));
            }
        }
        for (Unit u : batch) {
            if (failure == null) {
                u.done().complete(null);
            } else {
                u.done().completeExceptionally(failure);
            }
        }
    }

    /** Writes the lazily kept delivery counts into the open transaction (and, when given, into {@code ops}). */
    private void flushDeliveryCounts(List<StoreOp> ops) throws SQLException {
        if (deliveryCounts.isEmpty()) {
            return;
        }
        for (EntryKey k : new ArrayList<>(deliveryCounts.keySet())) {
            Integer count = deliveryCounts.remove(k);
            if (count != null) {
                statements.raiseCount(k.queueId(), k.messageId(), count);
                if (ops != null) {
                    ops.add(new StoreOp.RecordDelivery(k.queueId(), k.messageId(), count));
                }
            }
        }
    }

    private JournalException redoFailed(Throwable e) {
        broken = new JournalException("the journal's redo log " + redo.path() + " cannot be written (" + e.getMessage()
                + "); the last write is stored, and Wharf opens the journal again at the next write", e);
        LOG.log(Level.SEVERE, broken.getMessage(), e);
        return broken;
    }

    private boolean databaseClosed() {
        try {
            return connection.isClosed() || !connection.isValid(5);
        } catch (SQLException e) {
            return true;
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "journal rollback failed", e);
        }
    }

    /** Writes everything submitted so far, then stops the threads. */
    void stop() {
        stopping = true;
        queue.add(STOP);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (redoSync != null) {
            redoSync.shutdown();
        }
    }
}
