package org.wharfmq.journal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * The journal's read connections: at most {@code size} in use at once, opened when first needed and kept for the
 * next read. When the journal opens its database again, {@link #discardAll} closes every one of them, the idle and
 * those in use: a connection in use then is closed under its reader, and on its return it is dropped instead of
 * being pooled again, so that no later read is handed a dead connection.
 */
final class ReaderPool {

    /** Opens a read connection. */
    interface Opener {
        Connection open() throws JournalException;
    }

    /** What a read does with its connection. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final Opener opener;
    private final Semaphore permits;
    private final Deque<Connection> idle = new ArrayDeque<>();
    /** Every connection this pool opened and has not closed: idle or in use (by identity: a wrapped connection's
     * equals need not hold for itself). */
    private boolean closed;
    private final Set<Connection> live = Collections.newSetFromMap(new IdentityHashMap<>());

    ReaderPool(int size, Opener opener) {
        this.opener = opener;
        this.permits = new Semaphore(size);
    }

    /** Runs {@code work} on a read connection, waiting while all of them are in use. */
    <T> T read(Work<T> work) throws JournalException, SQLException, InterruptedException {
        permits.acquire();
        Connection c = null;
        try {
            c = borrow();
            return work.run(c);
        } finally {
            if (c != null) {
                giveBack(c);
            }
            permits.release();
        }
    }

    private Connection borrow() throws JournalException {
        synchronized (this) {
            Connection c = idle.poll();
            if (c != null) {
                return c;
            }
        }
        Connection c = opener.open();
        synchronized (this) {
            if (!closed) {
                live.add(c);
                return c;
            }
        }
        closeQuietly(c);
        throw new JournalException("the journal is closed");
    }

    private void giveBack(Connection c) {
        synchronized (this) {
            if (live.contains(c) && isOpen(c)) {
                idle.push(c);
                return;
            }
            live.remove(c);
        }
        closeQuietly(c);
    }

    /** Closes every connection, idle or in use; the next read opens a new one. */
    void discardAll() {
        List<Connection> closing;
        synchronized (this) {
            closing = new ArrayList<>(live);
            live.clear();
            idle.clear();
        }
        closing.forEach(ReaderPool::closeQuietly);
    }

    /** Closes every connection; no read works after this. */
    void close() {
        synchronized (this) {
            closed = true;
        }
        discardAll();
    }

    /** How many connections are open (idle or in use), for tests. */
    synchronized int open() {
        return live.size();
    }

    private static boolean isOpen(Connection c) {
        try {
            return !c.isClosed();
        } catch (SQLException e) {
            return false;
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
