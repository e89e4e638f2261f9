package org.wharfmq.shared;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;

/**
 * Connections of one node to the shared journal: dedicated ones for the threads that hold a connection for their
 * whole life (the writer, the heartbeat, the notification listener), and a few pooled ones for short work from any
 * thread (claims, bodies, queue definitions). A connection whose work failed is closed, not pooled again, so a
 * database restart costs one failed call per connection, never a pool of dead connections.
 */
final class Connections implements AutoCloseable {

    /** Work on a pooled connection, in a transaction of its own that it commits. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final String url;
    private final Properties properties;
    private final int pooled;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    Connections(String url, Properties properties, int pooled) {
        this.url = url;
        this.properties = properties;
        this.pooled = pooled;
    }

    /** A new connection, with auto-commit off; the caller closes it. */
    Connection open() throws SQLException {
        Connection c = DriverManager.getConnection(url, properties);
        c.setAutoCommit(false);
        return c;
    }

    /** Runs {@code work} on a pooled connection (opened if none is idle); rolls back and drops it if it fails. */
    <T> T with(Work<T> work) throws SQLException {
        Connection c;
        synchronized (this) {
            if (closed) {
                throw new SQLException("the shared journal is closed");
            }
            c = idle.pollFirst();
        }
        if (c == null) {
            c = open();
        }
        try {
            T result = work.run(c);
            giveBack(c);
            return result;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private void giveBack(Connection c) {
        synchronized (this) {
            if (!closed && idle.size() < pooled) {
                idle.addFirst(c);
                return;
            }
        }
        closeQuietly(c);
    }

    static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // closing anyway
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing more to do
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            idle.forEach(Connections::closeQuietly);
            idle.clear();
        }
    }
}
