package org.wharfmq.jms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.CompletionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.support.WharfJournal;

/** JMS 3.1 simplified API: JMSContext (§6.1, §6.2), JMSProducer (§7.4), JMSConsumer (§8.4), runtime exceptions. */
class JMSContextTest {

    @RegisterExtension
    final WharfJournal journal = new WharfJournal();

    private JMSContext context(int mode) {
        return journal.track(journal.factory().createContext(mode));
    }

    @Test
    @DisplayName("§7.4 JMSProducer sends every body type; JMSConsumer.receiveBody returns it")
    void bodiesRoundTrip() {
        JMSContext ctx = context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue q = ctx.createQueue("q");
        JMSConsumer c = ctx.createConsumer(q);
        JMSProducer p = ctx.createProducer();
        p.send(q, "text");
        p.send(q, Map.of("k", 1));
        p.send(q, new byte[] {1, 2});
        p.send(q, (java.io.Serializable) List.of("x"));
        assertEquals("text", c.receiveBody(String.class, 1000));
        assertEquals(Map.of("k", 1), c.receiveBody(Map.class, 1000));
        assertArrayEquals(new byte[] {1, 2}, c.receiveBody(byte[].class, 1000));
        assertEquals(List.of("x"), c.receiveBody(List.class, 1000));
        assertNull(c.receiveBodyNoWait(String.class));
    }

    @Test
    @DisplayName("§8.4 a receiveBody that fails in AUTO_ACKNOWLEDGE leaves the message first in line, not redelivered")
    void receiveBodyFailureInAutoMode() throws Exception {
        JMSContext ctx = context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue q = ctx.createQueue("q");
        JMSConsumer c = ctx.createConsumer(q);
        ctx.createProducer().send(q, "text");
        assertThrows(MessageFormatRuntimeException.class, () -> c.receiveBody(Integer.class, 1000));
        Message m = c.receive(1000);
        assertEquals("text", ((TextMessage) m).getText());
        assertFalse(m.getJMSRedelivered());
        assertEquals(1, m.getIntProperty("JMSXDeliveryCount"));
        ctx.createProducer().send(q, ctx.createMessage());
        ctx.createProducer().send(q, ctx.createStreamMessage());
        assertThrows(MessageFormatRuntimeException.class, () -> c.receiveBody(Object.class, 1000),
                "a Message without a body type is refused");
        assertNotNull(c.receive(1000));
        assertThrows(MessageFormatRuntimeException.class, () -> c.receiveBody(Object.class, 1000),
                "a StreamMessage is refused");
    }

    @Test
    @DisplayName("§8.4 a receiveBody that fails in CLIENT_ACKNOWLEDGE counts as delivered")
    void receiveBodyFailureInClientMode() {
        JMSContext ctx = context(JMSContext.CLIENT_ACKNOWLEDGE);
        Queue q = ctx.createQueue("q");
        JMSConsumer c = ctx.createConsumer(q);
        ctx.createProducer().send(q, "text");
        assertThrows(MessageFormatRuntimeException.class, () -> c.receiveBody(Integer.class, 1000));
        assertNull(c.receive(100));
        ctx.recover();
        assertEquals("text", c.receiveBody(String.class, 1000));
        ctx.acknowledge();
    }

    @Test
    @DisplayName("§7.4 JMSProducer properties and headers are set on each message; bad values are refused")
    void producerPropertiesAndHeaders() throws Exception {
        JMSContext ctx = context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue q = ctx.createQueue("q");
        Queue replies = ctx.createQueue("replies");
        JMSProducer p = ctx.createProducer().setProperty("n", 5).setProperty("s", "v")
                .setJMSCorrelationID("c-1").setJMSType("t").setJMSReplyTo(replies).setPriority(7);
        assertEquals(5L, p.getLongProperty("n"));
        assertThrows(MessageFormatRuntimeException.class, () -> p.getBooleanProperty("n"));
        assertThrows(MessageFormatRuntimeException.class, () -> p.setProperty("o", new Object()));
        assertThrows(IllegalArgumentException.class, () -> p.setProperty("", 1));
        assertThrows(JMSRuntimeException.class, () -> p.setPriority(-1));
        assertThrows(JMSRuntimeException.class, () -> p.setDeliveryMode(0));
        assertEquals(java.util.Set.of("n", "s"), p.getPropertyNames());
        p.send(q, "body");
        Message m = ctx.createConsumer(q).receive(1000);
        assertEquals(5, m.getIntProperty("n"));
        assertEquals("v", m.getStringProperty("s"));
        assertEquals("c-1", m.getJMSCorrelationID());
        assertEquals("t", m.getJMSType());
        assertEquals(replies, m.getJMSReplyTo());
        assertEquals(7, m.getJMSPriority());
        p.clearProperties();
        assertFalse(p.propertyExists("n"));
    }

    @Test
    @DisplayName("§7.4 JMSProducer.setAsync sends asynchronously and calls the listener")
    void asyncProducer() throws Exception {
        JMSContext ctx = context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue q = ctx.createQueue("q");
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Message> completed = new AtomicReference<>();
        ctx.createProducer().setAsync(new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                completed.set(message);
                done.countDown();
            }

            @Override
            public void onException(Message message, Exception exception) {
                done.countDown();
            }
        }).send(q, "async");
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertNotNull(completed.get());
        assertEquals("async", ctx.createConsumer(q).receiveBody(String.class, 1000));
    }

    @Test
    @DisplayName("§6.1.1 contexts from createContext share the connection, which closes with the last one")
    void createContextSharesConnection() {
        JMSContext first = journal.factory().createContext();
        JMSContext second = first.createContext(JMSContext.SESSION_TRANSACTED);
        Queue q = first.createQueue("q");
        second.createProducer().send(q, "tx");
        assertNull(first.createConsumer(q).receiveBody(String.class, 100));
        second.commit();
        assertEquals("tx", first.createConsumer(q).receiveBody(String.class, 1000));
        first.close();
        second.createProducer().send(q, "still open");
        second.rollback();
        second.close();
    }

    @Test
    @DisplayName("§6.1.1 autoStart starts the connection with the first consumer unless turned off")
    void autoStart() {
        JMSContext ctx = context(JMSContext.AUTO_ACKNOWLEDGE);
        ctx.setAutoStart(false);
        Queue q = ctx.createQueue("q");
        ctx.createProducer().send(q, "m");
        JMSConsumer c = ctx.createConsumer(q);
        assertNull(c.receive(100));
        ctx.start();
        assertNotNull(c.receive(1000));
    }

    @Test
    @DisplayName("§10.2 checked exceptions surface as their runtime counterparts")
    void runtimeExceptions() {
        JMSContext ctx = context(JMSContext.AUTO_ACKNOWLEDGE);
        assertThrows(InvalidDestinationRuntimeException.class, () -> ctx.createConsumer(null));
        assertThrows(IllegalStateRuntimeException.class, ctx::commit);
        JMSContext other = context(JMSContext.AUTO_ACKNOWLEDGE);
        other.setClientID("taken");
        assertThrows(InvalidClientIDRuntimeException.class, () -> context(JMSContext.AUTO_ACKNOWLEDGE).setClientID("taken"));
        assertThrows(JMSRuntimeException.class, () -> journal.factory().createContext(42));
        ctx.close();
        assertThrows(IllegalStateRuntimeException.class, ctx::createProducer);
        assertThrows(IllegalStateRuntimeException.class, ctx::acknowledge);
        ctx.close();
    }

    @Test
    @DisplayName("§6.1.1 a MessageListener must not close its own JMSContext")
    void listenerCannotCloseContext() throws Exception {
        JMSContext ctx = context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue q = ctx.createQueue("q");
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        ctx.createConsumer(q).setMessageListener(m -> {
            try {
                ctx.close();
            } catch (RuntimeException e) {
                failure.set(e);
            }
            done.countDown();
        });
        ctx.createProducer().send(q, "x");
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertTrue(failure.get() instanceof IllegalStateRuntimeException, String.valueOf(failure.get()));
    }

    @Test
    @DisplayName("§6.2 a durable JMSContext consumer survives a restart")
    void durableThroughContext() throws Exception {
        JMSContext ctx = context(JMSContext.AUTO_ACKNOWLEDGE);
        ctx.setClientID("ctx-app");
        ctx.createDurableConsumer(ctx.createTopic("news"), "reader").close();
        ctx.createProducer().send(ctx.createTopic("news"), "headline");
        journal.closeAll();
        JMSContext again = context(JMSContext.AUTO_ACKNOWLEDGE);
        again.setClientID("ctx-app");
        JMSConsumer reader = again.createDurableConsumer(again.createTopic("news"), "reader");
        assertEquals("headline", reader.receiveBody(String.class, 1000));
        reader.close();
        again.unsubscribe("reader");
    }
}
