package org.wharfmq.journal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The embedded H2 2.x journal. H2 does not force a commit to the disk: with its default WRITE_DELAY a commit
 * is lost even when only the JVM is killed, and WRITE_DELAY 0 still does not fsync. Only {@code CHECKPOINT SYNC}
 * forces the file. A local journal keeps a redo log (forced with every forced group) and forces the file once a
 * second; a journal without one (an H2 server) forces it with every forced group.
 */
public final class H2Dialect implements SqlDialect {

    /** H2's error code for "Database may be already in use". */
    private static final int DATABASE_ALREADY_OPEN = 90020;
    /** H2's error codes for "The database has been closed" and "Database is shutting down". */
    private static final int DATABASE_IS_CLOSED = 90098;
    private static final int DATABASE_CALLED_AT_SHUTDOWN = 90121;

    @Override
    public String effectiveUrl(String url) {
        // H2's own shutdown hook would close the database under a running engine; Wharf closes it itself.
        return url.toUpperCase(java.util.Locale.ROOT).contains("DB_CLOSE_ON_EXIT") ? url : url + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    @Override
    public List<String> createSchema() {
        return List.of(
                "CREATE TABLE WHARF_META(NAME VARCHAR(64) PRIMARY KEY, VAL VARCHAR(200) NOT NULL)",
                "CREATE TABLE WHARF_QUEUE(ID BIGINT PRIMARY KEY, KIND CHAR(1) NOT NULL, NAME VARCHAR(1000) NOT NULL,"
                        + " TOPIC VARCHAR(200), CLIENT_ID VARCHAR(200), SUB_NAME VARCHAR(200), SELECTOR VARCHAR(4000),"
                        + " NO_LOCAL BOOLEAN NOT NULL, SHARED BOOLEAN NOT NULL)",
                "CREATE UNIQUE INDEX WHARF_QUEUE_NAME ON WHARF_QUEUE(KIND, NAME)",
                "CREATE TABLE WHARF_MESSAGE(ID BIGINT PRIMARY KEY, PRIORITY TINYINT NOT NULL, EXPIRATION BIGINT NOT NULL,"
                        + " DELIVERY_TIME BIGINT NOT NULL, GROUP_ID VARCHAR(1000), BODY VARBINARY NOT NULL,"
                        + " CREATED BIGINT DEFAULT 0 NOT NULL, NOTE VARCHAR(1000))",
                "CREATE TABLE WHARF_ENTRY(MESSAGE_ID BIGINT NOT NULL, QUEUE_ID BIGINT NOT NULL,"
                        + " DELIVERY_COUNT INT NOT NULL, PRIMARY KEY(MESSAGE_ID, QUEUE_ID))",
                XA_BRANCH, XA_ENTRY, XA_ACK, QUEUE_DEPTH_VIEW, DEAD_LETTERS_VIEW);
    }

    /** Epoch milliseconds as an H2 timestamp, and now in epoch milliseconds. */
    private static final String EPOCH = "TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00'";
    private static final String NOW_MILLIS = "DATEDIFF(MILLISECOND, " + EPOCH + ", CURRENT_TIMESTAMP)";

    /** Version 3: for operators, how deep each queue and durable subscription is, from any SQL tool. */
    private static final String QUEUE_DEPTH_VIEW = "CREATE VIEW WHARF_QUEUE_DEPTH AS SELECT"
            + " CASE Q.KIND WHEN 'Q' THEN 'queue' ELSE 'durable subscription' END AS KIND,"
            + " CASE Q.KIND WHEN 'Q' THEN Q.NAME ELSE Q.SUB_NAME END AS NAME, Q.TOPIC, Q.CLIENT_ID,"
            + " COUNT(E.MESSAGE_ID) AS MESSAGES,"
            + " COALESCE(SUM(CASE WHEN M.DELIVERY_TIME > " + NOW_MILLIS + " THEN 1 ELSE 0 END), 0) AS SCHEDULED,"
            + " DATEADD(MILLISECOND, MIN(NULLIF(M.CREATED, 0)), " + EPOCH + ") AS OLDEST_STORED_AT,"
            + " (" + NOW_MILLIS + " - MIN(NULLIF(M.CREATED, 0))) / 1000 AS OLDEST_AGE_SECONDS"
            + " FROM WHARF_QUEUE Q LEFT JOIN WHARF_ENTRY E ON E.QUEUE_ID = Q.ID"
            + " LEFT JOIN WHARF_MESSAGE M ON M.ID = E.MESSAGE_ID GROUP BY Q.ID, Q.KIND, Q.NAME, Q.SUB_NAME, Q.TOPIC, Q.CLIENT_ID";

    /** Version 3: every message Wharf moved (dead-lettered or expired), where it is now and why. */
    private static final String DEAD_LETTERS_VIEW = "CREATE VIEW WHARF_DEAD_LETTERS AS SELECT Q.NAME AS QUEUE,"
            + " M.ID AS MESSAGE_ID, M.NOTE AS REASON, DATEADD(MILLISECOND, M.CREATED, " + EPOCH + ") AS MOVED_AT,"
            + " LENGTH(M.BODY) AS STORED_BYTES FROM WHARF_ENTRY E JOIN WHARF_QUEUE Q ON Q.ID = E.QUEUE_ID"
            + " JOIN WHARF_MESSAGE M ON M.ID = E.MESSAGE_ID WHERE M.NOTE IS NOT NULL";

    /** Version 2: prepared XA branches, their pending entries (sends) and their pending acknowledgements. */
    private static final String XA_BRANCH = "CREATE TABLE WHARF_XA(ID BIGINT PRIMARY KEY, FORMAT_ID INT NOT NULL,"
            + " GTRID VARBINARY(64) NOT NULL, BQUAL VARBINARY(64) NOT NULL)";
    private static final String XA_ENTRY = "CREATE TABLE WHARF_XA_ENTRY(XA_ID BIGINT NOT NULL, MESSAGE_ID BIGINT NOT NULL,"
            + " QUEUE_ID BIGINT NOT NULL, PRIMARY KEY(XA_ID, MESSAGE_ID, QUEUE_ID))";
    private static final String XA_ACK = "CREATE TABLE WHARF_XA_ACK(XA_ID BIGINT NOT NULL, MESSAGE_ID BIGINT NOT NULL,"
            + " QUEUE_ID BIGINT NOT NULL, PRIMARY KEY(XA_ID, MESSAGE_ID, QUEUE_ID))";

    @Override
    public List<String> migrateTo(int to) {
        if (to == 2) {
            return List.of(XA_BRANCH, XA_ENTRY, XA_ACK);
        }
        if (to == 3) {
            return List.of("ALTER TABLE WHARF_MESSAGE ADD COLUMN CREATED BIGINT DEFAULT 0 NOT NULL",
                    "ALTER TABLE WHARF_MESSAGE ADD COLUMN NOTE VARCHAR(1000)", QUEUE_DEPTH_VIEW, DEAD_LETTERS_VIEW);
        }
        throw new IllegalArgumentException("no migration to schema version " + to);
    }

    @Override
    public Connection connect(String url, String user, String password) throws SQLException {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", user == null ? "" : user);
        p.setProperty("password", password == null ? "" : password);
        Connection c = new org.h2.Driver().connect(url, p);
        if (c == null) {
            throw new SQLException("not an H2 URL: " + url);
        }
        return c;
    }

    @Override
    public void configure(Connection connection, boolean redoLogged) throws SQLException {
        try (Statement s = connection.createStatement()) {
            // Commits reach the file when they return (no fsync: CHECKPOINT SYNC adds that, with every forced group
            // without a redo log, once a second with one). Never H2's background writer (WRITE_DELAY > 0, its
            // default 500 ms; the setting is stored in the database): with it, a killed JVM left files H2 could not
            // open again ("Chunk N not found"), a replay that found rows of groups the file said it lacked, and
            // a reopen that spun forever in TransactionMap.set — the crash torture on a loaded machine, about one
            // kill in a hundred or two (docs/operations.md)
            s.execute("SET WRITE_DELAY 0");
        }
    }

    @Override
    public void forceToDisk(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CHECKPOINT SYNC");
        }
    }

    @Override
    public void shutdown(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    /** The part of an H2 URL that names the database: after {@code jdbc:h2:}, before the first {@code ;}. */
    private static String location(String url) {
        String rest = url.substring("jdbc:h2:".length());
        int semicolon = rest.indexOf(';');
        return semicolon >= 0 ? rest.substring(0, semicolon) : rest;
    }

    /** The file path of a {@code file:} or plain location, {@code ~} expanded; null for mem:, tcp:, ssl: and the like. */
    private static String filePath(String location) {
        String rest = location;
        if (rest.regionMatches(true, 0, "file:", 0, 5)) {
            rest = rest.substring("file:".length());
        } else if (rest.matches("^[A-Za-z][A-Za-z0-9]+:.*")) {
            return null; // mem:, tcp:, ssl:, or another file system of H2's: no local file of ours
        }
        if (rest.startsWith("~")) {
            rest = System.getProperty("user.home") + rest.substring(1);
        }
        return rest;
    }

    @Override
    public String databaseKey(String url) {
        String location = location(url);
        String path = filePath(location);
        // embedded files by their absolute path, so that ./j and /abs/j share one engine
        return path == null || path.isEmpty() ? "h2:" + location
                : "h2file:" + java.nio.file.Path.of(path).toAbsolutePath().normalize();
    }

    @Override
    public java.nio.file.Path localDatabaseFile(String url) {
        String path = filePath(location(url));
        return path == null || path.isEmpty() ? null : java.nio.file.Path.of(path + ".mv.db");
    }

    @Override
    public boolean isDatabaseClosed(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && (s.getErrorCode() == DATABASE_IS_CLOSED
                    || s.getErrorCode() == DATABASE_CALLED_AT_SHUTDOWN)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean isDatabaseInUse(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() == DATABASE_ALREADY_OPEN) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean exclusiveAccess(String url) {
        String upper = url.toUpperCase(java.util.Locale.ROOT).replace(" ", "");
        if (upper.contains("AUTO_SERVER=TRUE") || upper.contains("FILE_LOCK=NO")) {
            return false; // other processes may open the file too
        }
        return upper.startsWith("JDBC:H2:MEM:") || localDatabaseFile(url) != null;
    }
}
