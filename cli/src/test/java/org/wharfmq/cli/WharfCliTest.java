package org.wharfmq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.rmi.registry.LocateRegistry;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wharfmq.jms.WharfConnectionFactory;
import org.wharfmq.jms.WharfQueue;

/** The wharf command on real journals: offline, online through a real JMX connector, and its errors. */
class WharfCliTest {

    @TempDir
    Path dir;

    private String url;

    @BeforeEach
    void journalWithMessages() throws Exception {
        url = "jdbc:h2:file:" + dir.resolve("journal").toAbsolutePath();
        try (Connection c = factory().createConnection()) {
            Session s = c.createSession();
            MessageProducer p = s.createProducer(null);
            for (int i = 0; i < 3; i++) {
                TextMessage t = s.createTextMessage("order " + i);
                t.setStringProperty("region", i == 0 ? "eu" : "us");
                p.send(new WharfQueue("orders"), t);
            }
            BytesMessage b = s.createBytesMessage();
            b.writeBytes(new byte[] {1, 2, 3});
            b.setLongProperty("size", 3L);
            p.send(new WharfQueue("mixed"), b);
            MapMessage m = s.createMapMessage();
            m.setInt("count", 7);
            m.setString("name", "wharf");
            m.setBytes("raw", new byte[] {9});
            m.setJMSCorrelationID("corr-1");
            p.send(new WharfQueue("mixed"), m);
        }
    }

    private record Result(int code, String out, String err) {
    }

    private Result wharf(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WharfCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** A factory of the test's own: its last connection closes the journal (no linger), as a restart needs. */
    private WharfConnectionFactory factory() {
        WharfConnectionFactory f = new WharfConnectionFactory(url);
        f.set("engineLingerMillis", "0");
        return f;
    }

    @Test
    @DisplayName("offline: stat lists every queue with its counts; browse shows messages without taking them")
    void statAndBrowseOffline() {
        Result stat = wharf("stat", "--journal", url);
        assertEquals(0, stat.code(), stat.err());
        assertTrue(stat.out().lines().anyMatch(l -> l.startsWith("orders") && l.contains(" 3 ")), stat.out());
        Result browse = wharf("browse", "orders", "-n", "2", "--journal", url);
        assertEquals(0, browse.code(), browse.err());
        assertEquals(2, browse.out().lines().count());
        assertTrue(browse.out().contains("body=\"order 0\""), browse.out());
        assertTrue(wharf("stat", "--journal", url).out().lines().anyMatch(l -> l.startsWith("orders")
                && l.contains(" 3 ")), "browsing took nothing");
    }

    @Test
    @DisplayName("offline: move by selector, delete one message, purge (which needs --yes); all of it stays after a restart")
    void moveDeletePurgeOffline() throws Exception {
        Result moved = wharf("move", "orders", "eu-orders", "--selector", "region = 'eu'", "--journal", url);
        assertEquals(0, moved.code(), moved.err());
        assertTrue(moved.out().contains("moved 1 message(s)"), moved.out());
        String id = wharf("browse", "orders", "--journal", url).out().lines().findFirst().orElseThrow().split(" ")[0];
        assertEquals(0, wharf("delete", "orders", id, "--journal", url).code());
        assertEquals(2, wharf("purge", "orders", "--journal", url).code(), "purge without --yes is refused");
        Result purged = wharf("purge", "mixed", "--yes", "--journal", url);
        assertTrue(purged.out().contains("purged 2"), purged.out());
        try (Connection c = factory().createConnection()) {
            c.start();
            Session s = c.createSession();
            Message eu = s.createConsumer(new WharfQueue("eu-orders")).receive(1000);
            assertEquals("order 0", ((TextMessage) eu).getText());
            MessageConsumer orders = s.createConsumer(new WharfQueue("orders"));
            assertNotNull(orders.receive(1000));
            assertNull(orders.receive(200), "one of the two left was deleted");
            assertNull(s.createConsumer(new WharfQueue("mixed")).receive(200));
        }
    }

    @Test
    @DisplayName("offline: export writes JSON lines and import sends them again, types, properties and headers kept")
    void exportImportRoundTrip() throws Exception {
        Path file = dir.resolve("mixed.jsonl");
        Result exported = wharf("export", "mixed", file.toString(), "--journal", url);
        assertEquals(0, exported.code(), exported.err());
        assertTrue(exported.out().contains("exported 2"), exported.out());
        Result imported = wharf("import", "copy", file.toString(), "--journal", url);
        assertEquals(0, imported.code(), imported.err());
        try (Connection c = factory().createConnection()) {
            c.start();
            MessageConsumer copy = c.createSession().createConsumer(new WharfQueue("copy"));
            BytesMessage b = (BytesMessage) copy.receive(1000);
            byte[] bytes = new byte[3];
            assertEquals(3, b.readBytes(bytes));
            assertEquals(3L, b.getLongProperty("size"));
            MapMessage m = (MapMessage) copy.receive(1000);
            assertEquals(7, m.getInt("count"));
            assertEquals("wharf", m.getString("name"));
            assertEquals(9, m.getBytes("raw")[0]);
            assertEquals("corr-1", m.getJMSCorrelationID());
            assertNotNull(c.createSession().createConsumer(new WharfQueue("mixed")).receive(1000), "export kept them");
        }
    }

    @Test
    @DisplayName("online: the same commands work through JMX on a running Wharf")
    void onlineThroughJmx() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        LocateRegistry.createRegistry(port);
        JMXServiceURL jmx = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://localhost:" + port + "/jmxrmi");
        JMXConnectorServer server = JMXConnectorServerFactory.newJMXConnectorServer(jmx, null,
                ManagementFactory.getPlatformMBeanServer());
        server.start();
        try (Connection running = factory().createConnection()) {
            Result stat = wharf("stat", "--jmx", jmx.toString());
            assertEquals(0, stat.code(), stat.err());
            assertTrue(stat.out().contains("orders"), stat.out());
            assertEquals(0, wharf("pause", "orders", "--jmx", jmx.toString()).code());
            assertTrue(wharf("stat", "--jmx", jmx.toString()).out().contains("(paused)"));
            Result export = wharf("export", "orders", dir.resolve("x").toString(), "--jmx", jmx.toString());
            assertEquals(1, export.code());
            assertTrue(export.err().contains("offline only"), export.err());
        } finally {
            server.stop();
        }
    }

    @Test
    @DisplayName("a journal another process has open, a newer schema, or neither option: a clear error and exit code")
    void clearErrors() throws Exception {
        Result neither = wharf("stat");
        assertEquals(1, neither.code());
        assertTrue(neither.err().contains("--journal") && neither.err().contains("--jmx"), neither.err());
        // another JVM holds the journal: the embedded database is locked
        try (Connection held = factory().createConnection()) {
            Process p = new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin" + File.separator
                    + "java", "-cp", System.getProperty("java.class.path"), WharfCli.class.getName(), "stat",
                    "--journal", url).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, p.exitValue(), output);
            assertTrue(output.contains("already open"), output);
        }
        try (java.sql.Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.createStatement().executeUpdate("UPDATE WHARF_META SET VAL = '99' WHERE NAME = 'schema.version'");
        }
        Result newer = wharf("stat", "--journal", url);
        assertEquals(1, newer.code());
        assertTrue(newer.err().contains("newer Wharf"), newer.err());
        assertTrue(List.of(1, 2).contains(wharf("nonsense").code()));
    }

    @Test
    @DisplayName("offline: requeue-dlq sends every dead letter back to the queue it came from")
    void requeueDeadLetters() throws Exception {
        WharfConnectionFactory f = factory();
        f.setMaxDeliveryAttempts(1);
        try (Connection c = f.createConnection()) {
            c.start();
            Session s = c.createSession(Session.SESSION_TRANSACTED);
            for (String queue : List.of("orders", "mixed")) {
                MessageConsumer consumer = s.createConsumer(new WharfQueue(queue));
                while (consumer.receive(500) != null) {
                    // take every message once, then roll back: one attempt each, so all go to wharf.dlq
                }
                s.rollback();
                consumer.close();
            }
        }
        Result r = wharf("--journal", url, "requeue-dlq");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("moved 3 message(s) from wharf.dlq back to orders"), r.out());
        assertTrue(r.out().contains("moved 2 message(s) from wharf.dlq back to mixed"), r.out());
        assertTrue(r.out().contains("0 left in wharf.dlq"), r.out());
        try (Connection c = factory().createConnection()) {
            c.start();
            MessageConsumer consumer = c.createSession().createConsumer(new WharfQueue("orders"));
            for (int i = 0; i < 3; i++) {
                assertNotNull(consumer.receive(1000), "dead letter " + i + " back in orders");
            }
        }
    }
}
