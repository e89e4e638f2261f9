package org.wharfmq.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.tck.support.Jms;

/** JMS 3.1 §7 producers, §8 consumers, §5.9 browsers, and the queue and topic domain interfaces. */
class ProducersConsumersTest {

    @RegisterExtension
    final Jms jms = new Jms();

    private Session session;
    private Queue queue;

    @BeforeEach
    void open() throws Exception {
        session = jms.session(Session.AUTO_ACKNOWLEDGE);
        queue = jms.queue("q");
    }

    private static String text(Message m) throws JMSException {
        return m == null ? null : ((TextMessage) m).getText();
    }

    /** Collects CompletionListener outcomes in order. */
    static final class Completions implements CompletionListener {
        final List<String> outcomes = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch done;

        Completions(int expected) {
            done = new CountDownLatch(expected);
        }

        @Override
        public void onCompletion(Message message) {
            try {
                outcomes.add(((TextMessage) message).getText());
            } catch (JMSException e) {
                outcomes.add(e.toString());
            }
            done.countDown();
        }

        @Override
        public void onException(Message message, Exception exception) {
            outcomes.add("failed: " + exception);
            done.countDown();
        }

        void await() throws InterruptedException {
            assertTrue(done.await(10, TimeUnit.SECONDS));
        }
    }

    @Test
    @DisplayName("§7.2 producer settings: delivery mode, priority, time to live, delay, disable flags")
    void producerSettings() throws JMSException {
        MessageProducer p = session.createProducer(queue);
        assertEquals(queue, p.getDestination());
        assertEquals(DeliveryMode.PERSISTENT, p.getDeliveryMode());
        assertEquals(Message.DEFAULT_PRIORITY, p.getPriority());
        assertEquals(0, p.getTimeToLive());
        assertEquals(0, p.getDeliveryDelay());
        assertFalse(p.getDisableMessageID());
        assertFalse(p.getDisableMessageTimestamp());
        p.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        p.setPriority(7);
        p.setTimeToLive(60_000);
        p.setDisableMessageID(true);
        p.setDisableMessageTimestamp(true);
        assertEquals(7, p.getPriority());
        assertTrue(p.getDisableMessageID());
        assertTrue(p.getDisableMessageTimestamp());
        Message m = session.createTextMessage("x");
        p.send(m);
        assertEquals(DeliveryMode.NON_PERSISTENT, m.getJMSDeliveryMode());
        assertEquals(7, m.getJMSPriority());
        assertTrue(m.getJMSExpiration() > System.currentTimeMillis());
        Message r = session.createConsumer(queue).receive(Jms.ARRIVES);
        assertEquals(7, r.getJMSPriority());
        assertEquals(DeliveryMode.NON_PERSISTENT, r.getJMSDeliveryMode());
        assertThrows(JMSException.class, () -> p.setDeliveryMode(42));
    }

    @Test
    @DisplayName("§7.2 send with explicit delivery mode, priority and time to live; priority order on receipt")
    void sendOverloadsAndPriority() throws JMSException {
        MessageProducer p = session.createProducer(queue);
        p.send(session.createTextMessage("low"), DeliveryMode.PERSISTENT, 1, 0);
        p.send(session.createTextMessage("high"), DeliveryMode.PERSISTENT, 9, 0);
        MessageProducer anonymous = session.createProducer(null);
        assertNull(anonymous.getDestination());
        anonymous.send(queue, session.createTextMessage("mid"));
        anonymous.send(queue, session.createTextMessage("mid2"), DeliveryMode.PERSISTENT, 4, 0);
        MessageConsumer c = session.createConsumer(queue);
        assertEquals("high", text(c.receive(Jms.ARRIVES)));
        assertEquals("mid", text(c.receive(Jms.ARRIVES)));
        assertEquals("mid2", text(c.receive(Jms.ARRIVES)));
        assertEquals("low", text(c.receive(Jms.ARRIVES)));
        assertThrows(UnsupportedOperationException.class, () -> anonymous.send(session.createMessage()));
        assertThrows(UnsupportedOperationException.class, () -> p.send(queue, session.createMessage()));
        assertThrows(InvalidDestinationException.class, () -> anonymous.send(null, session.createMessage()));
    }

    @Test
    @DisplayName("§7.3 asynchronous send: CompletionListeners in send order, for all four overloads")
    void asyncSend() throws Exception {
        MessageProducer p = session.createProducer(queue);
        MessageProducer anonymous = session.createProducer(null);
        Completions completions = new Completions(4);
        p.send(session.createTextMessage("1"), completions);
        p.send(session.createTextMessage("2"), DeliveryMode.PERSISTENT, 4, 0, completions);
        anonymous.send(queue, session.createTextMessage("3"), completions);
        anonymous.send(queue, session.createTextMessage("4"), DeliveryMode.PERSISTENT, 4, 0, completions);
        completions.await();
        assertEquals(List.of("1", "2", "3", "4"), completions.outcomes);
        MessageConsumer c = session.createConsumer(queue);
        for (String expected : List.of("1", "2", "3", "4")) {
            assertEquals(expected, text(c.receive(Jms.ARRIVES)));
        }
    }

    @Test
    @DisplayName("§7.3 an asynchronous send in a transacted session completes; the message arrives at commit")
    void asyncSendTransacted() throws Exception {
        Session tx = jms.session(Session.SESSION_TRANSACTED);
        Completions completions = new Completions(1);
        tx.createProducer(queue).send(tx.createTextMessage("tx"), completions);
        completions.await();
        MessageConsumer c = session.createConsumer(queue);
        assertNull(c.receive(Jms.ABSENT));
        tx.commit();
        assertEquals("tx", text(c.receive(Jms.ARRIVES)));
    }

    @Test
    @DisplayName("§7.9 delivery delay: not delivered before JMSDeliveryTime")
    void deliveryDelay() throws JMSException {
        MessageProducer p = session.createProducer(queue);
        p.setDeliveryDelay(500);
        assertEquals(500, p.getDeliveryDelay());
        Message m = session.createTextMessage("later");
        p.send(m);
        MessageConsumer c = session.createConsumer(queue);
        assertNull(c.receive(Jms.ABSENT));
        assertEquals("later", text(c.receive(Jms.ARRIVES)));
        assertTrue(System.currentTimeMillis() >= m.getJMSDeliveryTime());
    }

    @Test
    @DisplayName("§3.4.9 an expired message is not delivered")
    void expiry() throws Exception {
        MessageProducer p = session.createProducer(queue);
        p.send(session.createTextMessage("short"), DeliveryMode.PERSISTENT, 4, 50);
        p.send(session.createTextMessage("long"));
        Thread.sleep(150);
        MessageConsumer c = session.createConsumer(queue);
        assertEquals("long", text(c.receive(Jms.ARRIVES)));
        assertNull(c.receive(Jms.ABSENT));
    }

    @Test
    @DisplayName("§8.6 receive variants and a MessageListener")
    void consumers() throws Exception {
        MessageProducer p = session.createProducer(queue);
        MessageConsumer c = session.createConsumer(queue);
        assertNull(c.getMessageSelector());
        assertNull(c.getMessageListener());
        assertNull(c.receiveNoWait());
        assertNull(c.receive(Jms.ABSENT));
        p.send(session.createTextMessage("a"));
        assertEquals("a", text(c.receive()));
        p.send(session.createTextMessage("b"));
        CountDownLatch got = new CountDownLatch(1);
        c.setMessageListener(m -> got.countDown());
        assertNotNull(c.getMessageListener());
        assertTrue(got.await(5, TimeUnit.SECONDS));
        c.close();
        assertThrows(IllegalStateException.class, c::receiveNoWait);
        MessageConsumer selective = session.createConsumer(queue, "JMSPriority > 3");
        assertEquals("JMSPriority > 3", selective.getMessageSelector());
    }

    @Test
    @DisplayName("§4.4 QueueSession, QueueSender and QueueReceiver")
    void queueDomain() throws Exception {
        QueueConnection qc = (QueueConnection) jms.started();
        QueueSession qs = qc.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = qs.createQueue(jms.name("domain-q"));
        QueueSender sender = qs.createSender(q);
        assertEquals(q, sender.getQueue());
        sender.send(qs.createTextMessage("1"));
        sender.send(qs.createTextMessage("2"), DeliveryMode.PERSISTENT, 4, 0);
        QueueSender anonymous = qs.createSender(null);
        anonymous.send(q, qs.createTextMessage("3"));
        anonymous.send(q, qs.createTextMessage("4"), DeliveryMode.PERSISTENT, 4, 0);
        QueueReceiver receiver = qs.createReceiver(q);
        assertEquals(q, receiver.getQueue());
        for (String expected : List.of("1", "2", "3", "4")) {
            assertEquals(expected, text(receiver.receive(Jms.ARRIVES)));
        }
        QueueReceiver selective = qs.createReceiver(q, "x = 1");
        assertEquals("x = 1", selective.getMessageSelector());
        assertNotNull(qs.createBrowser(q));
        assertNotNull(qs.createBrowser(q, "x = 1"));
        assertNotNull(qs.createTemporaryQueue());
        assertEquals(q.getQueueName(), jms.name("domain-q"));
        assertNotNull(q.toString());
    }

    @Test
    @DisplayName("§4.5 TopicSession, TopicPublisher and TopicSubscriber")
    void topicDomain() throws Exception {
        TopicConnection tc = (TopicConnection) jms.connection();
        tc.setClientID(jms.name("topic-client"));
        tc.start();
        TopicSession ts = tc.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = ts.createTopic(jms.name("domain-t"));
        TopicSubscriber plain = ts.createSubscriber(t);
        TopicSubscriber local = ts.createSubscriber(t, null, true);
        assertEquals(t, plain.getTopic());
        assertFalse(plain.getNoLocal());
        assertTrue(local.getNoLocal());
        TopicSubscriber durable = ts.createDurableSubscriber(t, "d1");
        TopicSubscriber durable2 = ts.createDurableSubscriber(t, "d2", "x IS NULL", false);
        TopicPublisher publisher = ts.createPublisher(t);
        assertEquals(t, publisher.getTopic());
        publisher.publish(ts.createTextMessage("1"));
        publisher.publish(ts.createTextMessage("2"), DeliveryMode.PERSISTENT, 4, 0);
        TopicPublisher anonymous = ts.createPublisher(null);
        anonymous.publish(t, ts.createTextMessage("3"));
        anonymous.publish(t, ts.createTextMessage("4"), DeliveryMode.PERSISTENT, 4, 0);
        for (TopicSubscriber s : List.of(plain, durable, durable2)) {
            for (String expected : List.of("1", "2", "3", "4")) {
                assertEquals(expected, text(s.receive(Jms.ARRIVES)));
            }
        }
        assertNull(local.receive(Jms.ABSENT), "noLocal: published on this connection");
        durable.close();
        durable2.close();
        ts.unsubscribe("d1");
        ts.unsubscribe("d2");
        assertNotNull(ts.createTemporaryTopic());
        assertEquals(jms.name("domain-t"), t.getTopicName());
        assertNotNull(t.toString());
    }

    @Test
    @DisplayName("§5.9 a browser lists the queue in delivery order without consuming it")
    void browser() throws Exception {
        MessageProducer p = session.createProducer(queue);
        p.send(session.createTextMessage("a"));
        p.send(session.createTextMessage("b"));
        QueueBrowser browser = session.createBrowser(queue);
        assertEquals(queue, browser.getQueue());
        assertNull(browser.getMessageSelector());
        List<String> seen = new ArrayList<>();
        for (Object o : Collections.list(browser.getEnumeration())) {
            seen.add(text((Message) o));
        }
        assertEquals(List.of("a", "b"), seen);
        assertEquals("a", text(session.createConsumer(queue).receive(Jms.ARRIVES)));
        browser.close();
        QueueBrowser selective = session.createBrowser(queue, "JMSPriority = 4");
        assertEquals("JMSPriority = 4", selective.getMessageSelector());
    }
}
