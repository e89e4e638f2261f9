package org.wharfmq.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.tck.support.Jms;

/** Closed-object behaviour of every API object, and the exception the specification names for each misuse. */
class ClosedObjectsAndMisuseTest {

    @RegisterExtension
    final Jms jms = new Jms();

    @Test
    @DisplayName("§7.2 a closed producer refuses to send; close is idempotent")
    void closedProducer() throws Exception {
        Session s = jms.session(Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(jms.queue("q"));
        p.close();
        p.close();
        assertThrows(IllegalStateException.class, () -> p.send(s.createMessage()));
        assertThrows(IllegalStateException.class, p::getDeliveryMode);
    }

    @Test
    @DisplayName("§8.8 a closed consumer refuses to receive")
    void closedConsumer() throws Exception {
        Session s = jms.session(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer c = s.createConsumer(jms.queue("q"), null, false);
        c.close();
        c.close();
        assertThrows(IllegalStateException.class, c::receive);
        assertThrows(IllegalStateException.class, () -> c.setMessageListener(m -> { }));
    }

    @Test
    @DisplayName("§5.9 closing a browser is idempotent and leaves its session usable")
    void closedBrowser() throws Exception {
        Session s = jms.session(Session.AUTO_ACKNOWLEDGE);
        QueueBrowser b = s.createBrowser(jms.queue("q"));
        b.close();
        b.close();
        s.createProducer(jms.queue("q")).send(s.createMessage());
        assertTrue(java.util.Collections.list(s.createBrowser(jms.queue("q")).getEnumeration()).size() == 1);
    }

    @Test
    @DisplayName("§6.2.14 a closed session refuses every operation; its producers and consumers are closed")
    void closedSession() throws Exception {
        Session s = jms.session(Session.CLIENT_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(jms.queue("q"));
        MessageConsumer c = s.createConsumer(jms.queue("q"));
        s.close();
        s.close();
        assertThrows(IllegalStateException.class, s::createTextMessage);
        assertThrows(IllegalStateException.class, s::recover);
        assertThrows(IllegalStateException.class, s::getAcknowledgeMode);
        assertThrows(IllegalStateException.class, () -> s.createConsumer(jms.queue("q")));
        assertThrows(IllegalStateException.class, () -> p.send(s.createMessage()));
        assertThrows(IllegalStateException.class, c::receiveNoWait);
    }

    @Test
    @DisplayName("§6.1.8 a closed connection refuses every operation except close")
    void closedConnection() throws Exception {
        Connection c = jms.connection();
        c.close();
        c.close();
        assertThrows(IllegalStateException.class, c::start);
        assertThrows(IllegalStateException.class, c::stop);
        assertThrows(IllegalStateException.class, () -> c.setClientID("x"));
        assertThrows(IllegalStateException.class, c::getMetaData);
        assertThrows(IllegalStateException.class, () -> c.createSession(Session.AUTO_ACKNOWLEDGE));
    }

    @Test
    @DisplayName("§6.1.1 a closed JMSContext refuses every operation; its consumers are closed")
    void closedContext() {
        JMSContext ctx = jms.context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue q = ctx.createQueue(jms.name("q"));
        JMSConsumer c = ctx.createConsumer(q);
        assertNull(c.receive(Jms.ABSENT));
        ctx.close();
        assertThrows(IllegalStateRuntimeException.class, () -> ctx.createConsumer(q));
        assertThrows(IllegalStateRuntimeException.class, ctx::createMessage);
        assertThrows(IllegalStateRuntimeException.class, c::receive);
    }

    @Test
    @DisplayName("§8.6 receive() on a JMSConsumer blocks until a message arrives")
    void blockingReceive() throws Exception {
        JMSContext ctx = jms.context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue q = ctx.createQueue(jms.name("q"));
        JMSConsumer c = ctx.createConsumer(q);
        new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            jms.context(JMSContext.AUTO_ACKNOWLEDGE).createProducer().send(q, "late");
        }).start();
        Message m = c.receive();
        assertEquals("late", m.getBody(String.class));
    }

    @Test
    @DisplayName("§8.3.3 Session.createDurableSubscriber needs a client ID and is refused on a temporary topic")
    void durableSubscriberRules() throws Exception {
        Session noId = jms.session(Session.AUTO_ACKNOWLEDGE);
        Topic t = jms.topic("t");
        assertThrows(JMSException.class, () -> noId.createDurableSubscriber(t, "d"));
        Connection c = jms.connection();
        c.setClientID(jms.name("cid"));
        c.start();
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        TopicSubscriber d = s.createDurableSubscriber(t, "d", "JMSPriority >= 0", true);
        assertTrue(d.getNoLocal());
        s.createProducer(t).send(s.createMessage());
        assertNull(d.receive(Jms.ABSENT), "noLocal on a durable subscriber");
        d.close();
        s.unsubscribe("d");
        assertThrows(JMSException.class, () -> s.createDurableSubscriber(s.createTemporaryTopic(), "tmp"));
    }

    @Test
    @DisplayName("§6.2.2 a temporary queue with a consumer cannot be deleted")
    void deleteTemporaryInUse() throws Exception {
        Session s = jms.session(Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue tq = s.createTemporaryQueue();
        MessageConsumer c = s.createConsumer(tq);
        assertThrows(JMSException.class, tq::delete);
        c.close();
        tq.delete();
    }

    @Test
    @DisplayName("§7.3.5 a CompletionListener must not close its own session")
    void completionListenerRestriction() throws Exception {
        Session s = jms.session(Session.AUTO_ACKNOWLEDGE);
        AtomicReference<Exception> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        s.createProducer(jms.queue("q")).send(s.createMessage(), new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                try {
                    s.close();
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
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertTrue(failure.get() instanceof IllegalStateException, String.valueOf(failure.get()));
    }

    @Test
    @DisplayName("§6.1.5 a MessageListener must not close its own connection")
    void listenerCannotCloseConnection() throws Exception {
        Connection c = jms.started();
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue q = jms.queue("q");
        AtomicReference<Exception> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        s.createConsumer(q).setMessageListener(m -> {
            try {
                c.close();
            } catch (Exception e) {
                failure.set(e);
            }
            done.countDown();
        });
        s.createProducer(q).send(s.createMessage());
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertTrue(failure.get() instanceof IllegalStateException, String.valueOf(failure.get()));
    }

    @Test
    @DisplayName("§4.2 a null destination is InvalidDestinationException")
    void nullDestination() throws Exception {
        Session s = jms.session(Session.AUTO_ACKNOWLEDGE);
        assertThrows(InvalidDestinationException.class, () -> s.createConsumer(null));
        assertThrows(InvalidDestinationException.class, () -> s.createBrowser(null));
    }

    @Test
    @DisplayName("§3.11.3 StreamMessage.readFloat reads floats and refuses doubles")
    void streamFloat() throws Exception {
        Session s = jms.session(Session.AUTO_ACKNOWLEDGE);
        StreamMessage m = s.createStreamMessage();
        m.writeFloat(1.25f);
        m.writeDouble(2.5);
        m.reset();
        assertEquals(1.25f, m.readFloat());
        assertThrows(jakarta.jms.MessageFormatException.class, m::readFloat);
    }
}
