package org.wharfmq.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.jms.WharfConnectionFactory;
import org.wharfmq.jms.WharfQueue;
import org.wharfmq.jms.WharfTopic;
import org.wharfmq.support.WharfJournal;

/** The read-only SQL views for operators (docs/journal-schema.md), answered from a real journal. */
class JournalViewsTest {

    @RegisterExtension
    final WharfJournal journal = new WharfJournal();

    @Test
    @DisplayName("WHARF_QUEUE_DEPTH counts the messages of every queue and durable subscription; WHARF_DEAD_LETTERS says why each one was moved")
    void viewsAnswerFromAnySqlTool() throws Exception {
        WharfConnectionFactory f = journal.factory();
        f.setMaxDeliveryAttempts(1);
        Connection c = journal.track(f.createConnection());
        c.setClientID("views");
        c.start();
        Session s = c.createSession(Session.SESSION_TRANSACTED);
        s.createDurableConsumer(new WharfTopic("prices"), "watch").close();
        MessageProducer p = s.createProducer(null);
        for (int i = 0; i < 3; i++) {
            p.send(new WharfQueue("orders"), s.createTextMessage("o" + i));
        }
        p.send(new WharfQueue("poison"), s.createTextMessage("bad"));
        p.send(new WharfTopic("prices"), s.createTextMessage("p"));
        p.setDeliveryDelay(3_600_000);
        p.send(new WharfQueue("orders"), s.createTextMessage("later"));
        s.commit();
        assertNotNull(s.createConsumer(new WharfQueue("poison")).receive(1000));
        s.rollback(); // its one delivery attempt is used up: it moves to the dead-letter queue
        journal.closeAll();

        try (java.sql.Connection sql = DriverManager.getConnection(journal.url(), "sa", "")) {
            Map<String, long[]> depth = new HashMap<>();
            try (ResultSet rs = sql.createStatement().executeQuery(
                    "SELECT KIND, NAME, MESSAGES, SCHEDULED, OLDEST_AGE_SECONDS FROM WHARF_QUEUE_DEPTH")) {
                while (rs.next()) {
                    depth.put(rs.getString(1) + " " + rs.getString(2), new long[] {rs.getLong(3), rs.getLong(4)});
                    assertTrue(rs.getLong(3) == 0 || rs.getLong(5) >= 0, "an age for every non-empty queue");
                }
            }
            assertTrue(depth.containsKey("queue orders"), depth.keySet().toString());
            assertEquals(4, depth.get("queue orders")[0]);
            assertEquals(1, depth.get("queue orders")[1], "the delayed message is scheduled");
            assertTrue(depth.containsKey("queue poison") && depth.containsKey("queue wharf.dlq"), depth.keySet().toString());
            assertEquals(0, depth.get("queue poison")[0]);
            assertEquals(1, depth.get("queue wharf.dlq")[0]);
            assertTrue(depth.containsKey("durable subscription watch"), depth.keySet().toString());
            assertEquals(1, depth.get("durable subscription watch")[0]);
            try (ResultSet rs = sql.createStatement().executeQuery(
                    "SELECT QUEUE, REASON, MOVED_AT FROM WHARF_DEAD_LETTERS")) {
                assertTrue(rs.next());
                assertEquals("wharf.dlq", rs.getString(1));
                assertTrue(rs.getString(2).startsWith("dead-lettered from poison after 1 delivery attempts"),
                        rs.getString(2));
                assertNotNull(rs.getTimestamp(3));
            }
        }
    }
}
