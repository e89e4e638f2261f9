package org.wharfmq.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wharfmq.jms.WharfConnectionFactory;
import org.wharfmq.jms.WharfQueue;
import org.wharfmq.support.ChildJvm;

/**
 * A local journal has one owner: a second engine is refused with a message that names the owner, also where H2
 * itself would let it in (an H2 server URL); a dead owner's journal opens again; an owner that lost its
 * journal stops writing. Real child JVMs and a real H2 TCP server.
 */
class OwnershipTest {

    @TempDir
    Path dir;

    private Server h2;
    private Process child;

    @BeforeEach
    void startAnH2Server() throws Exception {
        h2 = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", dir.toString()).start();
    }

    @AfterEach
    void stop() throws Exception {
        if (child != null) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        h2.stop();
    }

    private String serverUrl() {
        return "jdbc:h2:tcp://localhost:" + h2.getPort() + "/journal";
    }

    /** Starts a child JVM that opens {@code url}, sends to queue "owned" and keeps the journal. */
    private Process owner(String url) throws Exception {
        Process p = ChildJvm.start(HoldChild.class, "own", url);
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertEquals("owning", line, "the child opened the journal");
        return p;
    }

    private static WharfConnectionFactory factory(String url, String options) {
        return new WharfConnectionFactory(url + "?engineLingerMillis=0" + options);
    }

    private static String receive(WharfConnectionFactory f, String queue) throws Exception {
        try (Connection c = f.createConnection()) {
            c.start();
            TextMessage m = (TextMessage) c.createSession().createConsumer(new WharfQueue(queue)).receive(5000);
            return m == null ? null : m.getText();
        }
    }

    private static void assertRefusalNames(JMSException e, long pid) {
        String m = e.getMessage();
        assertTrue(m.contains("in use by another Wharf engine") && m.contains("pid " + pid + ",")
                && m.contains("PostgreSQL") && m.contains("not an H2 server"), m);
    }

    @Test
    @DisplayName("a second JVM on a journal through an H2 server URL is refused at once, naming the owner; once the owner is killed the journal opens at once and keeps its messages")
    void secondJvmThroughAnH2ServerIsRefused() throws Exception {
        child = owner(serverUrl());
        JMSException e = assertThrows(JMSException.class, () -> factory(serverUrl(), "").createConnection());
        assertRefusalNames(e, child.pid());

        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        // same host, process gone: no need to wait for the lease
        assertEquals("from the owner", receive(factory(serverUrl(), ""), "owned"));
    }

    @Test
    @DisplayName("an owner row of another host keeps the journal until its lease has lapsed, then the journal opens")
    void ownerOfAnotherHostKeepsTheJournalUntilItsLeaseLapses() throws Exception {
        factory(serverUrl(), "").createConnection().close(); // creates the journal; a clean close leaves no owner
        try (java.sql.Connection c = DriverManager.getConnection(serverUrl(), "sa", "")) {
            c.createStatement().executeUpdate("INSERT INTO WHARF_OWNER(ID, NODE, HOST, PID, PROCESS_START, SINCE,"
                    + " RENEWED, LEASE_SECONDS) VALUES(1, 'elsewhere-node', 'elsewhere.example', 4242, 0,"
                    + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 3)");
        }
        JMSException e = assertThrows(JMSException.class, () -> factory(serverUrl(), "").createConnection());
        assertTrue(e.getMessage().contains("on host elsewhere.example, pid 4242"), e.getMessage());
        assertTrue(e.getMessage().contains("opens once its lease has lapsed"), e.getMessage());

        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                factory(serverUrl(), "").createConnection().close();
                break;
            } catch (JMSException refused) {
                assertTrue(System.nanoTime() < end, "still refused 30 s after a 3 s lease: " + refused.getMessage());
                Thread.sleep(250);
            }
        }
    }

    @Test
    @DisplayName("an owner whose journal was taken by another engine stops writing: its sends fail with a message that says so")
    void ownerThatLostItsJournalStopsWriting() throws Exception {
        try (Connection c = factory(serverUrl(), "&nodeLeaseSeconds=3").createConnection()) {
            Session s = c.createSession();
            s.createProducer(new WharfQueue("q")).send(s.createTextMessage("before"));
            try (java.sql.Connection sql = DriverManager.getConnection(serverUrl(), "sa", "")) {
                // what a second engine does once it judged this one's lease lapsed (this one stalled meanwhile)
                assertEquals(1, sql.createStatement().executeUpdate("UPDATE WHARF_OWNER SET NODE = 'usurper',"
                        + " HOST = 'elsewhere.example', RENEWED = CURRENT_TIMESTAMP"));
            }
            JMSException failed = null;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (failed == null && System.nanoTime() < end) {
                try {
                    s.createProducer(new WharfQueue("q")).send(s.createTextMessage("after"));
                    Thread.sleep(100);
                } catch (JMSException e) {
                    failed = e;
                }
            }
            assertNotNull(failed, "sends still succeed 30 s after the journal was taken");
            assertTrue(failed.getMessage().contains("lost the journal") && failed.getMessage().contains("usurper"),
                    failed.getMessage());
        }
    }
}
