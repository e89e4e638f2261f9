package org.wharfmq.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanException;
import javax.management.ObjectName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.jms.WharfConnectionFactory;
import org.wharfmq.jms.WharfQueue;
import org.wharfmq.support.WharfJournal;

/** What the console reads and does, on the MXBeans of a real Wharf engine in this JVM (no server needed). */
class WharfBeansTest {

    @RegisterExtension
    final WharfJournal journal = new WharfJournal();

    private final WharfBeans beans = new WharfBeans(ManagementFactory.getPlatformMBeanServer());
    private Session session;

    @BeforeEach
    void open() throws Exception {
        WharfConnectionFactory f = journal.factory();
        f.setMaxDeliveryAttempts(1);
        f.setExpirySweepMillis(50);
        Connection c = journal.track(f.createConnection());
        c.start();
        session = c.createSession(Session.SESSION_TRANSACTED);
    }

    private void send(String queue, String... texts) throws Exception {
        for (String t : texts) {
            session.createProducer(new WharfQueue(queue)).send(session.createTextMessage(t));
        }
        session.commit();
    }

    private Map<String, Object> destination(String name) throws Exception {
        for (int i = 0; i < 100; i++) { // new queues register with the next sweep (50 ms here)
            for (Map<String, Object> d : beans.destinations()) {
                if (name.equals(d.get("Name"))) {
                    return d;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no destination " + name + " in " + beans.destinations());
    }

    private void deadLetter(String queue, String text) throws Exception {
        send(queue, text);
        MessageConsumer c = session.createConsumer(new WharfQueue(queue));
        assertNotNull(c.receive(1000));
        session.rollback(); // its one delivery attempt is used up
        c.close();
    }

    @Test
    @DisplayName("the overview lists every queue with its counts, dead-letter queues first, and the engine's figures")
    void overviewListsQueuesDeadLetterQueuesFirst() throws Exception {
        send("orders", "a", "b");
        deadLetter("payments", "p");
        Map<String, Object> dlq = destination("wharf.dlq");
        Map<String, Object> orders = destination("orders");
        assertEquals(2, orders.get("ReadyCount"));
        assertEquals(true, dlq.get("DeadLetterQueue"));
        assertEquals("wharf.dlq", beans.destinations().get(0).get("Name"));
        List<Map<String, Object>> engines = beans.engines();
        assertEquals(1, engines.size());
        assertTrue((Long) engines.get(0).get("JournalBytesOnDisk") > 0);
    }

    @Test
    @DisplayName("a dead letter shows its reason and origin, and requeue moves it back where a consumer gets it")
    void requeueMovesADeadLetterBack() throws Exception {
        deadLetter("payments", "p1");
        ObjectName dlq = beans.destination((String) destination("wharf.dlq").get("id"));
        List<Map<String, Object>> messages = beans.messages(dlq, 10);
        assertEquals(1, messages.size());
        Map<String, Object> m = messages.get(0);
        assertEquals("payments", m.get("originalDestination"));
        assertEquals("\"p1\"", m.get("bodyPreview"));
        assertEquals(1, beans.requeue(dlq, (String) m.get("messageId"), "payments"));
        assertEquals(0, beans.requeue(dlq, (String) m.get("messageId"), "payments"), "already moved");
        MessageConsumer c = session.createConsumer(new WharfQueue("payments"));
        assertNotNull(c.receive(1000));
        session.commit();
    }

    @Test
    @DisplayName("purge empties a queue; the history has the depth and throughput points to draw")
    void purgeAndHistory() throws Exception {
        send("work", "w1", "w2", "w3");
        ObjectName work = beans.destination((String) destination("work").get("id"));
        List<Map<String, Object>> history = beans.history(work);
        for (int i = 0; i < 100 && history.isEmpty(); i++) {
            Thread.sleep(50);
            history = beans.history(work);
        }
        assertTrue(history.get(history.size() - 1).containsKey("depth"), history.toString());
        assertEquals(3, beans.purge(work));
        assertEquals(0, destination("work").get("MessageCount"));
    }

    @Test
    @DisplayName("the console touches Wharf's queue MXBeans only, and a failed move says why")
    void refusesForeignMBeansAndReportsFailures() throws Exception {
        send("orders", "a");
        assertThrows(IllegalArgumentException.class, () -> beans.destination("java.lang:type=Runtime"));
        assertThrows(IllegalArgumentException.class, () -> beans.destination("org.wharfmq:type=Queue,*"));
        assertThrows(IllegalArgumentException.class, () -> beans.destination("not an object name"));
        ObjectName orders = beans.destination((String) destination("orders").get("id"));
        JMException e = assertThrows(MBeanException.class, () -> beans.requeue(orders, "ID:1", ""));
        assertNotNull(e.getMessage());
    }
}
