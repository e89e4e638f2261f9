package org.wharfmq.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.Session;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.jms.WharfQueue;
import org.wharfmq.ra.support.TestServer;

/** Deploy, undeploy, deploy again: what the adapter keeps and what it leaves behind (Connectors 2.1 §5.3.4). */
class LifecycleTest {

    @RegisterExtension
    final TestServer server = new TestServer();

    @Test
    @DisplayName("Connectors §5.3.4: stopping and starting the adapter loses no persistent message")
    void restartKeepsMessages() throws Exception {
        try (Connection c = server.connectionFactory().createConnection()) {
            Session s = c.createSession();
            for (int i = 0; i < 25; i++) {
                s.createProducer(new WharfQueue("orders")).send(s.createTextMessage("m" + i));
            }
        }
        server.restart();
        assertEquals(25, server.depth("orders"));
    }

    @Test
    @DisplayName("Connectors §5.3.4: stop ends the activations and closes the journal, with deliveries running")
    void stopWithRunningActivation() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        WharfActivationSpec spec = TestServer.queueSpec("orders");
        spec.setMaxSession(3);
        server.activate(spec, true, m -> started.countDown());
        server.send("orders", "one");
        assertTrue(started.await(5, TimeUnit.SECONDS));
        for (int i = 0; i < 10; i++) {
            server.send("orders", "more-" + i);
        }
        server.restart();
        // the fixture's stop asserted: no Work running, no engine open, no wharf-/H2 thread left
        assertTrue(server.depth("orders") <= 10);
    }

    @Test
    @DisplayName("The default journal lives under the server's data directory")
    void defaultJournalUnderServerDataDirectory() {
        String before = System.getProperty("com.sun.aas.instanceRoot");
        System.setProperty("com.sun.aas.instanceRoot", "/srv/glassfish/domains/domain1");
        try {
            assertEquals("jdbc:h2:file:/srv/glassfish/domains/domain1/data/wharf/journal", DefaultJournal.url());
        } finally {
            if (before == null) {
                System.clearProperty("com.sun.aas.instanceRoot");
            } else {
                System.setProperty("com.sun.aas.instanceRoot", before);
            }
        }
    }
}
