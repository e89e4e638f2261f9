package org.wharfmq.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's read connections on a real H2 file, around the journal opening its database again. */
class ReaderPoolTest {

    @TempDir
    Path dir;
    private Connection keepOpen;
    private ReaderPool pool;

    @BeforeEach
    void openDatabase() throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve("journal");
        keepOpen = DriverManager.getConnection(url);
        pool = new ReaderPool(2, () -> {
            try {
                return DriverManager.getConnection(url);
            } catch (SQLException e) {
                throw new JournalException("cannot open: " + e.getMessage(), e);
            }
        });
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        pool.close();
        keepOpen.close();
    }

    private static int one(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    @DisplayName("a read connection is kept for the next read")
    void connectionIsReused() throws Exception {
        Connection first = pool.read(c -> c);
        assertSame(first, pool.read(c -> c));
        assertEquals(1, pool.open());
    }

    @Test
    @DisplayName("a connection in use when the journal opens its database again is closed, and never handed to a later read")
    void connectionInUseAtDiscardIsNotPooledAgain() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch discarded = new CountDownLatch(1);
        CompletableFuture<Connection> slowRead = CompletableFuture.supplyAsync(() -> {
            try {
                return pool.read(c -> {
                    reading.countDown();
                    await(discarded);
                    return c;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(reading.await(10, TimeUnit.SECONDS));
        pool.discardAll();
        discarded.countDown();
        Connection old = slowRead.get(10, TimeUnit.SECONDS);
        assertTrue(old.isClosed(), "closed by the discard, under its reader");
        Connection next = pool.read(c -> {
            assertEquals(1, one(c));
            return c;
        });
        assertNotSame(old, next);
        assertFalse(next.isClosed());
        assertEquals(1, pool.open());
    }

    @Test
    @DisplayName("no read works once the pool is closed, and it opens nothing")
    void closedPoolRefusesReads() throws Exception {
        pool.read(ReaderPoolTest::one);
        pool.close();
        assertThrows(JournalException.class, () -> pool.read(ReaderPoolTest::one));
        assertEquals(0, pool.open());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
