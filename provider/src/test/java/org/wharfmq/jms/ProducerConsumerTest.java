package org.wharfmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.support.WharfJournal;

/** JMS 3.1 §7 (producers), §8 (consumers) and the headers a send sets (§3.4). */
class ProducerConsumerTest {

    @RegisterExtension
    final WharfJournal journal = new WharfJournal();

    private Session session;
    private Queue queue;

    @BeforeEach
    void open() throws JMSException {
        session = journal.session(Session.AUTO_ACKNOWLEDGE);
        queue = session.createQueue("q");
    }

    private static String text(Message m) throws JMSException {
        return m == null ? null : ((TextMessage) m).getText();
    }

    @Test
    @DisplayName("§3.4 send sets JMSDestination, JMSDeliveryMode, JMSPriority, JMSMessageID, JMSTimestamp, JMSExpiration")
    void sendSetsHeaders() throws JMSException {
        MessageProducer p = session.createProducer(queue);
        TextMessage m = session.createTextMessage("x");
        long before = System.currentTimeMillis();
        p.send(m, DeliveryMode.NON_PERSISTENT, 6, 60_000);
        assertEquals(queue, m.getJMSDestination());
        assertEquals(DeliveryMode.NON_PERSISTENT, m.getJMSDeliveryMode());
        assertEquals(6, m.getJMSPriority());
        assertTrue(m.getJMSMessageID().startsWith("ID:"));
        assertTrue(m.getJMSTimestamp() >= before);
        assertEquals(m.getJMSTimestamp() + 60_000, m.getJMSExpiration());
        Message r = session.createConsumer(queue).receive(1000);
        assertEquals(m.getJMSMessageID(), r.getJMSMessageID());
        assertEquals(6, r.getJMSPriority());
        assertEquals(DeliveryMode.NON_PERSISTENT, r.getJMSDeliveryMode());
        assertEquals(queue, r.getJMSDestination());
    }

    @Test
    @DisplayName("§3.4.3 message IDs are unique; disableMessageID and disableMessageTimestamp are honoured")
    void messageIds() throws JMSException {
        MessageProducer p = session.createProducer(queue);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Message m = session.createMessage();
            p.send(m);
            ids.add(m.getJMSMessageID());
        }
        assertEquals(50, ids.stream().distinct().count());
        p.setDisableMessageID(true);
        p.setDisableMessageTimestamp(true);
        Message m = session.createMessage();
        p.send(m);
        assertNull(m.getJMSMessageID());
        assertEquals(0, m.getJMSTimestamp());
    }

    @Test
    @DisplayName("§3.9 changing a message after send does not change what was sent")
    void sentMessageIsACopy() throws JMSException {
        TextMessage m = session.createTextMessage("first");
        session.createProducer(queue).send(m);
        m.setText("changed");
        assertEquals("first", text(session.createConsumer(queue).receive(1000)));
    }

    @Test
    @DisplayName("§6.2.9 higher priority first, and send order within a priority")
    void priorityOrder() throws JMSException {
        MessageProducer p = session.createProducer(queue);
        p.send(session.createTextMessage("low1"), DeliveryMode.PERSISTENT, 1, 0);
        p.send(session.createTextMessage("high"), DeliveryMode.PERSISTENT, 9, 0);
        p.send(session.createTextMessage("low2"), DeliveryMode.PERSISTENT, 1, 0);
        p.send(session.createTextMessage("normal"), DeliveryMode.NON_PERSISTENT, 4, 0);
        MessageConsumer c = session.createConsumer(queue);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            order.add(text(c.receive(1000)));
        }
        assertEquals(List.of("high", "normal", "low1", "low2"), order);
    }

    @Test
    @DisplayName("§3.4.9 an expired message is never delivered")
    void expiredMessageIsNotDelivered() throws Exception {
        MessageProducer p = session.createProducer(queue);
        p.setTimeToLive(50);
        p.send(session.createTextMessage("short-lived"));
        p.setTimeToLive(0);
        p.send(session.createTextMessage("lasting"));
        Thread.sleep(150);
        MessageConsumer c = session.createConsumer(queue);
        assertEquals("lasting", text(c.receive(1000)));
        assertNull(c.receive(100));
    }

    @Test
    @DisplayName("§7.9 a message with a delivery delay is not delivered before its delivery time")
    void deliveryDelay() throws JMSException {
        MessageProducer p = session.createProducer(queue);
        p.setDeliveryDelay(400);
        Message m = session.createTextMessage("later");
        p.send(m);
        assertEquals(m.getJMSTimestamp() + 400, m.getJMSDeliveryTime());
        MessageConsumer c = session.createConsumer(queue);
        assertNull(c.receive(150));
        Message r = c.receive(2000);
        assertEquals("later", text(r));
        assertTrue(System.currentTimeMillis() >= m.getJMSDeliveryTime());
    }

    @Test
    @DisplayName("§7.2 an anonymous producer needs a destination per send; a bound one refuses another")
    void anonymousProducer() throws JMSException {
        MessageProducer anonymous = session.createProducer(null);
        assertThrows(UnsupportedOperationException.class, () -> anonymous.send(session.createMessage()));
        assertThrows(InvalidDestinationException.class, () -> anonymous.send(null, session.createMessage()));
        anonymous.send(queue, session.createTextMessage("a"));
        MessageProducer bound = session.createProducer(queue);
        assertThrows(UnsupportedOperationException.class, () -> bound.send(queue, session.createMessage()));
        assertThrows(MessageFormatException.class, () -> bound.send(null));
        assertEquals("a", text(session.createConsumer(queue).receive(1000)));
    }

    @Test
    @DisplayName("§7.2 producer settings are validated")
    void producerSettings() throws JMSException {
        MessageProducer p = session.createProducer(queue);
        assertEquals(DeliveryMode.PERSISTENT, p.getDeliveryMode());
        assertEquals(4, p.getPriority());
        assertThrows(JMSException.class, () -> p.setPriority(11));
        assertThrows(JMSException.class, () -> p.setDeliveryMode(7));
        assertThrows(JMSException.class, () -> p.setDeliveryDelay(-1));
        p.close();
        assertThrows(IllegalStateException.class, () -> p.send(session.createMessage()));
    }

    @Test
    @DisplayName("§3.12 a message of another provider can be sent")
    void foreignMessage() throws JMSException {
        ForeignTextMessage foreign = new ForeignTextMessage("from elsewhere");
        foreign.setStringProperty("origin", "other");
        session.createProducer(queue).send(foreign);
        assertNotNull(foreign.getJMSMessageID(), "the foreign object's headers are set too");
        TextMessage r = (TextMessage) session.createConsumer(queue).receive(1000);
        assertEquals("from elsewhere", r.getText());
        assertEquals("other", r.getStringProperty("origin"));
    }

    @Test
    @DisplayName("§8.6 receive(timeout) returns null after the timeout; receiveNoWait at once")
    void receiveTimeouts() throws JMSException {
        MessageConsumer c = session.createConsumer(queue);
        long start = System.nanoTime();
        assertNull(c.receive(200));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(190));
        assertNull(c.receiveNoWait());
    }

    @Test
    @DisplayName("§8.8 closing a consumer unblocks its receive, which returns null")
    void closeUnblocksReceive() throws Exception {
        MessageConsumer c = session.createConsumer(queue);
        AtomicReference<Object> got = new AtomicReference<>("pending");
        Thread t = new Thread(() -> {
            try {
                got.set(c.receive());
            } catch (JMSException e) {
                got.set(e);
            }
        });
        t.start();
        Thread.sleep(150);
        c.close();
        t.join(5000);
        assertNull(got.get());
        assertThrows(IllegalStateException.class, c::receive);
    }

    @Test
    @DisplayName("§8.7 a MessageListener receives messages in order; receive is refused while it is set")
    void messageListener() throws Exception {
        MessageConsumer c = session.createConsumer(queue);
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch three = new CountDownLatch(3);
        c.setMessageListener(m -> {
            got.add(textOf(m));
            three.countDown();
        });
        assertThrows(IllegalStateException.class, c::receiveNoWait);
        MessageProducer p = journal.connection().createSession().createProducer(queue);
        for (String s : List.of("1", "2", "3")) {
            p.send(session.createTextMessage(s));
        }
        assertTrue(three.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("1", "2", "3"), got);
    }

    @Test
    @DisplayName("§8.7 a listener that throws in AUTO_ACKNOWLEDGE gets the message again, marked redelivered")
    void listenerExceptionRedelivers() throws Exception {
        List<Integer> counts = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch twice = new CountDownLatch(2);
        session.createConsumer(queue).setMessageListener(m -> {
            try {
                counts.add(m.getIntProperty("JMSXDeliveryCount"));
            } catch (JMSException e) {
                throw new java.lang.IllegalStateException(e.toString());
            }
            twice.countDown();
            if (counts.size() == 1) {
                throw new RuntimeException("first attempt fails");
            }
        });
        session.createProducer(queue).send(session.createTextMessage("x"));
        assertTrue(twice.await(5, TimeUnit.SECONDS));
        assertEquals(List.of(1, 2), counts);
    }

    @Test
    @DisplayName("§7.3 CompletionListeners are called once per send, in send order, off the sending thread")
    void asyncSend() throws Exception {
        MessageProducer p = session.createProducer(queue);
        List<String> completed = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch all = new CountDownLatch(20);
        Thread sender = Thread.currentThread();
        for (int i = 0; i < 20; i++) {
            p.send(session.createTextMessage(String.valueOf(i)), new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    completed.add(textOf(message) + (Thread.currentThread() == sender ? "!" : ""));
                    all.countDown();
                }

                @Override
                public void onException(Message message, Exception exception) {
                    completed.add("failed");
                    all.countDown();
                }
            });
        }
        assertTrue(all.await(10, TimeUnit.SECONDS));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add(String.valueOf(i));
        }
        assertEquals(expected, completed);
        assertThrows(IllegalArgumentException.class, () -> p.send(session.createMessage(), (CompletionListener) null));
    }

    @Test
    @DisplayName("§7.3.5 a CompletionListener must not close or commit its own session")
    void completionListenerRestrictions() throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        session.createProducer(queue).send(session.createMessage(), new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                try {
                    session.close();
                } catch (Exception e) {
                    failure.set(e);
                }
                done.countDown();
            }

            @Override
            public void onException(Message message, Exception exception) {
                done.countDown();
            }
        });
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertTrue(failure.get() instanceof IllegalStateException, String.valueOf(failure.get()));
    }

    @Test
    @DisplayName("§6.11.1 noLocal: a topic consumer does not get messages published by its own connection")
    void noLocal() throws JMSException {
        Topic topic = session.createTopic("t");
        MessageConsumer local = session.createConsumer(topic, null, true);
        MessageConsumer all = session.createConsumer(topic);
        session.createProducer(topic).send(session.createTextMessage("mine"));
        Session other = journal.connection().createSession();
        other.createProducer(topic).send(other.createTextMessage("theirs"));
        assertEquals("theirs", text(local.receive(1000)));
        assertNull(local.receive(100));
        assertEquals("mine", text(all.receive(1000)));
        assertEquals("theirs", text(all.receive(1000)));
    }

    @Test
    @DisplayName("§4.4 a persistent message stays queued while nobody consumes, and later consumers get it")
    void messagesWaitForConsumers() throws JMSException {
        session.createProducer(queue).send(session.createTextMessage("waiting"));
        Connection later = journal.started();
        assertEquals("waiting", text(later.createSession().createConsumer(queue).receive(1000)));
    }

    private static String textOf(Message m) {
        try {
            return ((TextMessage) m).getText();
        } catch (JMSException e) {
            throw new java.lang.IllegalStateException(e);
        }
    }
}
