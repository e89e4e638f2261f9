package org.wharfmq.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.support.Postgres;

/** The shared journal's schema on a real PostgreSQL: made once by nodes starting together, checked by the rest. */
class SharedSchemaTest {

    @RegisterExtension
    final Postgres postgres = new Postgres();

    @Test
    @DisplayName("four nodes starting at the same moment on an empty database make one schema and agree on the journal's identity")
    void nodesStartingTogetherMakeOneSchema() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<String> node = () -> {
                    try (Connection c = postgres.connect()) {
                        start.await();
                        return SharedSchema.prepare(c, false);
                    }
                };
                ids.add(pool.submit(node));
            }
            start.countDown();
            Set<String> seen = new HashSet<>();
            for (Future<String> f : ids) {
                seen.add(f.get());
            }
            assertEquals(1, seen.size(), "one identity: " + seen);
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = postgres.connect();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM wharf_meta")) {
            rs.next();
            assertEquals(2, rs.getInt(1));
        }
    }

    @Test
    @DisplayName("a database that would not keep a returned commit (synchronous_commit off) is refused, naming the setting, unless the user allows it")
    void asynchronousCommitIsRefused() throws Exception {
        try (Connection c = postgres.connect()) {
            c.createStatement().execute("SET synchronous_commit = off");
            c.commit();
            SharedJournalException e = assertThrows(SharedJournalException.class, () -> SharedSchema.prepare(c, false));
            assertTrue(e.getMessage().contains("synchronous_commit = off"), e.getMessage());
            SharedSchema.prepare(c, true);
        }
    }

    @Test
    @DisplayName("a schema written by a newer Wharf is refused and left as it is")
    void newerSchemaIsRefused() throws Exception {
        try (Connection c = postgres.connect()) {
            SharedSchema.prepare(c, false);
            c.createStatement().executeUpdate("UPDATE wharf_meta SET val = '99' WHERE name = 'schema.version'");
            c.commit();
            SharedJournalException e = assertThrows(SharedJournalException.class, () -> SharedSchema.prepare(c, false));
            assertTrue(e.getMessage().contains("newer Wharf"), e.getMessage());
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT val FROM wharf_meta WHERE name = 'schema.version'")) {
                rs.next();
                assertEquals("99", rs.getString(1));
            }
        }
    }
}
