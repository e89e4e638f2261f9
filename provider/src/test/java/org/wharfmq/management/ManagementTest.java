package org.wharfmq.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.lang.management.ManagementFactory;
import java.util.Set;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.jms.WharfConnectionFactory;
import org.wharfmq.jms.WharfQueue;
import org.wharfmq.jms.WharfTopic;
import org.wharfmq.support.WharfJournal;

/** The MXBeans an operator sees in JConsole or any JMX client, on a real engine. */
class ManagementTest {

    @RegisterExtension
    final WharfJournal journal = new WharfJournal();

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private Connection connection;
    private Session session;

    @BeforeEach
    void open() throws Exception {
        WharfConnectionFactory f = journal.factory();
        f.setMaxDeliveryAttempts(1);
        f.setExpirySweepMillis(50);
        connection = journal.track(f.createConnection());
        connection.start();
        session = connection.createSession(Session.SESSION_TRANSACTED);
    }

    private QueueControlMXBean queue(String name) throws Exception {
        ObjectName pattern = new ObjectName("org.wharfmq:type=Queue,name=" + ObjectName.quote(name) + ",*");
        Set<ObjectName> names = Set.of();
        for (int i = 0; i < 100 && names.isEmpty(); i++) { // new queues register with the next sweep (50 ms here)
            names = server.queryNames(pattern, null);
            if (names.isEmpty()) {
                Thread.sleep(50);
            }
        }
        assertEquals(1, names.size(), "one MXBean for queue " + name);
        return JMX.newMXBeanProxy(server, names.iterator().next(), QueueControlMXBean.class);
    }

    private void send(String queue, String... texts) throws Exception {
        MessageProducer p = session.createProducer(new WharfQueue(queue));
        for (String t : texts) {
            p.send(session.createTextMessage(t));
        }
        session.commit();
    }

    @Test
    @DisplayName("a queue's MXBean counts its messages and totals, and browses them without taking them")
    void countsAndBrowse() throws Exception {
        send("orders", "a", "b", "c");
        QueueControlMXBean orders = queue("orders");
        assertEquals(3, orders.getMessageCount());
        assertEquals(3, orders.getEnqueuedTotal());
        String[] lines = orders.browse(2);
        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith("ID:") && lines[0].contains("body=\"a\""), lines[0]);
        MessageConsumer c = session.createConsumer(new WharfQueue("orders"));
        assertNotNull(c.receive(1000));
        assertEquals(1, orders.getInFlightCount());
        session.commit();
        assertEquals(2, orders.getMessageCount());
        assertEquals(1, orders.getAcknowledgedTotal());
        assertEquals(1, orders.getConsumerCount());
        send("orders", "d"); // after the MXBean's first sweep, so that its rates see it
        assertNotNull(c.receive(1000));
        session.commit();
        for (int i = 0; i < 100 && (orders.getEnqueueRate1m() == 0 || orders.getAcknowledgeRate1m() == 0); i++) {
            Thread.sleep(50); // rates are updated with each sweep (50 ms here)
        }
        assertTrue(orders.getEnqueueRate1m() > 0 && orders.getAcknowledgeRate1m() > 0, "rates follow the totals");
        assertTrue(orders.getHeadAgeMillis() >= 0, "a message is ready, so it has an age");
    }

    @Test
    @DisplayName("a dead-lettered message is found in the DLQ's MXBean and moved back to its queue, where a consumer gets it")
    void requeueFromTheDeadLetterQueue() throws Exception {
        send("payments", "p1");
        MessageConsumer c = session.createConsumer(new WharfQueue("payments"));
        assertNotNull(c.receive(1000));
        session.rollback(); // its one attempt is used up
        QueueControlMXBean dlq = queue("wharf.dlq");
        for (int i = 0; i < 100 && dlq.getMessageCount() == 0; i++) {
            Thread.sleep(20);
        }
        assertEquals(1, dlq.getMessageCount());
        assertEquals(1, queue("payments").getDeadLetteredTotal());
        assertTrue(dlq.browse(10)[0].contains("JMS_WharfOriginalDestination=payments"), dlq.browse(10)[0]);
        assertTrue(dlq.isDeadLetterQueue());
        assertFalse(queue("payments").isDeadLetterQueue());
        MessageSummary dead = dlq.browseMessages(10)[0];
        assertEquals("payments", dead.getOriginalDestination());
        assertEquals("\"p1\"", dead.getBodyPreview());
        assertTrue(dead.getMessageId().startsWith("ID:") && dead.getJournalId() > 0, dead.getMessageId());
        assertTrue(dead.getProperties().contains("JMS_WharfDeliveryAttempts=1"), dead.getProperties());
        assertEquals(1, dlq.moveMessages("JMS_WharfOriginalDestination = 'payments'", "payments"));
        assertEquals(0, dlq.getMessageCount());
        Message back = c.receive(1000);
        assertNotNull(back);
        assertEquals("p1", ((TextMessage) back).getText());
        session.commit();
    }

    @Test
    @DisplayName("a queue keeps its last hour: each point has the depth and the totals, so a console can draw both")
    void historyOfTheLastHour() throws Exception {
        send("history", "h1", "h2");
        QueueControlMXBean q = queue("history");
        HistoryPoint[] points = q.getHistory();
        for (int i = 0; i < 100 && (points.length == 0 || points[points.length - 1].getEnqueuedTotal() < 2); i++) {
            Thread.sleep(50);
            points = q.getHistory();
        }
        HistoryPoint last = points[points.length - 1];
        assertEquals(2, last.getEnqueuedTotal());
        assertEquals(2, last.getMessageCount());
        assertEquals(0, last.getAcknowledgedTotal());
        assertTrue(Math.abs(System.currentTimeMillis() - last.getTime()) < 60_000, "a wall-clock time");
        Thread.sleep(300);
        assertEquals(points.length, q.getHistory().length, "one point per 10 s, not one per sweep (50 ms here)");
    }

    @Test
    @DisplayName("the engine reports commit latency percentiles (µs) of its recent writes")
    void commitLatencyPercentiles() throws Exception {
        for (int i = 0; i < 20; i++) {
            send("latency", "l" + i);
        }
        EngineControlMXBean e = engine();
        for (int i = 0; i < 100 && e.getCommitLatencyMaxMicros() == 0; i++) {
            Thread.sleep(50); // taken at each sweep (50 ms here)
        }
        long p50 = e.getCommitLatencyP50Micros();
        long p99 = e.getCommitLatencyP99Micros();
        assertTrue(p50 > 0, "a forced commit takes time: p50 = " + p50);
        assertTrue(p50 <= p99 && p99 <= e.getCommitLatencyMaxMicros(), p50 + " / " + p99);
    }

    @Test
    @DisplayName("metrics=false keeps no figures and registers no MXBean; messaging works as before")
    void metricsOff() throws Exception {
        journal.closeAll();
        WharfConnectionFactory f = journal.factory();
        f.set("metrics", "false");
        f.setExpirySweepMillis(50);
        Connection c = journal.track(f.createConnection());
        c.start();
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        s.createProducer(new WharfQueue("quiet")).send(s.createTextMessage("q"));
        Thread.sleep(200); // several sweeps
        assertEquals(Set.of(), server.queryNames(new ObjectName("org.wharfmq:*"), null));
        assertEquals("q", ((TextMessage) s.createConsumer(new WharfQueue("quiet")).receive(1000)).getText());
    }

    private EngineControlMXBean engine() throws Exception {
        ObjectName engine = server.queryNames(new ObjectName("org.wharfmq:type=Engine,*"), null).iterator().next();
        return JMX.newMXBeanProxy(server, engine, EngineControlMXBean.class);
    }

    @Test
    @DisplayName("purge empties a queue and deleteMessage removes one message by its JMSMessageID, both journalled")
    void purgeAndDelete() throws Exception {
        send("work", "w1", "w2", "w3");
        QueueControlMXBean work = queue("work");
        String firstId = work.browse(1)[0].split(" ")[0];
        assertTrue(work.deleteMessage(firstId));
        assertFalse(work.deleteMessage(firstId));
        assertEquals(2, work.getMessageCount());
        assertEquals(2, work.purge());
        assertEquals(0, work.getMessageCount());
        journal.closeAll(); // and after a restart they stay gone
        Session s = journal.session(Session.AUTO_ACKNOWLEDGE);
        assertNull(s.createConsumer(new WharfQueue("work")).receive(300));
    }

    @Test
    @DisplayName("pause stops delivery while sends still arrive; resume lets the consumer have them")
    void pauseAndResume() throws Exception {
        QueueControlMXBean q;
        send("slow", "s1");
        q = queue("slow");
        q.pause();
        assertTrue(q.isPaused());
        MessageConsumer c = session.createConsumer(new WharfQueue("slow"));
        assertNull(c.receive(300));
        send("slow", "s2");
        assertEquals(2, q.getReadyCount());
        q.resume();
        assertNotNull(c.receive(1000));
        assertNotNull(c.receive(1000));
        session.commit();
    }

    @Test
    @DisplayName("durable subscriptions have MXBeans too, and closing the engine leaves no Wharf MXBean registered")
    void subscriptionsAndCleanUnregistration() throws Exception {
        session.createSharedDurableConsumer(new WharfTopic("news"), "reader").close();
        ObjectName pattern = new ObjectName("org.wharfmq:type=Subscription,name=\"reader\",*");
        for (int i = 0; i < 100 && server.queryNames(pattern, null).isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertEquals(1, server.queryNames(pattern, null).size());
        EngineControlMXBean e = engine();
        assertTrue(e.getJournalBytesOnDisk() > 0);
        assertTrue(e.getGroupCommits() > 0);
        assertTrue(e.getSyncs() > 0 && e.getSyncs() <= e.getGroupCommits());
        assertTrue(e.getMeanUnitsPerGroup() >= 1.0);
        journal.closeAll();
        assertEquals(Set.of(), server.queryNames(new ObjectName("org.wharfmq:*"), null));
    }
}
