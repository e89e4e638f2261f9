package org.wharfmq.journal;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.wharfmq.store.MessageStore;
import org.wharfmq.store.QueueRecord;
import org.wharfmq.store.StoredEntry;
import org.wharfmq.store.PreparedBranch;
import org.wharfmq.store.StoreOp;

/**
 * The durable store of messages, queues and durable subscriptions, in four tables (WHARF_META, WHARF_QUEUE,
 * WHARF_MESSAGE, WHARF_ENTRY). Writes go through one {@link GroupCommitWriter}; reads (bodies loaded lazily at
 * dispatch, the start-up scan) use a small pool of read connections. Nothing here knows about JMS.
 */
public final class Journal implements MessageStore {

    private static final Logger LOG = Logger.getLogger(Journal.class.getName());

    /** The schema this code writes; a journal with a higher version is refused. */
    public static final int SCHEMA_VERSION = 3;

    private static final int READERS = 2;

    /** The URL opened (with the dialect's options). */
    private final String url;
    /** The URL as configured, for messages. */
    private final String configuredUrl;
    private final SqlDialect dialect;
    private final String user;
    private final String password;
    private volatile Connection writerConnection;
    private volatile GroupCommitWriter writer;
    /** Commit latencies in microseconds, when the engine keeps metrics; null otherwise. */
    private volatile Recorder latencies;
    /** When a broken writer may next be replaced (see {@link #reopen}). */
    private long nextReopen;
    private final ReaderPool readers = new ReaderPool(READERS, this::connect);
    private final String identity;
    /** The embedded database's file, when it is local (the redo log lives next to it). */
    private final java.nio.file.Path databaseFile;
    private final RedoLog redo;
    private final JournalOwner owner;
    /** Renews the owner's lease (what another engine judges a stale owner row by). */
    private final java.util.concurrent.ScheduledExecutorService leaseKeeper;
    /** Why this journal takes no more work (its ownership was taken by another engine); null while it owns it. */
    private volatile String fenced;
    /** The lease keeper's own connection: its thread's alone, then closed by {@link #close}. */
    private Connection leaseConnection;
    private volatile boolean closed;
    /** Ids of new messages and queues: one engine owns the journal, so counters in memory are enough. */
    private java.util.concurrent.atomic.AtomicLong messageIds;
    private java.util.concurrent.atomic.AtomicLong queueIds;
    private java.util.concurrent.atomic.AtomicLong xaIds;

    /** The lease of a journal's owner when nothing else is said. */
    public static final java.time.Duration DEFAULT_LEASE = java.time.Duration.ofSeconds(30);

    private Journal(String url, String user, String password, SqlDialect dialect, java.time.Duration lease)
            throws JournalException {
        this.url = dialect.effectiveUrl(url);
        this.configuredUrl = url;
        this.dialect = dialect;
        this.user = user;
        this.password = password;
        this.databaseFile = dialect.localDatabaseFile(this.url);
        this.redo = databaseFile == null ? null : RedoLog.at(redoBase(databaseFile), RedoLog.DEFAULT_SEGMENT_BYTES);
        createOwnerOnlyDirectory();
        this.owner = new JournalOwner(configuredUrl, lease, databaseFile);
        Connection c = connect();
        makeOwnerOnly(databaseFile);
        boolean exclusive = dialect.exclusiveAccess(this.url);
        boolean claimed = false;
        try {
            // before anything else is read or written: a second engine must not even create the schema
            owner.claim(c, exclusive);
            claimed = true;
            this.identity = JournalSchema.prepare(c, dialect, configuredUrl);
            startWriter(c);
        } catch (SQLException e) {
            giveUp(c, claimed);
            throw new JournalException("cannot prepare journal " + url + ": " + e.getMessage(), e);
        } catch (JournalException e) {
            giveUp(c, claimed);
            throw e;
        }
        this.leaseKeeper = startLeaseKeeper(lease);
        try {
            // Ids grow across restarts even for non-persistent messages, which never reach the journal.
            this.messageIds = new java.util.concurrent.atomic.AtomicLong(Math.max(
                    maxOf("SELECT COALESCE(MAX(ID), 0) FROM WHARF_MESSAGE"), System.currentTimeMillis() * 1000));
            this.queueIds = new java.util.concurrent.atomic.AtomicLong(maxOf("SELECT COALESCE(MAX(ID), 0) FROM WHARF_QUEUE"));
            this.xaIds = new java.util.concurrent.atomic.AtomicLong(maxOf("SELECT COALESCE(MAX(ID), 0) FROM WHARF_XA"));
        } catch (JournalException e) {
            close();
            throw e;
        }
    }

    /** A journal that could not be opened: released (if it was claimed) and closed. */
    private void giveUp(Connection c, boolean claimed) {
        if (claimed) {
            try {
                c.rollback();
                owner.release(c);
            } catch (SQLException e) {
                LOG.fine(() -> "journal " + configuredUrl + ": its owner row stays (the next engine takes it over): " + e);
            }
        }
        closeQuietly(c);
        closeRedoQuietly();
    }

    /**
     * A daemon thread that renews the owner's lease three times per lease, on a connection of its own; it fences
     * the journal when the row names another engine.
     */
    private java.util.concurrent.ScheduledExecutorService startLeaseKeeper(java.time.Duration lease) {
        java.util.concurrent.ScheduledExecutorService keeper = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "wharf-journal-lease");
                    t.setDaemon(true);
                    return t;
                });
        long period = Math.max(200, lease.toMillis() / 3);
        keeper.scheduleWithFixedDelay(() -> {
            if (closed || fenced != null) {
                return;
            }
            try {
                if (leaseConnection == null) {
                    leaseConnection = connect();
                    leaseConnection.setAutoCommit(false);
                }
                if (!owner.renew(leaseConnection)) {
                    String now = owner.current(leaseConnection).map(JournalOwner.Owner::describe).orElse("nobody");
                    fence("this engine lost the journal " + configuredUrl + " to another engine (" + now + ") after it"
                            + " could not renew its lease for longer than " + lease.toSeconds() + " s; it takes no more"
                            + " work, so that the same messages are never served twice: close it and connect again");
                }
            } catch (SQLException | JournalException e) {
                LOG.warning(() -> "journal " + configuredUrl + ": the owner's lease could not be renewed: " + e.getMessage());
                if (leaseConnection != null) {
                    closeQuietly(leaseConnection);
                    leaseConnection = null;
                }
            }
        }, period, period, java.util.concurrent.TimeUnit.MILLISECONDS);
        return keeper;
    }

    private void stopLeaseKeeper() {
        leaseKeeper.shutdownNow();
        try {
            if (leaseKeeper.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS) && leaseConnection != null) {
                closeQuietly(leaseConnection);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fence(String why) {
        fenced = why;
        LOG.severe(why);
    }

    /** Replays what the database lost, then starts a writer on {@code c}. */
    private void startWriter(Connection c) throws SQLException, JournalException {
        GroupCommitWriter w = new GroupCommitWriter(c, dialect, configuredUrl, redo, latencies);
        long[] replayed = w.recover(first -> LOG.severe(() -> "journal " + configuredUrl + " lost groups"
                + " that its redo log no longer holds (the log continues at group " + first + "): some"
                + " messages or acknowledgements stored before a crash are missing"));
        if (replayed != null) {
            // normal after a crash: the database file is forced once a second, the redo log with every forced group
            LOG.info(() -> "journal " + configuredUrl + ": " + (replayed[1] - replayed[0] + 1) + " group(s) committed"
                    + " before the process ended were not in the database file (groups " + replayed[0] + ".."
                    + replayed[1] + "); written again from the redo log " + redo.path());
        }
        JournalSchema.collectGarbage(c);
        w.start();
        writerConnection = c;
        writer = w;
    }

    /**
     * Replaces a writer that can write nothing more — the database closed itself after a failed write (a full
     * disk), or the redo log failed — by opening the database again, at most once a second: once space is back,
     * the next write works again. What the old writer had committed is in the database or in the redo log; the
     * engine above applied nothing that was not.
     */
    private synchronized GroupCommitWriter reopen(GroupCommitWriter broken) {
        if (writer != broken || closed || System.currentTimeMillis() < nextReopen) {
            return writer;
        }
        nextReopen = System.currentTimeMillis() + 1000;
        broken.stop();
        readers.discardAll();
        closeQuietly(writerConnection);
        closeRedoQuietly();
        try {
            Connection c = connect();
            try {
                startWriter(c);
            } catch (SQLException | JournalException e) {
                closeQuietly(c);
                throw e;
            }
            LOG.info(() -> "journal " + configuredUrl + " opened again after its database closed itself");
        } catch (SQLException | JournalException e) {
            LOG.warning(() -> "journal " + configuredUrl + " cannot be opened again yet: " + e.getMessage());
        }
        return writer;
    }

    private CompletableFuture<Void> submit(List<StoreOp> ops, boolean force) {
        String why = fenced;
        if (why != null) {
            return CompletableFuture.failedFuture(new JournalException(why));
        }
        GroupCommitWriter w = writer;
        if (w.isBroken()) {
            w = reopen(w);
        }
        if (ops.stream().anyMatch(op -> op instanceof StoreOp.RoutedBy)) {
            // one engine owns this journal, so its routing is always current: nothing to check, nothing to store
            ops = ops.stream().filter(op -> !(op instanceof StoreOp.RoutedBy)).toList();
        }
        return w.submit(ops, force);
    }

    /** Messages are nobody else's business: a journal directory Wharf creates is its owner's only. */
    private void createOwnerOnlyDirectory() throws JournalException {
        java.nio.file.Path dir = databaseFile == null ? null : databaseFile.toAbsolutePath().getParent();
        if (dir == null || Files.isDirectory(dir)) {
            return;
        }
        try {
            try {
                Files.createDirectories(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(dir);
            }
        } catch (java.io.IOException e) {
            throw new JournalException("cannot create the journal's directory " + dir + ": " + e, e);
        }
    }

    static void makeOwnerOnly(java.nio.file.Path file) {
        if (file == null || !Files.exists(file)) {
            return;
        }
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | java.io.IOException e) {
            LOG.fine(() -> "cannot restrict the permissions of " + file + ": " + e);
        }
    }

    private static java.nio.file.Path redoBase(java.nio.file.Path databaseFile) {
        String name = databaseFile.getFileName().toString();
        return databaseFile.resolveSibling(name.endsWith(".mv.db") ? name.substring(0, name.length() - 6) : name);
    }

    private void closeRedoQuietly() {
        if (redo != null) {
            try {
                redo.close();
            } catch (java.io.IOException ignored) {
                // nothing was written through it
            }
        }
    }

    /** Opens (creating on first use) the journal at {@code url}, with the default owner's lease. */
    public static Journal open(String url, String user, String password, SqlDialect dialect) throws JournalException {
        return open(url, user, password, dialect, DEFAULT_LEASE);
    }

    /**
     * Opens (creating on first use) the journal at {@code url} and makes this engine its only owner
     * ({@link JournalOwner}); {@code lease}: how long the owner may go without renewing before another engine may
     * take the journal, where opening it does not prove that no other process has it.
     */
    public static Journal open(String url, String user, String password, SqlDialect dialect, java.time.Duration lease)
            throws JournalException {
        return new Journal(url, user, password, dialect, lease);
    }

    /**
     * Names a {@link SqlDialect} class to use instead of the one the URL implies: for a database Wharf does not
     * know yet, and for the fault-injection tests.
     */
    public static final String DIALECT_PROPERTY = "wharf.journal.dialect";

    /** A dialect for a JDBC URL (only H2 so far), unless {@link #DIALECT_PROPERTY} names another. */
    public static SqlDialect dialectFor(String url) throws JournalException {
        String chosen = System.getProperty(DIALECT_PROPERTY);
        if (chosen != null && !chosen.isBlank()) {
            try {
                return (SqlDialect) Class.forName(chosen.trim()).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new JournalException("system property " + DIALECT_PROPERTY + " names '" + chosen
                        + "', which is not a SqlDialect with a public no-argument constructor: " + e, e);
            }
        }
        if (url != null && url.regionMatches(true, 0, "jdbc:h2:", 0, "jdbc:h2:".length())) {
            return new H2Dialect();
        }
        throw new JournalException("unsupported journal URL '" + url + "': Wharf supports H2 journals (jdbc:h2:...)");
    }

    private Connection connect() throws JournalException {
        try {
            Connection c = dialect.connect(url, user, password);
            dialect.configure(c, redo != null);
            return c;
        } catch (SQLException e) {
            if (dialect.isDatabaseInUse(e)) {
                throw new JournalException(JournalOwner.inUseMessage(configuredUrl, databaseFile), e);
            }
            throw new JournalException("cannot open the journal " + configuredUrl + ": " + e.getMessage(), e);
        }
    }

    /** A UUID made when the journal was created; it names this resource manager and prefixes message IDs. */
    @Override
    public String identity() {
        return identity;
    }

    @Override
    public String url() {
        return configuredUrl;
    }

    @Override
    public List<QueueRecord> loadQueues() throws JournalException {
        return read(c -> {
            List<QueueRecord> result = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT ID, KIND, NAME, TOPIC,"
                    + " CLIENT_ID, SUB_NAME, SELECTOR, NO_LOCAL, SHARED FROM WHARF_QUEUE ORDER BY ID")) {
                while (rs.next()) {
                    result.add(new QueueRecord(rs.getLong(1), rs.getString(2).charAt(0), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8),
                            rs.getBoolean(9)));
                }
            }
            return result;
        });
    }

    /** Visits every entry in message-ID order (which is send order), without reading bodies. */
    @Override
    public void loadEntries(Consumer<StoredEntry> visitor) throws JournalException {
        read(c -> {
            try (Statement s = c.createStatement()) {
                s.setFetchSize(10_000);
                try (ResultSet rs = s.executeQuery("SELECT E.QUEUE_ID, E.MESSAGE_ID, E.DELIVERY_COUNT, M.PRIORITY,"
                        + " M.EXPIRATION, M.DELIVERY_TIME, M.GROUP_ID, M.CREATED FROM WHARF_ENTRY E JOIN WHARF_MESSAGE M"
                        + " ON M.ID = E.MESSAGE_ID ORDER BY E.MESSAGE_ID, E.QUEUE_ID")) {
                    while (rs.next()) {
                        visitor.accept(new StoredEntry(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getInt(4),
                                rs.getLong(5), rs.getLong(6), rs.getString(7), rs.getLong(8)));
                    }
                }
            }
            return null;
        });
    }

    /** Every prepared XA branch, with its pending sends (message fields, no body) and acknowledgements. */
    @Override
    public List<PreparedBranch> loadPreparedBranches() throws JournalException {
        return read(c -> {
            java.util.Map<Long, PreparedBranch> branches = new java.util.LinkedHashMap<>();
            try (Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT ID, FORMAT_ID, GTRID, BQUAL FROM WHARF_XA ORDER BY ID")) {
                    while (rs.next()) {
                        branches.put(rs.getLong(1), new PreparedBranch(rs.getLong(1), rs.getInt(2), rs.getBytes(3),
                                rs.getBytes(4), new ArrayList<>(), new ArrayList<>()));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT X.XA_ID, X.QUEUE_ID, X.MESSAGE_ID, M.PRIORITY, M.EXPIRATION,"
                        + " M.DELIVERY_TIME, M.GROUP_ID, M.CREATED FROM WHARF_XA_ENTRY X JOIN WHARF_MESSAGE M ON M.ID = X.MESSAGE_ID"
                        + " ORDER BY X.XA_ID, X.MESSAGE_ID")) {
                    while (rs.next()) {
                        branches.get(rs.getLong(1)).sends().add(new StoredEntry(rs.getLong(2), rs.getLong(3), 0,
                                rs.getInt(4), rs.getLong(5), rs.getLong(6), rs.getString(7), rs.getLong(8)));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT XA_ID, QUEUE_ID, MESSAGE_ID FROM WHARF_XA_ACK ORDER BY XA_ID")) {
                    while (rs.next()) {
                        branches.get(rs.getLong(1)).acks().add(new long[] {rs.getLong(2), rs.getLong(3)});
                    }
                }
            }
            return new ArrayList<>(branches.values());
        });
    }

    @Override
    public long nextXaId() {
        return xaIds.incrementAndGet();
    }

    @Override
    public long nextMessageId() {
        return messageIds.incrementAndGet();
    }

    /**
     * Records a new queue or durable subscription. The engine asks only for names it does not have, under its own
     * lock, and no other engine writes this journal, so no stored one can have the name.
     */
    @Override
    public QueueRecord defineQueue(QueueRecord p) throws JournalException {
        QueueRecord r = new QueueRecord(queueIds.incrementAndGet(), p.kind(), p.name(), p.topic(), p.clientId(),
                p.subscriptionName(), p.selector(), p.noLocal(), p.shared());
        try {
            write(List.of(new StoreOp.InsertQueue(r))).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof JournalException j ? j
                    : new JournalException("cannot record " + r.name() + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalException("interrupted while recording " + r.name() + "; the outcome is unknown");
        }
        return r;
    }

    private long maxOf(String sql) throws JournalException {
        return read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** The stored body of a message, or null if it is gone. */
    @Override
    public byte[] loadBody(long messageId) throws JournalException {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT BODY FROM WHARF_MESSAGE WHERE ID = ?")) {
                ps.setLong(1, messageId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getBytes(1) : null;
                }
            }
        });
    }

    /**
     * Applies {@code ops} atomically and forces them to disk; the future completes once they are durable (or
     * fails with a {@link JournalException}, in which case none of them was applied).
     */
    @Override
    public CompletableFuture<Void> write(List<StoreOp> ops) {
        return submit(ops, true);
    }

    /** Applies {@code ops} with the next group commit without forcing a sync of its own (DUPS_OK). */
    @Override
    public CompletableFuture<Void> writeUnforced(List<StoreOp> ops) {
        return submit(ops, false);
    }

    /** Remembers that an entry has been delivered {@code count} times; written lazily, see GroupCommitWriter. */
    @Override
    public void recordDelivery(long queueId, long messageId, int count) {
        writer.recordDelivery(queueId, messageId, count);
    }

    @Override
    public void forgetDelivery(long queueId, long messageId) {
        writer.forgetDelivery(queueId, messageId);
    }

    /** Bytes of the database file and the redo log on disk, or -1 when the journal is not a local file. */
    @Override
    public long bytesOnDisk() {
        if (databaseFile == null) {
            return -1;
        }
        long total = 0;
        java.nio.file.Path base = redoBase(databaseFile);
        for (java.nio.file.Path p : List.of(databaseFile, base.resolveSibling(base.getFileName() + ".redo"),
                base.resolveSibling(base.getFileName() + ".redo.old"))) {
            try {
                total += Files.exists(p) ? Files.size(p) : 0;
            } catch (java.io.IOException ignored) {
                // a redo segment rotated away meanwhile
            }
        }
        return total;
    }

    /**
     * From now on, records how long each unit waits from its submission until it is durable (also across the
     * writers a reopened database gets).
     */
    @Override
    public void recordCommitLatencies() {
        latencies = new Recorder(3);
        GroupCommitWriter w = writer;
        if (w != null) {
            w.recordLatencies(latencies);
        }
    }

    /** The commit latencies (µs) recorded since the last call; empty unless {@link #recordCommitLatencies()}. */
    @Override
    public Histogram commitLatenciesSinceLastCall() {
        Recorder r = latencies;
        return r == null ? new Histogram(3) : r.getIntervalHistogram();
    }

    /**
     * Figures of the current writer (since the journal opened, or since it last opened its database again): group
     * commits, units they carried, syncs (forced groups), and nanoseconds spent committing.
     */
    @Override
    public long[] writeFigures() {
        GroupCommitWriter w = writer;
        return new long[] {w.groups(), w.units(), w.syncs(), w.commitNanos()};
    }

    private interface ReadWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(ReadWork<T> work) throws JournalException {
        if (closed) {
            throw new JournalException("the journal " + configuredUrl + " is closed");
        }
        String why = fenced;
        if (why != null) {
            throw new JournalException(why);
        }
        try {
            return readers.read(work::run);
        } catch (SQLException e) {
            throw new JournalException("journal read failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalException("interrupted while waiting for a journal connection");
        }
    }

    /** Writes what was submitted, syncs, and closes every connection. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        writer.stop();
        closed = true;
        stopLeaseKeeper();
        if (fenced == null) {
            try {
                owner.release(writerConnection);
            } catch (SQLException e) {
                LOG.warning(() -> "journal " + configuredUrl + ": its owner row could not be removed (the next engine"
                        + " takes it over): " + e.getMessage());
            }
        }
        try {
            dialect.forceToDisk(writerConnection);
        } catch (SQLException ignored) {
            // closing below writes the store anyway
        }
        readers.close();
        boolean clean;
        try {
            dialect.shutdown(writerConnection);
            clean = true;
        } catch (SQLException e) {
            clean = false;
        }
        closeQuietly(writerConnection);
        if (redo != null) {
            try {
                if (clean && Files.exists(databaseFile)) {
                    // what the clean shutdown wrote must be on the disk before the log that could redo it goes
                    try (java.nio.channels.FileChannel f = java.nio.channels.FileChannel.open(databaseFile,
                            java.nio.file.StandardOpenOption.WRITE)) {
                        f.force(true);
                    }
                    redo.closeAndDelete();
                } else {
                    redo.close();
                }
            } catch (java.io.IOException e) {
                LOG.log(Level.WARNING, "journal " + configuredUrl + ": closing its redo log failed", e);
            }
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing more to do
        }
    }
}
