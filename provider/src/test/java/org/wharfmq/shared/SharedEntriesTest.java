package org.wharfmq.shared;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.shared.SharedEntries.NewMessage;
import org.wharfmq.support.Postgres;

/**
 * How nodes compete for the shared journal's entries, on a real PostgreSQL, each claimer on a connection (a server
 * process) of its own: every entry to one claimer at a time, in delivery order, claimers never waiting for each
 * other, a lost claim unable to change anything, a dead node's claims back with their delivery counts.
 */
class SharedEntriesTest {

    private static final long Q = 1;

    @RegisterExtension
    final Postgres postgres = new Postgres();

    private final SharedEntries entries = new SharedEntries();
    private final SharedIds ids = new SharedIds();

    @BeforeEach
    void schema() throws Exception {
        try (Connection c = postgres.connect()) {
            SharedSchema.prepare(c, false);
        }
    }

    private List<Long> append(Connection c, int priority, List<Long> queues, String... texts) throws Exception {
        List<NewMessage> batch = new ArrayList<>();
        List<Long> sent = new ArrayList<>();
        for (String t : texts) {
            long id = ids.next(c);
            sent.add(id);
            batch.add(new NewMessage(id, priority, 0, 0, null, t.getBytes(StandardCharsets.UTF_8),
                    System.currentTimeMillis(), queues));
        }
        entries.append(c, batch);
        c.commit();
        return sent;
    }

    @Test
    @DisplayName("a claim takes ready entries in delivery order: higher priority first, then send order (JMS 3.1 §6.2.9)")
    void claimsInDeliveryOrder() throws Exception {
        try (Connection c = postgres.connect()) {
            List<Long> low = append(c, 4, List.of(Q), "a", "b");
            List<Long> high = append(c, 9, List.of(Q), "c");
            ClaimBatch batch = entries.claim(c, Q, "node-1", 10);
            c.commit();
            assertEquals(List.of(high.get(0), low.get(0), low.get(1)),
                    batch.entries().stream().map(ClaimBatch.Claimed::messageId).toList());
            assertTrue(batch.entries().stream().allMatch(x -> x.deliveryCount() == 1), "first deliveries");
        }
    }

    @Test
    @DisplayName("four claimers on one queue, 4,000 entries: each settled exactly once, nothing left behind")
    void competingClaimersTakeEachEntryExactlyOnce() throws Exception {
        int total = 4000;
        try (Connection c = postgres.connect()) {
            for (int i = 0; i < total / 500; i++) {
                append(c, 4, List.of(Q), java.util.Collections.nCopies(500, "m").toArray(String[]::new));
            }
        }
        Map<Long, Integer> settled = new ConcurrentHashMap<>();
        AtomicInteger lost = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> claimers = new ArrayList<>();
            for (int n = 0; n < 4; n++) {
                String node = "node-" + n;
                claimers.add(pool.submit(() -> {
                    int mine = 0;
                    try (Connection c = postgres.connect()) {
                        while (true) {
                            ClaimBatch batch = entries.claim(c, Q, node, 25);
                            c.commit();
                            if (batch.isEmpty()) {
                                return mine;
                            }
                            for (ClaimBatch.Claimed x : batch.entries()) {
                                if (entries.settle(c, Q, x.messageId(), batch.token())) {
                                    settled.merge(x.messageId(), 1, Integer::sum);
                                    mine++;
                                } else {
                                    lost.incrementAndGet();
                                }
                            }
                            c.commit();
                        }
                    }
                }));
            }
            int sum = 0;
            for (Future<Integer> f : claimers) {
                sum += f.get();
            }
            assertEquals(total, sum);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(total, settled.size(), "every entry settled");
        assertTrue(settled.values().stream().allMatch(n -> n == 1), "none settled twice");
        assertEquals(0, lost.get(), "no claim was lost");
        try (Connection c = postgres.connect()) {
            assertArrayEquals(new long[] {0, 0}, entries.depth(c, Q));
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM wharf_message")) {
                rs.next();
                assertEquals(0, rs.getLong(1), "every message row went with its last entry");
            }
        }
    }

    @Test
    @DisplayName("a claimer never waits for another: entries locked by an open claim are skipped, not waited for")
    void claimersSkipWhatOthersHold() throws Exception {
        try (Connection a = postgres.connect(); Connection b = postgres.connect()) {
            List<Long> sent = append(a, 4, List.of(Q), "first", "second");
            ClaimBatch held = entries.claim(a, Q, "node-a", 1); // not committed: its row stays locked
            b.createStatement().execute("SET statement_timeout = 10000");
            ClaimBatch other = entries.claim(b, Q, "node-b", 10);
            b.commit();
            assertEquals(List.of(sent.get(0)), held.entries().stream().map(ClaimBatch.Claimed::messageId).toList());
            assertEquals(List.of(sent.get(1)), other.entries().stream().map(ClaimBatch.Claimed::messageId).toList());
            a.commit();
        }
    }

    @Test
    @DisplayName("a dead node's claims come back with their delivery counts, and its late settle (a lost claim) changes nothing")
    void lostClaimIsFenced() throws Exception {
        try (Connection c = postgres.connect()) {
            long id = append(c, 4, List.of(Q), "x").get(0);
            ClaimBatch deadOnes = entries.claim(c, Q, "node-a", 1);
            c.commit();
            assertEquals(1, entries.reclaimFrom(c, "node-a")); // node-a's lease lapsed
            c.commit();
            ClaimBatch again = entries.claim(c, Q, "node-b", 1);
            c.commit();
            assertEquals(2, again.entries().get(0).deliveryCount(), "the next delivery is a redelivery");
            assertFalse(entries.settle(c, Q, id, deadOnes.token()), "node-a's acknowledgement comes too late");
            assertFalse(entries.release(c, Q, id, deadOnes.token(), 0));
            c.commit();
            assertArrayEquals(new long[] {0, 1}, entries.depth(c, Q), "still held by node-b");
            assertTrue(entries.settle(c, Q, id, again.token()));
            c.commit();
        }
    }

    @Test
    @DisplayName("a released entry is ready again after its delay, its delivery count kept; a delay is a visibility time, no timer")
    void releaseWithADelay() throws Exception {
        try (Connection c = postgres.connect()) {
            long id = append(c, 4, List.of(Q), "x").get(0);
            ClaimBatch first = entries.claim(c, Q, "node-a", 1);
            assertTrue(entries.release(c, Q, id, first.token(), 3_600_000));
            c.commit();
            assertTrue(entries.claim(c, Q, "node-b", 1).isEmpty(), "not before its delay");
            c.createStatement().executeUpdate("UPDATE wharf_entry SET visible_at = visible_at - 3600000");
            c.commit();
            ClaimBatch second = entries.claim(c, Q, "node-b", 1);
            c.commit();
            assertEquals(2, second.entries().get(0).deliveryCount());
        }
    }

    @Test
    @DisplayName("a message in two queues keeps its row until its last entry is settled")
    void messageGoesWithItsLastEntry() throws Exception {
        try (Connection c = postgres.connect()) {
            long id = append(c, 4, List.of(1L, 2L), "fan-out").get(0);
            ClaimBatch one = entries.claim(c, 1, "node-a", 1);
            assertTrue(entries.settle(c, 1, id, one.token()));
            c.commit();
            assertEquals("fan-out", new String(entries.body(c, id), StandardCharsets.UTF_8));
            ClaimBatch two = entries.claim(c, 2, "node-a", 1);
            assertTrue(entries.settle(c, 2, id, two.token()));
            c.commit();
            assertNull(entries.body(c, id));
        }
    }
}
