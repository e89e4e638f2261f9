package org.wharfmq.journal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The one engine that owns a local journal. The local store keeps its dispatch index in memory and never reads the
 * database again after it opened it, so a second engine on the same journal — another JVM through an H2 server
 * URL, or {@code AUTO_SERVER} — would deliver the same messages twice or fail on bodies the other consumed. The
 * owner is a row of {@code WHARF_OWNER} (node, host, pid, since, last renewal, lease), claimed before anything else
 * is read or written, so a second engine is refused at once with a message that names the owner.
 *
 * <p>Every owner renews its lease by a heartbeat ({@link #renew}, three times per lease). How an owner is known to
 * be gone depends on how the database was opened. An embedded file that H2 locks (or an in-memory database) can be
 * open in one process only: having opened it proves the former owner's process gone, and its row is taken over at
 * once — the restart after a crash never waits — unless the row names this very process with a live lease (two
 * deployments sharing H2's classes share its databases). Otherwise ({@code jdbc:h2:tcp:}, {@code ssl:},
 * {@code FILE_LOCK=NO}) the row may be taken once its lease has lapsed, or at once when it names a process of this
 * host that no longer runs. An owner whose row was taken meanwhile (it stalled longer than its lease) learns it at
 * its next renewal and must stop writing: {@link #renew} answers false.
 *
 * <p>For an embedded file the owner is also written to a file beside it ({@code <journal>.owner}), because a second
 * process cannot read the database H2 has locked, and its refusal should still name the owner.
 */
final class JournalOwner {

    private static final Logger LOG = Logger.getLogger(JournalOwner.class.getName());

    private static final String TABLE = "CREATE TABLE IF NOT EXISTS WHARF_OWNER(ID INT PRIMARY KEY,"
            + " NODE VARCHAR(64) NOT NULL, HOST VARCHAR(255) NOT NULL, PID BIGINT NOT NULL, PROCESS_START BIGINT NOT NULL,"
            + " SINCE TIMESTAMP WITH TIME ZONE NOT NULL, RENEWED TIMESTAMP WITH TIME ZONE NOT NULL,"
            + " LEASE_SECONDS INT NOT NULL)";
    /** Claims that met another engine's claim in progress are tried again this often before giving up. */
    private static final int ATTEMPTS = 10;

    private final String node = UUID.randomUUID().toString();
    private final String host = Host.NAME;
    private final long pid = ProcessHandle.current().pid();
    private final long processStart = startMillis(ProcessHandle.current());
    private final Duration lease;
    private final String configuredUrl;
    /** The file beside an embedded database that names its owner; null for a database server. */
    private final Path ownerFile;

    JournalOwner(String configuredUrl, Duration lease, Path databaseFile) {
        this.configuredUrl = configuredUrl;
        this.lease = lease;
        this.ownerFile = databaseFile == null ? null : ownerFileOf(databaseFile);
    }

    /** The engine's node id in the owner row. */
    String node() {
        return node;
    }

    Duration lease() {
        return lease;
    }

    /**
     * Makes this engine the journal's owner, or refuses. {@code exclusive}: opening the database proved that no
     * other process has it open.
     */
    void claim(Connection c, boolean exclusive) throws SQLException, JournalException {
        c.setAutoCommit(false);
        createTable(c);
        for (int attempt = 1; ; attempt++) {
            try {
                Optional<Owner> current = read(c);
                if (current.isPresent() && !current.get().node().equals(node)) {
                    Owner other = current.get();
                    // exclusive: no other process can have the database open, but another engine of this very
                    // process can, when two deployments share H2's classes (one H2 database per file and JVM)
                    // (a row of this process whose lease lapsed is a leftover: an engine that could not remove it)
                    boolean stillThere = exclusive ? other.isProcess(host, pid, processStart) && !other.lapsed()
                            : !other.isGone(host);
                    if (stillThere) {
                        c.rollback();
                        throw new JournalException(refusal(other));
                    }
                }
                if (current.isPresent()) {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE WHARF_OWNER SET NODE = ?, HOST = ?, PID = ?,"
                            + " LEASE_SECONDS = ?, PROCESS_START = ?, SINCE = CURRENT_TIMESTAMP,"
                            + " RENEWED = CURRENT_TIMESTAMP WHERE ID = 1")) {
                        bind(ps);
                        ps.executeUpdate();
                    }
                    if (!current.get().node().equals(node)) {
                        Owner former = current.get();
                        LOG.info(() -> "journal " + configuredUrl + ": taken over from its former owner, "
                                + former.describe() + (exclusive ? " (the database could be opened, so that owner is gone)"
                                : " (lease lapsed or process gone)"));
                    }
                } else {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO WHARF_OWNER(NODE, HOST, PID, LEASE_SECONDS,"
                            + " PROCESS_START, ID, SINCE, RENEWED) VALUES(?, ?, ?, ?, ?, 1, CURRENT_TIMESTAMP,"
                            + " CURRENT_TIMESTAMP)")) {
                        bind(ps);
                        ps.executeUpdate();
                    }
                }
                c.commit();
                writeOwnerFile();
                return;
            } catch (SQLException e) {
                // another engine inserted or locked the row at the same moment: read again, it is then the owner
                c.rollback();
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                sleep(50L * attempt);
            }
        }
    }

    /**
     * Renews the lease; false when the row names another node now (this engine lost the journal and must stop
     * writing).
     */
    boolean renew(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE WHARF_OWNER SET RENEWED = CURRENT_TIMESTAMP WHERE ID = 1 AND NODE = ?")) {
            ps.setString(1, node);
            boolean mine = ps.executeUpdate() == 1;
            c.commit();
            return mine;
        }
    }

    /** The owner now, as the row says (for the message of an engine that lost the journal). */
    Optional<Owner> current(Connection c) throws SQLException {
        Optional<Owner> o = read(c);
        c.commit();
        return o;
    }

    /** Gives the journal up at a clean close, so that the next engine need not wait for a lease. */
    void release(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM WHARF_OWNER WHERE ID = 1 AND NODE = ?")) {
            ps.setString(1, node);
            ps.executeUpdate();
            c.commit();
        }
        if (ownerFile != null) {
            try {
                Files.deleteIfExists(ownerFile);
            } catch (IOException e) {
                LOG.fine(() -> "cannot delete " + ownerFile + ": " + e);
            }
        }
    }

    private void bind(PreparedStatement ps) throws SQLException {
        ps.setString(1, node);
        ps.setString(2, host);
        ps.setLong(3, pid);
        ps.setInt(4, (int) lease.toSeconds());
        ps.setLong(5, processStart);
    }

    private static void createTable(Connection c) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Statement s = c.createStatement()) {
                s.execute(TABLE);
                c.commit();
                return;
            } catch (SQLException e) {
                // two engines creating it at the same moment through a server: the other one's table is as good
                c.rollback();
                if (attempt >= 3) {
                    throw e;
                }
                sleep(50);
            }
        }
    }

    private static Optional<Owner> read(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT NODE, HOST, PID, SINCE,"
                + " RENEWED, LEASE_SECONDS, CURRENT_TIMESTAMP, PROCESS_START FROM WHARF_OWNER WHERE ID = 1 FOR UPDATE")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            OffsetDateTime renewed = rs.getObject(5, OffsetDateTime.class);
            OffsetDateTime now = rs.getObject(7, OffsetDateTime.class);
            return Optional.of(new Owner(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(8),
                    rs.getObject(4, OffsetDateTime.class), Duration.between(renewed, now), rs.getInt(6)));
        }
    }

    private String refusal(Owner owner) {
        long left = Math.max(1, owner.leaseSeconds() - owner.sinceRenewal().toSeconds());
        return "the journal " + configuredUrl + " is in use by another Wharf engine: " + owner.describe() + ". A local"
                + " (H2) journal belongs to one engine — several JVMs on the same queues need the shared journal on"
                + " PostgreSQL (a jdbc:postgresql: journal URL), not an H2 server; if that engine is gone, the journal"
                + " opens once its lease has lapsed (in about " + left + " s)";
    }

    /** The refusal when H2 itself says the database is open elsewhere: names the owner if its file says who. */
    static String inUseMessage(String configuredUrl, Path databaseFile) {
        String owner = "";
        if (databaseFile != null) {
            try {
                Path f = ownerFileOf(databaseFile);
                if (Files.exists(f)) {
                    String line = Files.readString(f).trim();
                    owner = line.contains("pid " + ProcessHandle.current().pid() + ",") && line.contains(Host.NAME)
                            ? " by another Wharf deployment in this JVM (" + line + "; give each resource adapter its"
                                    + " own journalUrl)"
                            : " by " + line;
                }
            } catch (IOException ignored) {
                // the message goes without the owner's name
            }
        }
        return "the journal " + configuredUrl + " is already open" + (owner.isEmpty()
                ? ", by another process or by another Wharf deployment in this JVM (give each resource adapter its own"
                        + " journalUrl)" : owner)
                + ". A local (H2) journal belongs to one JVM: stop the other one first; several JVMs on the same"
                + " queues need the shared journal on PostgreSQL (a jdbc:postgresql: journal URL), not an H2 server";
    }

    private void writeOwnerFile() {
        if (ownerFile == null) {
            return;
        }
        try {
            Files.writeString(ownerFile, "Wharf engine " + node + " on host " + host + ", pid " + pid + ", since "
                    + OffsetDateTime.now() + "\n");
            Journal.makeOwnerOnly(ownerFile);
        } catch (IOException e) {
            LOG.fine(() -> "cannot write " + ownerFile + ": " + e);
        }
    }

    private static Path ownerFileOf(Path databaseFile) {
        String name = databaseFile.getFileName().toString();
        String base = name.endsWith(".mv.db") ? name.substring(0, name.length() - 6) : name;
        return databaseFile.resolveSibling(base + ".owner");
    }

    /** This host's name, looked up once (the lookup may ask a name server). */
    private static final class Host {
        static final String NAME = lookUp();

        private static String lookUp() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return "unknown-host";
            }
        }
    }

    /** When a process started, in epoch milliseconds (0 if the system does not say): with its pid, it names it. */
    private static long startMillis(ProcessHandle p) {
        return p.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The owner row: who, since when, and how long ago it last renewed its lease (by the database's clock). */
    record Owner(String node, String host, long pid, long processStart, OffsetDateTime since, Duration sinceRenewal,
                 int leaseSeconds) {

        /**
         * Gone: its lease lapsed, or it names a process of {@code thisHost} that no longer runs — no process with its
         * pid, or one that started at another time (the pid was used again: a container's JVM is often pid 1).
         */
        boolean isGone(String thisHost) {
            if (lapsed()) {
                return true;
            }
            if (!host.equals(thisHost)) {
                return false;
            }
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            return p.isEmpty() || (processStart != 0 && startMillis(p.get()) != 0
                    && Math.abs(startMillis(p.get()) - processStart) > 1000);
        }

        boolean lapsed() {
            return sinceRenewal.toSeconds() > leaseSeconds;
        }

        /** True if the row names the process {@code host}/{@code pid} that started at {@code start}. */
        boolean isProcess(String thisHost, long thisPid, long start) {
            return host.equals(thisHost) && pid == thisPid && Math.abs(processStart - start) <= 1000;
        }

        String describe() {
            return "engine " + node + " on host " + host + ", pid " + pid + ", since " + since + ", last heartbeat "
                    + sinceRenewal.toSeconds() + " s ago (lease " + leaseSeconds + " s)";
        }
    }
}
