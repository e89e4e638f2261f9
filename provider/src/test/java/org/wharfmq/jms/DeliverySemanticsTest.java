package org.wharfmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueRequestor;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicRequestor;
import jakarta.jms.TopicSession;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.support.WharfJournal;

/**
 * Redelivery with backoff, dead letters, expiry, delivery delay across restarts, message groups and requestors —
 * the delivery features of docs/semantics.md.
 */
class DeliverySemanticsTest {

    @RegisterExtension
    final WharfJournal journal = new WharfJournal();

    private static String text(Message m) throws JMSException {
        return m == null ? null : ((TextMessage) m).getText();
    }

    private Connection connect(WharfConnectionFactory f) throws JMSException {
        Connection c = journal.track(f.createConnection());
        c.start();
        return c;
    }

    @Test
    @DisplayName("a delivery policy changed at run time applies to a queue that already exists; bad input is named and changes nothing")
    void runtimePolicyOverride() throws Exception {
        WharfConnection c = (WharfConnection) connect(journal.factory());
        Session s = c.createSession(Session.SESSION_TRANSACTED);
        Queue q = s.createQueue("orders");
        s.createProducer(q).send(s.createTextMessage("poison"));
        s.commit();
        JMSException unknown = assertThrows(JMSException.class,
                () -> c.overrideDeliveryPolicy("orders", Map.of("maxAttempts", "1")));
        assertTrue(unknown.getMessage().contains("'maxAttempts'"), unknown.getMessage());
        JMSException invalid = assertThrows(JMSException.class,
                () -> c.overrideDeliveryPolicy("orders", Map.of("maxDeliveryAttempts", "-1")));
        assertTrue(invalid.getMessage().contains("orders"), invalid.getMessage());
        assertThrows(jakarta.jms.InvalidDestinationException.class,
                () -> c.overrideDeliveryPolicy(" ", Map.of("maxDeliveryAttempts", "1")));
        c.overrideDeliveryPolicy("orders", Map.of("maxDeliveryAttempts", "1", "deadLetterQueue", "orders.dlq"));
        MessageConsumer consumer = s.createConsumer(q);
        assertEquals("poison", text(consumer.receive(1000)));
        s.rollback();
        consumer.close();
        assertEquals("poison", text(s.createConsumer(s.createQueue("orders.dlq")).receive(2000)),
                "dead-lettered after the one attempt the override allows");
        s.commit();
    }

    @Test
    @DisplayName("redelivery waits for the delay, doubling each attempt, without holding back other messages")
    void redeliveryDelayWithBackoff() throws Exception {
        WharfConnectionFactory f = journal.defaultFactory();
        f.setRedeliveryDelay(300);
        f.setMaxDeliveryAttempts(0);
        Session s = connect(f).createSession(Session.SESSION_TRANSACTED);
        Queue q = s.createQueue("q");
        MessageProducer p = s.createProducer(q);
        p.send(s.createTextMessage("poison"));
        s.commit();
        MessageConsumer c = s.createConsumer(q);
        assertEquals("poison", text(c.receive(1000)));
        s.rollback();
        p.send(s.createTextMessage("next"));
        s.commit();
        long rolledBack = System.nanoTime();
        assertEquals("next", text(c.receive(1000)), "the delayed message does not hold back the queue");
        s.commit();
        Message again = c.receive(2000);
        long firstDelay = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - rolledBack);
        assertEquals("poison", text(again));
        assertTrue(firstDelay >= 250, "redelivered after " + firstDelay + " ms, before the 300 ms delay");
        s.rollback();
        long second = System.nanoTime();
        assertNull(c.receive(450), "the second delay is 600 ms");
        assertEquals("poison", text(c.receive(2000)));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - second) >= 550);
        s.commit();
    }

    @Test
    @DisplayName("after maxDeliveryAttempts a message moves to the dead-letter queue with its history, never deleted")
    void deadLetterQueue() throws Exception {
        WharfConnectionFactory f = journal.factory();
        f.setMaxDeliveryAttempts(3);
        Connection connection = connect(f);
        Session s = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue("orders");
        Message original = s.createTextMessage("bad order");
        original.setStringProperty("customer", "c1");
        s.createProducer(q).send(original);
        List<Integer> attempts = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch three = new CountDownLatch(3);
        s.createConsumer(q).setMessageListener(m -> {
            try {
                attempts.add(m.getIntProperty("JMSXDeliveryCount"));
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
            three.countDown();
            throw new IllegalArgumentException("cannot parse order");
        });
        assertTrue(three.await(5, TimeUnit.SECONDS));
        Session dlqSession = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Message dead = dlqSession.createConsumer(dlqSession.createQueue("wharf.dlq")).receive(2000);
        assertNotNull(dead, "the message is in the dead-letter queue");
        assertEquals(List.of(1, 2, 3), attempts);
        assertEquals("bad order", text(dead));
        assertEquals("c1", dead.getStringProperty("customer"));
        assertEquals(original.getJMSMessageID(), dead.getJMSMessageID());
        assertEquals("orders", dead.getStringProperty("JMS_WharfOriginalDestination"));
        assertEquals(3, dead.getIntProperty("JMS_WharfDeliveryAttempts"));
        assertTrue(dead.getStringProperty("JMS_WharfFailureReason").contains("cannot parse order"),
                dead.getStringProperty("JMS_WharfFailureReason"));
    }

    @Test
    @DisplayName("a per-destination policy overrides the defaults; the dead-letter queue keeps failing messages")
    void perDestinationPolicyAndDlqKeeps() throws Exception {
        WharfConnectionFactory f = journal.factory();
        f.setPolicy("payments", "maxDeliveryAttempts", "1");
        f.setPolicy("payments", "deadLetterQueue", "payments.dlq");
        f.setMaxDeliveryAttempts(2);
        Session s = connect(f).createSession(Session.SESSION_TRANSACTED);
        Queue q = s.createQueue("payments");
        s.createProducer(q).send(s.createTextMessage("p"));
        s.commit();
        assertNotNull(s.createConsumer(q).receive(1000));
        s.rollback();
        MessageConsumer dlq = s.createConsumer(s.createQueue("payments.dlq"));
        for (int i = 0; i < 4; i++) {
            assertEquals("p", text(dlq.receive(1000)), "attempt " + i + " in the dead-letter queue");
            s.rollback();
        }
        assertEquals("p", text(dlq.receive(1000)), "a dead-letter queue never drops a message");
        s.commit();
    }

    @Test
    @DisplayName("the delivery count survives a restart")
    void deliveryCountSurvivesRestart() throws Exception {
        Session s = journal.session(Session.SESSION_TRANSACTED);
        Queue q = s.createQueue("q");
        s.createProducer(q).send(s.createTextMessage("m"));
        s.commit();
        MessageConsumer c = s.createConsumer(q);
        c.receive(1000);
        s.rollback();
        c.receive(1000);
        s.rollback();
        Thread.sleep(200); // delivery counts are written lazily
        journal.closeAll();
        Message m = journal.session(Session.AUTO_ACKNOWLEDGE).createConsumer(q).receive(1000);
        assertEquals(3, m.getIntProperty("JMSXDeliveryCount"));
        assertTrue(m.getJMSRedelivered());
    }

    @Test
    @DisplayName("§3.4.9 an expired message goes to the expiry queue with its original destination")
    void expiryQueue() throws Exception {
        Session s = journal.session(Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue("q");
        MessageProducer p = s.createProducer(q);
        p.setTimeToLive(50);
        Message m = s.createTextMessage("stale");
        p.send(m);
        Thread.sleep(120);
        assertNull(s.createConsumer(q).receive(100));
        Message expired = s.createConsumer(s.createQueue("wharf.expiry")).receive(1000);
        assertEquals("stale", text(expired));
        assertEquals("q", expired.getStringProperty("JMS_WharfOriginalDestination"));
        assertEquals(m.getJMSExpiration(), expired.getLongProperty("JMS_WharfExpiredAt"));
        assertEquals(0, expired.getJMSExpiration(), "it does not expire again in the expiry queue");
    }

    @Test
    @DisplayName("§3.4.9 the background sweep moves expired messages nobody receives; expiryQueue empty drops them")
    void sweepAndDrop() throws Exception {
        WharfConnectionFactory f = journal.factory();
        f.setExpirySweepMillis(100);
        f.setPolicy("dropped", "expiryQueue", "");
        Session s = connect(f).createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(null);
        p.setTimeToLive(50);
        p.send(s.createQueue("kept"), s.createTextMessage("k"));
        p.send(s.createQueue("dropped"), s.createTextMessage("d"));
        MessageConsumer expiry = s.createConsumer(s.createQueue("wharf.expiry"));
        Message moved = expiry.receive(3000);
        assertEquals("k", text(moved), "swept without any consumer on the queue");
        assertNull(expiry.receive(300), "the dropped one is not in the expiry queue");
        assertEquals(0, ((WharfSession) s).connection.engine.destinations().queue("dropped")
                .readyCount());
    }

    @Test
    @DisplayName("§7.9 a delivery delay is honoured across a restart")
    void deliveryDelayAcrossRestart() throws Exception {
        Session s = journal.connection().createSession();
        MessageProducer p = s.createProducer(s.createQueue("later"));
        p.setDeliveryDelay(1500);
        Message m = s.createTextMessage("later");
        p.send(m);
        journal.closeAll();
        MessageConsumer c = journal.session(Session.AUTO_ACKNOWLEDGE).createConsumer(new WharfQueue("later"));
        Message early = c.receive(Math.max(1, m.getJMSDeliveryTime() - System.currentTimeMillis() - 200));
        assertNull(early, "delivered before its delivery time");
        assertEquals("later", text(c.receive(3000)));
        assertTrue(System.currentTimeMillis() >= m.getJMSDeliveryTime());
    }

    @Test
    @DisplayName("JMSXGroupID: one consumer at a time per group, in order; the group moves when its consumer closes")
    void messageGroups() throws Exception {
        Session producer = journal.connection().createSession();
        Queue q = producer.createQueue("grouped");
        MessageProducer p = producer.createProducer(q);
        for (int i = 0; i < 6; i++) {
            Message m = producer.createTextMessage((i % 2 == 0 ? "A" : "B") + i);
            m.setStringProperty("JMSXGroupID", i % 2 == 0 ? "A" : "B");
            m.setIntProperty("JMSXGroupSeq", i / 2 + 1);
            p.send(m);
        }
        Session s1 = journal.session(Session.AUTO_ACKNOWLEDGE);
        Session s2 = journal.session(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer c1 = s1.createConsumer(q);
        MessageConsumer c2 = s2.createConsumer(q);
        Map<String, MessageConsumer> owner = new ConcurrentHashMap<>();
        Map<String, List<String>> order = new ConcurrentHashMap<>();
        for (int i = 0; i < 6; i++) {
            MessageConsumer c = i % 2 == 0 ? c1 : c2;
            Message m = c.receive(300);
            if (m == null) {
                c = c == c1 ? c2 : c1;
                m = c.receive(1000);
            }
            assertNotNull(m);
            String group = m.getStringProperty("JMSXGroupID");
            MessageConsumer previous = owner.putIfAbsent(group, c);
            assertTrue(previous == null || previous == c, "group " + group + " went to two consumers");
            order.computeIfAbsent(group, g -> new ArrayList<>()).add(text(m));
        }
        assertEquals(List.of("A0", "A2", "A4"), order.get("A"));
        assertEquals(List.of("B1", "B3", "B5"), order.get("B"));
        Message more = producer.createTextMessage("A6");
        more.setStringProperty("JMSXGroupID", "A");
        p.send(more);
        MessageConsumer ownerOfA = owner.get("A");
        MessageConsumer other = ownerOfA == c1 ? c2 : c1;
        assertNull(other.receive(200), "group A belongs to its consumer");
        ownerOfA.close();
        assertEquals("A6", text(other.receive(1000)), "the group moved when its consumer closed");
        assertFalse(order.get("A").contains("A6"));
    }

    @Test
    @DisplayName("§4.7 QueueRequestor and TopicRequestor round trips over temporary destinations")
    void requestors() throws Exception {
        QueueConnection qc = (QueueConnection) journal.started();
        QueueSession serviceSession = qc.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue service = serviceSession.createQueue("service");
        serviceSession.createConsumer(service).setMessageListener(request -> {
            try {
                Message reply = serviceSession.createTextMessage("re: " + text(request));
                reply.setJMSCorrelationID(request.getJMSMessageID());
                serviceSession.createProducer(request.getJMSReplyTo()).send(reply);
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        QueueSession client = qc.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        QueueRequestor requestor = new QueueRequestor(client, service);
        Message request = client.createTextMessage("ping");
        Message reply = requestor.request(request);
        assertEquals("re: ping", text(reply));
        assertEquals(request.getJMSMessageID(), reply.getJMSCorrelationID());
        requestor.close();

        TopicConnection tc = (TopicConnection) journal.started();
        TopicSession ts = tc.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        jakarta.jms.Topic news = ts.createTopic("ask");
        ts.createSubscriber(news).setMessageListener(request2 -> {
            try {
                ts.createPublisher(null).publish((jakarta.jms.Topic) request2.getJMSReplyTo(),
                        ts.createTextMessage("answer"));
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        TopicSession askSession = tc.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        TopicRequestor topicRequestor = new TopicRequestor(askSession, news);
        assertEquals("answer", text(topicRequestor.request(askSession.createTextMessage("?"))));
        topicRequestor.close();
    }
}
