package org.wharfmq.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.tck.support.Jms;

/** JMS 3.1 simplified API: JMSContext (§6.1.1, §6.2), JMSProducer (§7.4), JMSConsumer (§8.4), runtime exceptions. */
class SimplifiedApiTest {

    @RegisterExtension
    final Jms jms = new Jms();

    @Test
    @DisplayName("§6.1.1 the factory creates contexts in every mode, with and without credentials")
    void createContexts() {
        assertEquals(JMSContext.AUTO_ACKNOWLEDGE, jms.track(jms.factory().createContext()).getSessionMode());
        assertEquals(JMSContext.AUTO_ACKNOWLEDGE, jms.track(jms.factory().createContext("u", "p")).getSessionMode());
        assertEquals(JMSContext.CLIENT_ACKNOWLEDGE,
                jms.track(jms.factory().createContext("u", "p", JMSContext.CLIENT_ACKNOWLEDGE)).getSessionMode());
        JMSContext tx = jms.context(JMSContext.SESSION_TRANSACTED);
        assertTrue(tx.getTransacted());
        assertEquals(JMSContext.DUPS_OK_ACKNOWLEDGE,
                tx.createContext(JMSContext.DUPS_OK_ACKNOWLEDGE).getSessionMode());
    }

    @Test
    @DisplayName("§7.4 JMSProducer sends every body type; JMSConsumer.receiveBody returns each")
    void bodies() throws Exception {
        JMSContext ctx = jms.context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue q = ctx.createQueue(jms.name("q"));
        JMSConsumer c = ctx.createConsumer(q);
        JMSProducer p = ctx.createProducer();
        p.send(q, "text");
        p.send(q, Map.of("k", 1));
        p.send(q, new byte[] {1, 2});
        p.send(q, (Serializable) List.of("x"));
        p.send(q, ctx.createTextMessage("message"));
        assertEquals("text", c.receiveBody(String.class));
        assertEquals(Map.of("k", 1), c.receiveBody(Map.class, Jms.ARRIVES));
        assertArrayEquals(new byte[] {1, 2}, c.receiveBody(byte[].class, Jms.ARRIVES));
        assertEquals(List.of("x"), c.receiveBody(List.class, Jms.ARRIVES));
        assertEquals("message", ((TextMessage) c.receive(Jms.ARRIVES)).getText());
        assertNull(c.receiveBodyNoWait(String.class));
        assertNull(c.receiveNoWait());
        assertNull(c.receive(Jms.ABSENT));
    }

    @Test
    @DisplayName("§8.4 a receiveBody of the wrong type throws and, in AUTO_ACKNOWLEDGE, leaves the message in line")
    void receiveBodyWrongType() throws Exception {
        JMSContext ctx = jms.context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue q = ctx.createQueue(jms.name("q"));
        JMSConsumer c = ctx.createConsumer(q);
        ctx.createProducer().send(q, "text");
        assertThrows(MessageFormatRuntimeException.class, () -> c.receiveBody(Integer.class, Jms.ARRIVES));
        Message again = c.receive(Jms.ARRIVES);
        assertEquals("text", ((TextMessage) again).getText());
        assertFalse(again.getJMSRedelivered());
    }

    @Test
    @DisplayName("§7.4 JMSProducer message properties: every type, conversions, names, clear")
    void producerProperties() {
        JMSContext ctx = jms.context(JMSContext.AUTO_ACKNOWLEDGE);
        JMSProducer p = ctx.createProducer()
                .setProperty("bool", true).setProperty("byte", (byte) 1).setProperty("short", (short) 2)
                .setProperty("int", 3).setProperty("long", 4L).setProperty("float", 5.5f)
                .setProperty("double", 6.5).setProperty("string", "7").setProperty("object", (Object) 8);
        assertTrue(p.getBooleanProperty("bool"));
        assertEquals(1, p.getByteProperty("byte"));
        assertEquals(2, p.getShortProperty("short"));
        assertEquals(3, p.getIntProperty("int"));
        assertEquals(4L, p.getLongProperty("long"));
        assertEquals(5.5f, p.getFloatProperty("float"));
        assertEquals(6.5, p.getDoubleProperty("double"));
        assertEquals("7", p.getStringProperty("string"));
        assertEquals(7, p.getIntProperty("string"));
        assertEquals(8, p.getObjectProperty("object"));
        assertTrue(p.propertyExists("int"));
        assertEquals(Set.of("bool", "byte", "short", "int", "long", "float", "double", "string", "object"),
                p.getPropertyNames());
        assertThrows(MessageFormatRuntimeException.class, () -> p.getBooleanProperty("int"));
        Queue q = ctx.createQueue(jms.name("q"));
        p.send(q, "with properties");
        Message m = ctx.createConsumer(q).receive(Jms.ARRIVES);
        assertEquals(3, assertDoesNotThrowInt(m, "int"));
        p.clearProperties();
        assertFalse(p.propertyExists("int"));
    }

    private static int assertDoesNotThrowInt(Message m, String name) {
        try {
            return m.getIntProperty(name);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("§7.4 JMSProducer delivery options and headers are applied to each message")
    void producerOptions() throws Exception {
        JMSContext ctx = jms.context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue q = ctx.createQueue(jms.name("q"));
        Queue replies = ctx.createQueue(jms.name("replies"));
        JMSProducer p = ctx.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT).setPriority(6)
                .setTimeToLive(60_000).setDeliveryDelay(0).setDisableMessageID(false)
                .setDisableMessageTimestamp(false).setJMSCorrelationID("c").setJMSType("t").setJMSReplyTo(replies);
        assertEquals(DeliveryMode.NON_PERSISTENT, p.getDeliveryMode());
        assertEquals(6, p.getPriority());
        assertEquals(60_000, p.getTimeToLive());
        assertEquals(0, p.getDeliveryDelay());
        assertFalse(p.getDisableMessageID());
        assertFalse(p.getDisableMessageTimestamp());
        assertEquals("c", p.getJMSCorrelationID());
        assertEquals("t", p.getJMSType());
        assertEquals(replies, p.getJMSReplyTo());
        p.send(q, "x");
        Message m = ctx.createConsumer(q).receive(Jms.ARRIVES);
        assertEquals(6, m.getJMSPriority());
        assertEquals(DeliveryMode.NON_PERSISTENT, m.getJMSDeliveryMode());
        assertEquals("c", m.getJMSCorrelationID());
        assertEquals("t", m.getJMSType());
        assertEquals(replies, m.getJMSReplyTo());
        p.setJMSCorrelationIDAsBytes(new byte[] {9});
        assertArrayEquals(new byte[] {9}, p.getJMSCorrelationIDAsBytes());
        assertThrows(JMSRuntimeException.class, () -> p.setPriority(10));
    }

    @Test
    @DisplayName("§7.4 setAsync makes JMSProducer sends asynchronous")
    void asyncProducer() throws Exception {
        JMSContext ctx = jms.context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue q = ctx.createQueue(jms.name("q"));
        CountDownLatch done = new CountDownLatch(1);
        CompletionListener listener = new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                done.countDown();
            }

            @Override
            public void onException(Message message, Exception exception) {
            }
        };
        JMSProducer p = ctx.createProducer().setAsync(listener);
        assertSame(listener, p.getAsync());
        p.send(q, "async");
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals("async", ctx.createConsumer(q).receiveBody(String.class, Jms.ARRIVES));
    }

    @Test
    @DisplayName("§6.2 JMSContext transactions, recover and acknowledge")
    void contextSessionModes() {
        JMSContext tx = jms.context(JMSContext.SESSION_TRANSACTED);
        Queue q = tx.createQueue(jms.name("q"));
        tx.createProducer().send(q, "t");
        JMSContext observer = jms.context(JMSContext.AUTO_ACKNOWLEDGE);
        JMSConsumer o = observer.createConsumer(q);
        assertNull(o.receive(Jms.ABSENT));
        tx.rollback();
        tx.createProducer().send(q, "committed");
        tx.commit();
        assertEquals("committed", o.receiveBody(String.class, Jms.ARRIVES));
        JMSContext client = jms.context(JMSContext.CLIENT_ACKNOWLEDGE);
        Queue q2 = client.createQueue(jms.name("q2"));
        client.createProducer().send(q2, "c");
        JMSConsumer cc = client.createConsumer(q2);
        assertEquals("c", cc.receiveBody(String.class, Jms.ARRIVES));
        client.recover();
        assertEquals("c", cc.receiveBody(String.class, Jms.ARRIVES));
        client.acknowledge();
        assertThrows(IllegalStateRuntimeException.class, client::commit);
    }

    @Test
    @DisplayName("§6.1 JMSContext connection settings: client ID, metadata, listener, start/stop, autoStart")
    void contextConnection() throws Exception {
        JMSContext ctx = jms.context(JMSContext.AUTO_ACKNOWLEDGE);
        String id = jms.name("ctx");
        ctx.setClientID(id);
        assertEquals(id, ctx.getClientID());
        assertEquals(3, ctx.getMetaData().getJMSMajorVersion());
        ctx.setExceptionListener(e -> { });
        assertNotNull(ctx.getExceptionListener());
        assertTrue(ctx.getAutoStart());
        ctx.setAutoStart(false);
        assertFalse(ctx.getAutoStart());
        Queue q = ctx.createQueue(jms.name("q"));
        ctx.createProducer().send(q, "m");
        JMSConsumer c = ctx.createConsumer(q);
        assertNull(c.receive(Jms.ABSENT), "not started");
        ctx.start();
        assertNotNull(c.receive(Jms.ARRIVES));
        ctx.stop();
    }

    @Test
    @DisplayName("§6.2 JMSContext creates every message type, destination, consumer and browser")
    void contextFactories() throws Exception {
        JMSContext ctx = jms.context(JMSContext.AUTO_ACKNOWLEDGE);
        List<Object> messages = List.of(ctx.createMessage(), ctx.createTextMessage(), ctx.createTextMessage("t"),
                ctx.createBytesMessage(), ctx.createMapMessage(), ctx.createStreamMessage(),
                ctx.createObjectMessage(), ctx.createObjectMessage("o"));
        assertEquals(8, messages.size());
        Queue q = ctx.createQueue(jms.name("q"));
        Topic t = ctx.createTopic(jms.name("t"));
        assertNotNull(ctx.createTemporaryQueue());
        assertNotNull(ctx.createTemporaryTopic());
        ctx.createProducer().send(q, "b");
        QueueBrowser b = ctx.createBrowser(q);
        assertEquals(1, Collections.list(b.getEnumeration()).size());
        assertEquals(0, Collections.list(ctx.createBrowser(q, "JMSPriority = 9").getEnumeration()).size());
        JMSConsumer selective = ctx.createConsumer(q, "JMSPriority = 4");
        assertEquals("JMSPriority = 4", selective.getMessageSelector());
        assertNotNull(selective.receive(Jms.ARRIVES));
        selective.close();
        JMSConsumer noLocal = ctx.createConsumer(t, null, true);
        ctx.createProducer().send(t, "mine");
        assertNull(noLocal.receive(Jms.ABSENT));
        JMSConsumer shared = ctx.createSharedConsumer(t, jms.name("s"));
        JMSConsumer shared2 = ctx.createSharedConsumer(t, jms.name("s2"), "JMSPriority = 4");
        ctx.createProducer().send(t, "all");
        assertEquals("all", shared.receiveBody(String.class, Jms.ARRIVES));
        assertEquals("all", shared2.receiveBody(String.class, Jms.ARRIVES));
        JMSConsumer sd = ctx.createSharedDurableConsumer(t, jms.name("sd"));
        JMSConsumer sd2 = ctx.createSharedDurableConsumer(t, jms.name("sd2"), "JMSPriority = 4");
        sd.close();
        sd2.close();
        ctx.unsubscribe(jms.name("sd"));
        ctx.unsubscribe(jms.name("sd2"));
    }

    @Test
    @DisplayName("§8.3.3 JMSContext durable consumers need a client ID")
    void contextDurable() {
        JMSContext ctx = jms.context(JMSContext.AUTO_ACKNOWLEDGE);
        ctx.setClientID(jms.name("durable-ctx"));
        Topic t = ctx.createTopic(jms.name("t"));
        JMSConsumer d = ctx.createDurableConsumer(t, "d");
        JMSConsumer d2 = ctx.createDurableConsumer(t, "d2", "JMSPriority = 4", false);
        ctx.createProducer().send(t, "kept");
        assertEquals("kept", d.receiveBody(String.class, Jms.ARRIVES));
        assertEquals("kept", d2.receiveBody(String.class, Jms.ARRIVES));
        d.close();
        d2.close();
        ctx.unsubscribe("d");
        ctx.unsubscribe("d2");
    }

    @Test
    @DisplayName("§8.4 a JMSConsumer MessageListener")
    void contextListener() throws Exception {
        JMSContext ctx = jms.context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue q = ctx.createQueue(jms.name("q"));
        JMSConsumer c = ctx.createConsumer(q);
        AtomicReference<Message> got = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        c.setMessageListener(m -> {
            got.set(m);
            done.countDown();
        });
        assertNotNull(c.getMessageListener());
        ctx.createProducer().send(q, "l");
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals("l", got.get().getBody(String.class));
    }

    @Test
    @DisplayName("§10.2 runtime exceptions: invalid destination, invalid selector, closed context")
    void runtimeExceptions() {
        JMSContext ctx = jms.context(JMSContext.AUTO_ACKNOWLEDGE);
        assertThrows(InvalidDestinationRuntimeException.class, () -> ctx.createConsumer(null));
        assertThrows(InvalidSelectorRuntimeException.class,
                () -> ctx.createConsumer(ctx.createQueue(jms.name("q")), "= bad"));
        ctx.close();
        ctx.close();
        assertThrows(IllegalStateRuntimeException.class, ctx::createProducer);
        assertThrows(IllegalStateRuntimeException.class, () -> ctx.createQueue("x"));
    }
}
