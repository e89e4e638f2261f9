package org.wharfmq.journal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * H2, with failures injected at the dialect seam for {@link JournalFaultTest}: the next {@link #failCommits}
 * commits and the next {@link #failForces} syncs throw an SQLException; reads of message bodies wait while
 * {@link #bodyReadGate} is closed. Selected with the system property
 * {@link Journal#DIALECT_PROPERTY}.
 */
public final class FaultyH2Dialect implements SqlDialect {

    static final AtomicInteger failCommits = new AtomicInteger();
    static final AtomicInteger failForces = new AtomicInteger();
    /** While set, a read of a message body waits for it to open (counting {@link #bodyReadsWaiting} first). */
    static volatile java.util.concurrent.CountDownLatch bodyReadGate;
    static final java.util.concurrent.Semaphore bodyReadsWaiting = new java.util.concurrent.Semaphore(0);

    private final H2Dialect h2 = new H2Dialect();

    /** A test's journal opens through this dialect, with no fault pending, and through plain H2 again after it. */
    static final class Installed implements org.junit.jupiter.api.extension.BeforeEachCallback,
            org.junit.jupiter.api.extension.AfterEachCallback {
        @Override
        public void beforeEach(org.junit.jupiter.api.extension.ExtensionContext context) {
            System.setProperty(Journal.DIALECT_PROPERTY, FaultyH2Dialect.class.getName());
            reset();
        }

        @Override
        public void afterEach(org.junit.jupiter.api.extension.ExtensionContext context) {
            System.clearProperty(Journal.DIALECT_PROPERTY);
            reset();
        }
    }

    static void reset() {
        failCommits.set(0);
        failForces.set(0);
        bodyReadGate = null;
        bodyReadsWaiting.drainPermits();
    }

    @Override
    public Connection connect(String url, String user, String password) throws SQLException {
        Connection real = h2.connect(url, user, password);
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("commit") && failCommits.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new SQLException("injected: the commit failed");
                    }
                    java.util.concurrent.CountDownLatch gate = bodyReadGate;
                    if (gate != null && method.getName().equals("prepareStatement")
                            && String.valueOf(args[0]).startsWith("SELECT BODY FROM WHARF_MESSAGE")) {
                        bodyReadsWaiting.release();
                        gate.await();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public void forceToDisk(Connection connection) throws SQLException {
        if (failForces.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new SQLException("injected: the sync failed");
        }
        h2.forceToDisk(connection);
    }

    @Override
    public String effectiveUrl(String url) {
        return h2.effectiveUrl(url);
    }

    @Override
    public java.util.List<String> createSchema() {
        return h2.createSchema();
    }

    @Override
    public java.util.List<String> migrateTo(int to) {
        return h2.migrateTo(to);
    }

    @Override
    public void configure(Connection connection, boolean redoLogged) throws SQLException {
        h2.configure(connection, redoLogged);
    }

    @Override
    public void shutdown(Connection connection) throws SQLException {
        h2.shutdown(connection);
    }

    @Override
    public java.nio.file.Path localDatabaseFile(String url) {
        return h2.localDatabaseFile(url);
    }

    @Override
    public boolean isDatabaseClosed(SQLException e) {
        return h2.isDatabaseClosed(e);
    }

    @Override
    public boolean isDatabaseInUse(SQLException e) {
        return h2.isDatabaseInUse(e);
    }

    @Override
    public String databaseKey(String url) {
        return h2.databaseKey(url);
    }

    @Override
    public boolean exclusiveAccess(String url) {
        return h2.exclusiveAccess(url);
    }
}
