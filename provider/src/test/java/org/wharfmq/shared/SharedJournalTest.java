package org.wharfmq.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.engine.EngineRegistry;
import org.wharfmq.jms.WharfConnectionFactory;
import org.wharfmq.support.Postgres;

/**
 * The JMS API on the shared journal, one node, a real PostgreSQL: the same URL forms as the local journal, queues
 * whose messages live in the database (not in the node's memory), acknowledgements and rollbacks settled there, and
 * what is not available on it yet refused by name.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SharedJournalTest {

    @RegisterExtension
    final Postgres postgres = new Postgres();

    private final List<Connection> opened = new ArrayList<>();

    private WharfConnectionFactory factory() {
        WharfConnectionFactory f = new WharfConnectionFactory(postgres.url() + "&engineLingerMillis=0&nodeName=a");
        f.setRedeliveryDelay(0);
        return f;
    }

    private Connection connect() throws JMSException {
        Connection c = factory().createConnection();
        opened.add(c);
        c.start();
        return c;
    }

    @AfterEach
    void closeAll() throws JMSException {
        for (Connection c : opened) {
            c.close();
        }
        assertEquals(0, EngineRegistry.openEngines(), "an engine is still open after every connection was closed");
    }

    private long rows(String sql) throws Exception {
        try (java.sql.Connection c = postgres.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void send(Session s, Queue q, String... texts) throws JMSException {
        MessageProducer p = s.createProducer(q);
        for (String t : texts) {
            p.send(s.createTextMessage(t));
        }
        p.close();
    }

    @Test
    @DisplayName("a persistent send is a row in PostgreSQL when send() returns, and a receive takes it in order")
    void sendAndReceive() throws Exception {
        Connection c = connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue("orders");
        send(s, q, "one", "two", "three");
        assertEquals(3, rows("SELECT count(*) FROM wharf_entry"));
        MessageConsumer consumer = s.createConsumer(q);
        for (String expected : List.of("one", "two", "three")) {
            TextMessage m = (TextMessage) consumer.receive(5000);
            assertNotNull(m, expected);
            assertEquals(expected, m.getText());
            assertFalse(m.getJMSRedelivered());
        }
        assertNull(consumer.receiveNoWait());
        consumer.close();
        assertEquals(0, rows("SELECT count(*) FROM wharf_entry"));
        assertEquals(0, rows("SELECT count(*) FROM wharf_message"));
    }

    @Test
    @DisplayName("messages stored before the node opened are there after it opened (nothing lives only in its memory)")
    void messagesSurviveTheNode() throws Exception {
        Connection c = connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        send(s, s.createQueue("orders"), "kept");
        c.close();
        opened.clear();
        assertEquals(0, EngineRegistry.openEngines());
        Connection again = connect();
        Session s2 = again.createSession(false, Session.AUTO_ACKNOWLEDGE);
        TextMessage m = (TextMessage) s2.createConsumer(s2.createQueue("orders")).receive(5000);
        assertNotNull(m);
        assertEquals("kept", m.getText());
    }

    @Test
    @DisplayName("a rollback delivers the message again, marked redelivered, with JMSXDeliveryCount 2")
    void rollbackRedelivers() throws Exception {
        Connection c = connect();
        Session producer = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        send(producer, producer.createQueue("orders"), "again");
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = tx.createConsumer(tx.createQueue("orders"));
        Message first = consumer.receive(5000);
        assertNotNull(first);
        assertFalse(first.getJMSRedelivered());
        tx.rollback();
        Message second = consumer.receive(5000);
        assertNotNull(second);
        assertTrue(second.getJMSRedelivered());
        assertEquals(2, second.getIntProperty("JMSXDeliveryCount"));
        tx.commit();
        assertEquals(0, rows("SELECT count(*) FROM wharf_entry"));
    }

    @Test
    @DisplayName("an unacknowledged message goes back to the journal when its session closes, for any node")
    void closeGivesBack() throws Exception {
        Connection c = connect();
        Session producer = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        send(producer, producer.createQueue("orders"), "held", "waiting");
        Session client = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = client.createConsumer(client.createQueue("orders"));
        assertNotNull(consumer.receive(5000));
        client.close();
        assertEquals(0, rows("SELECT count(*) FROM wharf_entry WHERE claimed_by IS NOT NULL"),
                "no entry may stay claimed by a node without consumers");
        Session again = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Message m = again.createConsumer(again.createQueue("orders")).receive(5000);
        assertNotNull(m);
        assertEquals("held", ((TextMessage) m).getText());
        assertTrue(m.getJMSRedelivered());
    }

    @Test
    @DisplayName("a message listener receives what is sent after it started")
    void listener() throws Exception {
        Connection c = connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        CountDownLatch got = new CountDownLatch(50);
        s.createConsumer(s.createQueue("orders")).setMessageListener(m -> got.countDown());
        Session p = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = p.createProducer(p.createQueue("orders"));
        for (int i = 0; i < 50; i++) {
            producer.send(p.createTextMessage("m" + i));
        }
        assertTrue(got.await(20, TimeUnit.SECONDS), "left: " + got.getCount());
    }

    @Test
    @DisplayName("a delayed message is not delivered before its delivery time")
    void deliveryDelay() throws Exception {
        Connection c = connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(s.createQueue("orders"));
        p.setDeliveryDelay(1500);
        long sent = System.currentTimeMillis();
        p.send(s.createTextMessage("later"));
        Message m = s.createConsumer(s.createQueue("orders")).receive(10_000);
        assertNotNull(m);
        assertTrue(System.currentTimeMillis() - sent >= 1400, "delivered too early");
    }

    @Test
    @DisplayName("non-persistent messages stay in the node's memory: nothing of them is written")
    void nonPersistentStaysLocal() throws Exception {
        Connection c = connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(s.createQueue("orders"));
        p.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        p.send(s.createTextMessage("fleeting"));
        assertEquals(0, rows("SELECT count(*) FROM wharf_message"));
        assertEquals("fleeting", ((TextMessage) s.createConsumer(s.createQueue("orders")).receive(5000)).getText());
    }

    @Test
    @DisplayName("a message that used up its delivery attempts moves to the dead-letter queue, with the reason")
    void deadLetter() throws Exception {
        WharfConnectionFactory f = factory();
        f.setMaxDeliveryAttempts(2);
        Connection c = f.createConnection();
        opened.add(c);
        c.start();
        Session p = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        send(p, p.createQueue("orders"), "poison");
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = tx.createConsumer(tx.createQueue("orders"));
        for (int i = 0; i < 2; i++) {
            assertNotNull(consumer.receive(5000));
            tx.rollback();
        }
        assertNull(consumer.receive(500));
        Message dead = p.createConsumer(p.createQueue("wharf.dlq")).receive(5000);
        assertNotNull(dead);
        assertEquals("poison", ((TextMessage) dead).getText());
        assertEquals("orders", dead.getStringProperty("JMS_WharfOriginalDestination"));
        assertEquals(0, rows("SELECT count(*) FROM wharf_entry"));
    }

    @Test
    @DisplayName("an expired message is never delivered: it moves to the expiry queue")
    void expiry() throws Exception {
        Connection c = connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(s.createQueue("orders"));
        p.setTimeToLive(200);
        p.send(s.createTextMessage("stale"));
        p.setTimeToLive(0);
        p.send(s.createTextMessage("fresh"));
        Thread.sleep(400);
        TextMessage m = (TextMessage) s.createConsumer(s.createQueue("orders")).receive(5000);
        assertEquals("fresh", m.getText());
        Message expired = s.createConsumer(s.createQueue("wharf.expiry")).receive(5000);
        assertNotNull(expired);
        assertEquals("stale", ((TextMessage) expired).getText());
    }

    @Test
    @DisplayName("a consumer with a selector receives what matches, in order; the rest stays for others")
    void selector() throws Exception {
        Connection c = connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(s.createQueue("orders"));
        for (int i = 0; i < 10; i++) {
            TextMessage m = s.createTextMessage("m" + i);
            m.setStringProperty("colour", i % 2 == 0 ? "red" : "blue");
            p.send(m);
        }
        MessageConsumer red = s.createConsumer(s.createQueue("orders"), "colour = 'red'");
        for (int i = 0; i < 10; i += 2) {
            assertEquals("m" + i, ((TextMessage) red.receive(5000)).getText());
        }
        assertNull(red.receive(300));
        red.close();
        MessageConsumer all = s.createConsumer(s.createQueue("orders"));
        for (int i = 1; i < 10; i += 2) {
            assertEquals("m" + i, ((TextMessage) all.receive(5000)).getText());
        }
    }

    @Test
    @DisplayName("a selective consumer finds its message behind more messages it does not select than a node"
            + " remembers to pass over (10,000)")
    void selectorBehindALargeBacklog() throws Exception {
        Connection c = connect();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer p = tx.createProducer(tx.createQueue("orders"));
        for (int i = 0; i < 12_000; i++) {
            TextMessage m = tx.createTextMessage("blue " + i);
            m.setStringProperty("colour", "blue");
            p.send(m);
            if (i % 1000 == 999) {
                tx.commit();
            }
        }
        TextMessage red = tx.createTextMessage("the red one");
        red.setStringProperty("colour", "red");
        p.send(red);
        tx.commit();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        TextMessage got = (TextMessage) s.createConsumer(s.createQueue("orders"), "colour = 'red'").receive(45_000);
        assertNotNull(got, "the selective consumer never reached its message");
        assertEquals("the red one", got.getText());
        assertEquals(12_000, rows("SELECT count(*) FROM wharf_entry WHERE claim_token IS NULL"),
                "what it does not select is back for every node");
    }

    @Test
    @DisplayName("a durable subscription keeps what is published while no consumer is connected, in PostgreSQL")
    void durableSubscription() throws Exception {
        WharfConnectionFactory f = factory();
        f.setClientID("audit");
        Connection c = f.createConnection();
        opened.add(c);
        c.start();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        s.createDurableConsumer(s.createTopic("prices"), "ledger").close();
        MessageProducer p = s.createProducer(s.createTopic("prices"));
        p.send(s.createTextMessage("up"));
        p.send(s.createTextMessage("down"));
        assertEquals(2, rows("SELECT count(*) FROM wharf_entry"));
        MessageConsumer again = s.createDurableConsumer(s.createTopic("prices"), "ledger");
        assertEquals("up", ((TextMessage) again.receive(5000)).getText());
        assertEquals("down", ((TextMessage) again.receive(5000)).getText());
        again.close();
        s.unsubscribe("ledger");
        assertEquals(0, rows("SELECT count(*) FROM wharf_queue WHERE kind = 'D'"));
    }

    @Test
    @DisplayName("the driver's parameters stay in the URL; Wharf's are settings; the password is never shown")
    void urlParameters() throws Exception {
        WharfConnectionFactory f = new WharfConnectionFactory(postgres.url()
                + "&password=secret-word&ApplicationName=wharf-test&engineLingerMillis=0&nodeName=b");
        assertTrue(f.getJournalUrl().contains("ApplicationName=wharf-test"), f.getJournalUrl());
        assertFalse(f.getJournalUrl().contains("engineLingerMillis"), f.getJournalUrl());
        Connection c = f.createConnection();
        opened.add(c);
        assertTrue(rows("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'wharf-test'") > 0);
        assertEquals(1, rows("SELECT count(*) FROM wharf_node WHERE name = 'b'"));
    }
}
