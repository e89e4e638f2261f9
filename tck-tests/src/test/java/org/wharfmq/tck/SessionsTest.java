package org.wharfmq.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.tck.support.Jms;

/** JMS 3.1 §6.2: sessions, the acknowledgement modes, local transactions, recover, serial delivery. */
class SessionsTest {

    @RegisterExtension
    final Jms jms = new Jms();

    private Queue queue;

    @BeforeEach
    void open() {
        queue = jms.queue("q");
    }

    private void send(String... texts) throws Exception {
        Session s = jms.connection().createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(queue);
        for (String t : texts) {
            p.send(s.createTextMessage(t));
        }
    }

    private static String text(Message m) throws JMSException {
        return m == null ? null : ((TextMessage) m).getText();
    }

    private String drain() throws Exception {
        Session s = jms.session(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer c = s.createConsumer(queue);
        StringBuilder sb = new StringBuilder();
        Message m;
        while ((m = c.receive(Jms.ABSENT)) != null) {
            sb.append(text(m));
        }
        return sb.toString();
    }

    @Test
    @DisplayName("§6.2.10 AUTO_ACKNOWLEDGE acknowledges each message as receive returns")
    void autoAcknowledge() throws Exception {
        send("a", "b");
        Session s = jms.session(Session.AUTO_ACKNOWLEDGE);
        assertEquals("a", text(s.createConsumer(queue).receive(Jms.ARRIVES)));
        s.close();
        assertEquals("b", drain());
    }

    @Test
    @DisplayName("§6.2.10 CLIENT_ACKNOWLEDGE: acknowledge() covers every message consumed by the session")
    void clientAcknowledge() throws Exception {
        send("a", "b", "c");
        Session s = jms.session(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer c = s.createConsumer(queue);
        c.receive(Jms.ARRIVES);
        c.receive(Jms.ARRIVES).acknowledge();
        c.receive(Jms.ARRIVES);
        s.close();
        assertEquals("c", drain());
    }

    @Test
    @DisplayName("§6.2.10 DUPS_OK_ACKNOWLEDGE acknowledges, lazily")
    void dupsOk() throws Exception {
        send("a");
        Session s = jms.session(Session.DUPS_OK_ACKNOWLEDGE);
        assertEquals("a", text(s.createConsumer(queue).receive(Jms.ARRIVES)));
        s.close();
        assertEquals("", drain());
    }

    @Test
    @DisplayName("§6.2.11 recover redelivers unacknowledged messages, oldest first, with JMSRedelivered")
    void recover() throws Exception {
        send("a", "b");
        Session s = jms.session(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer c = s.createConsumer(queue);
        c.receive(Jms.ARRIVES);
        c.receive(Jms.ARRIVES);
        s.recover();
        Message again = c.receive(Jms.ARRIVES);
        assertEquals("a", text(again));
        assertTrue(again.getJMSRedelivered());
        assertEquals(2, again.getIntProperty("JMSXDeliveryCount"));
        assertEquals("b", text(c.receive(Jms.ARRIVES)));
        again.acknowledge();
    }

    @Test
    @DisplayName("§6.2.7 commit makes sends visible and receives acknowledged, atomically")
    void commit() throws Exception {
        send("in");
        Session tx = jms.session(Session.SESSION_TRANSACTED);
        Queue out = jms.queue("out");
        assertEquals("in", text(tx.createConsumer(queue).receive(Jms.ARRIVES)));
        tx.createProducer(out).send(tx.createTextMessage("out"));
        MessageConsumer observer = jms.session(Session.AUTO_ACKNOWLEDGE).createConsumer(out);
        assertNull(observer.receive(Jms.ABSENT));
        tx.commit();
        assertEquals("out", text(observer.receive(Jms.ARRIVES)));
        assertEquals("", drain());
    }

    @Test
    @DisplayName("§6.2.7 rollback discards sends and redelivers receives")
    void rollback() throws Exception {
        send("in");
        Session tx = jms.session(Session.SESSION_TRANSACTED);
        MessageConsumer c = tx.createConsumer(queue);
        c.receive(Jms.ARRIVES);
        tx.createProducer(jms.queue("out")).send(tx.createTextMessage("never"));
        tx.rollback();
        Message again = c.receive(Jms.ARRIVES);
        assertEquals("in", text(again));
        assertTrue(again.getJMSRedelivered());
        tx.commit();
        assertNull(jms.session(Session.AUTO_ACKNOWLEDGE).createConsumer(jms.queue("out")).receive(Jms.ABSENT));
    }

    @Test
    @DisplayName("§6.2.7 closing a transacted session rolls back")
    void closeRollsBack() throws Exception {
        send("in");
        Session tx = jms.session(Session.SESSION_TRANSACTED);
        tx.createConsumer(queue).receive(Jms.ARRIVES);
        tx.close();
        assertEquals("in", drain());
    }

    @Test
    @DisplayName("§6.2.7 commit/rollback need a transaction; recover needs none")
    void misuse() throws Exception {
        Session auto = jms.session(Session.AUTO_ACKNOWLEDGE);
        assertThrows(IllegalStateException.class, auto::commit);
        assertThrows(IllegalStateException.class, auto::rollback);
        assertFalse(auto.getTransacted());
        Session tx = jms.session(Session.SESSION_TRANSACTED);
        assertThrows(IllegalStateException.class, tx::recover);
    }

    @Test
    @DisplayName("§6.2.5 a session delivers to its listeners one message at a time")
    void serialDelivery() throws Exception {
        Connection c = jms.started();
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue q2 = jms.queue("q2");
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(10);
        jakarta.jms.MessageListener listener = m -> {
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            concurrent.decrementAndGet();
            all.countDown();
        };
        s.createConsumer(queue).setMessageListener(listener);
        s.createConsumer(q2).setMessageListener(listener);
        Session producer = jms.connection().createSession(Session.AUTO_ACKNOWLEDGE);
        for (int i = 0; i < 5; i++) {
            producer.createProducer(queue).send(producer.createMessage());
            producer.createProducer(q2).send(producer.createMessage());
        }
        assertTrue(all.await(10, TimeUnit.SECONDS));
        assertEquals(1, maxConcurrent.get());
    }

    @Test
    @DisplayName("§6.2 the application server facility of a session is optional; its listener starts unset")
    void sessionListenerIsOptional() throws Exception {
        Session s = jms.session(Session.AUTO_ACKNOWLEDGE);
        try {
            assertNull(s.getMessageListener());
            s.setMessageListener(m -> { });
        } catch (JMSException refused) {
            // optional
        }
        try {
            s.run();
        } catch (RuntimeException refused) {
            // optional
        }
    }

    @Test
    @DisplayName("§6.3 a QueueSession refuses topic operations; a TopicSession refuses queue operations")
    void domainSessions() throws Exception {
        jakarta.jms.QueueSession qs = ((jakarta.jms.QueueConnection) jms.connection())
                .createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        jakarta.jms.Topic t = jms.topic("t");
        assertThrows(IllegalStateException.class, () -> qs.createTopic("x"));
        assertThrows(IllegalStateException.class, qs::createTemporaryTopic);
        assertThrows(IllegalStateException.class, () -> qs.createDurableConsumer(t, "d"));
        assertThrows(IllegalStateException.class, () -> qs.createSharedConsumer(t, "s"));
        assertThrows(IllegalStateException.class, () -> qs.createSharedDurableConsumer(t, "sd"));
        assertThrows(IllegalStateException.class, () -> qs.unsubscribe("d"));
        jakarta.jms.TopicSession ts = ((jakarta.jms.TopicConnection) jms.connection())
                .createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(IllegalStateException.class, () -> ts.createQueue("x"));
        assertThrows(IllegalStateException.class, ts::createTemporaryQueue);
        assertThrows(IllegalStateException.class, () -> ts.createBrowser(queue));
    }

    @Test
    @DisplayName("§8.7 a MessageListener that throws in AUTO_ACKNOWLEDGE gets the message again, redelivered")
    void listenerThrows() throws Exception {
        send("poison");
        Session s = jms.session(Session.AUTO_ACKNOWLEDGE);
        List<Boolean> redelivered = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch twice = new CountDownLatch(2);
        s.createConsumer(queue).setMessageListener(m -> {
            try {
                redelivered.add(m.getJMSRedelivered());
            } catch (JMSException e) {
                redelivered.add(null);
            }
            twice.countDown();
            if (redelivered.size() == 1) {
                throw new RuntimeException("first attempt fails");
            }
        });
        assertTrue(twice.await(10, TimeUnit.SECONDS));
        assertEquals(List.of(false, true), redelivered.subList(0, 2));
    }

    @Test
    @DisplayName("§6.2 a session creates every message type")
    void messageFactories() throws Exception {
        Session s = jms.session(Session.AUTO_ACKNOWLEDGE);
        List<Object> all = new ArrayList<>(List.of(s.createMessage(), s.createTextMessage(), s.createTextMessage("t"),
                s.createBytesMessage(), s.createMapMessage(), s.createStreamMessage(), s.createObjectMessage(),
                s.createObjectMessage("o")));
        assertEquals(8, all.size());
        assertTrue(Collections.frequency(all, null) == 0);
        assertNotNull(s.createQueue(jms.name("x")));
        assertNotNull(s.createTopic(jms.name("y")));
    }
}
