package org.wharfmq.sample.orderdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What survives a server that stops or dies while message-driven beans work: the order desk in a real server
 * process, stopped gracefully, then killed with kill -9 in the middle of a stream of orders, and started again.
 * Every order must end up stored exactly once — no loss, no duplicate row, nothing dead-lettered — which is the
 * proof of transacted delivery and XA recovery end to end.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderDeskCrashIT {

    private static ServerControl server;
    private static final OrderDeskApi api = OrderDeskApi.local();

    @BeforeAll
    static void startWithTheOrderDesk() throws Exception {
        server = ServerControl.startFresh();
        server.deployAndAwait(Path.of(System.getProperty("ear.file")), api);
    }

    @AfterAll
    static void stop() throws Exception {
        server.stopAndUndeploy();
    }

    private static String prefix(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 6) + "-";
    }

    /** Rows per order id, for the ids that start with {@code prefix}. */
    private static Map<String, Integer> rows(String prefix) throws Exception {
        Map<String, Integer> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\"(" + Pattern.quote(prefix) + "[^\"]*)\":(\\d+)").matcher(api.get("orders/counts"));
        while (m.find()) {
            out.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return out;
    }

    private static void assertEachExactlyOnce(String prefix, int orders, long logMark) throws Exception {
        // in-doubt transactions finish at the transaction manager's recovery: WildFly's periodic pass (10 s here),
        // GlassFish's pass at start-up; the generous limit is for a slow CI machine, not for either of them
        try {
            api.await("orders/counts", body -> body.split(Pattern.quote(prefix)).length - 1 == orders,
                    orders + " orders " + prefix + "* stored", OrderDeskApi.WAIT.multipliedBy(3));
        } catch (AssertionError e) {
            throw new AssertionError(whereTheMissingOrdersAre(prefix, orders, logMark), e);
        }
        Map<String, Integer> rows = rows(prefix);
        assertEquals(orders, rows.size());
        rows.forEach((id, n) -> assertEquals(1, n, "rows for " + id));
        assertFalse(api.get("queues/orders.dlq?limit=100000").contains(prefix), "an order was dead-lettered");
        assertEquals(0, OrderDeskApi.number(api.get("queues/orders"), "depth"));
    }

    /**
     * What a failed wait needs to be understood without the server log, which the next test's fresh server
     * replaces: which orders are missing, what the order desk knows of each (delivery attempts, queue, DLQ), and
     * what the server logged about them and last went wrong since the kill.
     */
    private static String whereTheMissingOrdersAre(String prefix, int orders, long logMark) throws Exception {
        Map<String, Integer> rows = rows(prefix);
        StringBuilder out = new StringBuilder(orders - rows.size() + " of " + orders + " orders " + prefix
                + "* not stored:");
        for (int i = 0, shown = 0; i < orders && shown < 10; i++) {
            String id = prefix + i;
            if (!rows.containsKey(id)) {
                shown++;
                out.append("\n  ").append(id).append(": delivery attempts ").append(api.get("attempts/" + id))
                        .append("; in the server log: ").append(server.logLinesMentioning(logMark, id));
            }
        }
        out.append("\n  queue orders: ").append(api.get("queues/orders"));
        String dlq = api.get("queues/orders.dlq?limit=100000");
        out.append("\n  dead-lettered of this run: ").append(dlq.split(Pattern.quote(prefix)).length - 1);
        out.append("\n  XA branches in doubt at the restart: ").append(server.inDoubtSince(logMark));
        out.append("\n-- the server's last logged error since the kill --\n").append(server.lastErrorSince(logMark));
        return out.toString();
    }

    @Test
    @Order(1)
    @DisplayName("Stopping and restarting the server with orders waiting loses none and processes none twice")
    void gracefulRestartLosesNothing() throws Exception {
        String prefix = prefix("restart");
        int orders = 40;
        for (int i = 0; i < orders; i++) {
            api.placeOrder(prefix + i, 1, 100);
        }
        server.stop();
        long logMark = server.logMark();
        server.start();
        server.awaitUp(api, logMark);
        assertEachExactlyOnce(prefix, orders, logMark);
    }

    @Test
    @Order(2)
    @DisplayName("kill -9 while the MDBs process a stream of orders: after the restart every order is stored exactly once")
    void killDuringProcessingLosesAndDuplicatesNothing() throws Exception {
        // 100 ms per order and 4 MDB sessions: at most 40 orders a second, so the kill finds most of them waiting
        killMidStream("crash", 200, 100, 30);
    }

    @Test
    @Order(3)
    @DisplayName("kill -9 while MDB transactions commit: the branches left in doubt are finished by the transaction "
            + "manager's recovery, every order exactly once")
    void killDuringTwoPhaseCommitLosesAndDuplicatesNothing() throws Exception {
        // no processing time: the MDB sessions spend most of their time in two-phase commits (the Wharf branch
        // prepared while the database's and the transaction log's turns come), where a kill most often lands
        killMidStream("commit", 600, 0, 100);
    }

    private void killMidStream(String what, int orders, long processingMillis, int processedBeforeKill)
            throws Exception {
        String prefix = prefix(what);
        api.placeOrders(prefix, orders, processingMillis);
        api.await("orders/counts", body -> body.split(Pattern.quote(prefix)).length - 1 >= processedBeforeKill,
                processedBeforeKill + " orders processed before the kill");
        int before = rows(prefix).size();
        long logMark = server.logMark();
        long killedAt = System.nanoTime();
        server.kill();
        server.start();
        server.awaitUp(api, logMark);
        assertEachExactlyOnce(prefix, orders, logMark);
        long recoveredMillis = (System.nanoTime() - killedAt) / 1_000_000;
        System.out.printf("[crash] %s, %d ms per order: %d of %d orders stored before kill -9, %d XA branch(es) "
                + "in doubt at the restart; all %d exactly once %d ms after the kill%n", Servers.current(),
                processingMillis, before, orders, server.inDoubtSince(logMark), orders, recoveredMillis);
        assertTrue(before < orders, "the kill came before the work was done");
    }
}
