package org.wharfmq.journal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Everything that differs between databases. The journal's statements are plain SQL written once in
 * {@link Journal}; a dialect supplies the DDL, how to force committed data to the disk, and how to recognise
 * the database's own errors. A PostgreSQL dialect can follow without touching the engine.
 */
public interface SqlDialect {

    /** The JDBC URL actually opened for the URL the user configured (a dialect may add options). */
    String effectiveUrl(String url);

    /** A key equal for every URL that names the same database (the engine registry shares one engine per key). */
    String databaseKey(String url);

    /** Statements that create schema version {@link Journal#SCHEMA_VERSION} in an empty database. */
    List<String> createSchema();

    /**
     * Statements that upgrade a journal from schema version {@code to - 1} to {@code to}, for every version from 2
     * up to {@link Journal#SCHEMA_VERSION}.
     */
    List<String> migrateTo(int to);

    /** Settings applied to every connection the journal opens. */
    void configure(Connection connection, boolean redoLogged) throws SQLException;

    /**
     * Opens a connection with the dialect's own driver class — not through DriverManager, which cannot see a
     * driver that lives in a resource adapter's or an application's class loader.
     */
    Connection connect(String url, String user, String password) throws SQLException;

    /**
     * Forces everything committed so far onto stable storage. Called once per group commit, after the
     * commit, so every session waiting at that moment shares it.
     */
    void forceToDisk(Connection connection) throws SQLException;

    /** Closes the database cleanly (called once, when the journal closes). */
    void shutdown(Connection connection) throws SQLException;

    /**
     * The file an embedded database keeps its data in, for a URL that names a local file; null for an
     * in-memory database or a database server. The journal keeps its {@link RedoLog} next to it.
     */
    java.nio.file.Path localDatabaseFile(String url);

    /**
     * True when having opened {@code url} (as {@link #effectiveUrl} gives it) proves that no other process has the
     * database open — an embedded file the database locks, an in-memory database; false for a database server or a
     * mode that lets other processes in. The journal's owner then needs no heartbeat ({@link JournalOwner}).
     */
    boolean exclusiveAccess(String url);

    /** True when the database closed itself (after a failed write: a full disk) and must be opened again. */
    boolean isDatabaseClosed(SQLException e);

    /** True when opening failed because another process holds the database. */
    boolean isDatabaseInUse(SQLException e);
}
