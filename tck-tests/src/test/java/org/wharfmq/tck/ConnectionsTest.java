package org.wharfmq.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.Session;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import java.util.Collections;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.tck.support.Jms;
import org.wharfmq.tck.support.Providers;

/** JMS 3.1 §6.1: connections and connection factories. */
class ConnectionsTest {

    @RegisterExtension
    final Jms jms = new Jms();

    @Test
    @DisplayName("§6.1 the factory creates connections of all three kinds, with and without credentials")
    void factoriesCreateConnections() throws JMSException {
        assertNotNull(jms.track(jms.factory().createConnection()));
        assertNotNull(jms.track(jms.factory().createConnection("user", "secret")));
        QueueConnectionFactory qcf = (QueueConnectionFactory) jms.factory();
        QueueConnection qc = jms.track(qcf.createQueueConnection());
        assertNotNull(qc.createQueueSession(false, Session.AUTO_ACKNOWLEDGE));
        assertNotNull(jms.track(qcf.createQueueConnection("user", "secret")));
        TopicConnectionFactory tcf = (TopicConnectionFactory) jms.factory();
        TopicConnection tc = jms.track(tcf.createTopicConnection());
        assertNotNull(tc.createTopicSession(true, Session.SESSION_TRANSACTED));
        assertNotNull(jms.track(tcf.createTopicConnection("user", "secret")));
    }

    @Test
    @DisplayName("§6.1.7 connection metadata: JMS version 3.1 and the JMSX properties")
    void metaData() throws Exception {
        ConnectionMetaData md = jms.connection().getMetaData();
        assertTrue(md.getJMSVersion().startsWith("3."), md.getJMSVersion());
        assertEquals(3, md.getJMSMajorVersion());
        assertTrue(md.getJMSMinorVersion() >= 0);
        assertNotNull(md.getJMSProviderName());
        assertNotNull(md.getProviderVersion());
        assertTrue(md.getProviderMajorVersion() >= 0);
        assertTrue(md.getProviderMinorVersion() >= 0);
        assertTrue(Collections.list(md.getJMSXPropertyNames()).contains("JMSXDeliveryCount"));
    }

    @Test
    @DisplayName("§6.1.2 a client ID is set once, immediately; a preset one cannot be changed")
    void clientId() throws Exception {
        Connection c = jms.connection();
        assertNull(c.getClientID());
        String id = jms.name("client");
        c.setClientID(id);
        assertEquals(id, c.getClientID());
        assertThrows(IllegalStateException.class, () -> c.setClientID(id + "2"));
        Connection used = jms.connection();
        used.createSession(Session.AUTO_ACKNOWLEDGE);
        assertThrows(IllegalStateException.class, () -> used.setClientID(jms.name("late")));
        Connection preset = jms.track(jms.durableFactory().createConnection());
        assertEquals(Providers.DURABLE_CLIENT_ID, preset.getClientID());
        assertThrows(IllegalStateException.class, () -> preset.setClientID(jms.name("other")));
    }

    @Test
    @DisplayName("§6.1.2 two connections cannot use the same client ID at once")
    void duplicateClientId() throws Exception {
        String id = jms.name("dup");
        jms.connection().setClientID(id);
        assertThrows(InvalidClientIDException.class, () -> jms.connection().setClientID(id));
    }

    @Test
    @DisplayName("§6.1.5 a stopped connection delivers nothing until started")
    void startStop() throws Exception {
        Connection c = jms.connection();
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue q = jms.queue("q");
        s.createProducer(q).send(s.createTextMessage("m"));
        MessageConsumer consumer = s.createConsumer(q);
        assertNull(consumer.receive(Jms.ABSENT));
        c.start();
        assertNotNull(consumer.receive(Jms.ARRIVES));
        c.stop();
        s.createProducer(q).send(s.createTextMessage("m2"));
        assertNull(consumer.receive(Jms.ABSENT));
        c.start();
        assertNotNull(consumer.receive(Jms.ARRIVES));
    }

    @Test
    @DisplayName("§6.1.5 stop() returns only after a running MessageListener has returned")
    void stopWaitsForListener() throws Exception {
        Connection c = jms.started();
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue q = jms.queue("q");
        CountDownLatch entered = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        s.createConsumer(q).setMessageListener(m -> {
            entered.countDown();
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.set(true);
        });
        jms.connection().createSession(Session.AUTO_ACKNOWLEDGE).createProducer(q).send(s.createMessage());
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        c.stop();
        assertTrue(finished.get());
    }

    @Test
    @DisplayName("§6.1.8 closing a connection ends a blocked receive with null and closes its sessions")
    void closeRules() throws Exception {
        Connection c = jms.started();
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(jms.queue("empty"));
        AtomicReference<Object> result = new AtomicReference<>("pending");
        Thread t = new Thread(() -> {
            try {
                result.set(consumer.receive());
            } catch (JMSException e) {
                result.set(e);
            }
        });
        t.start();
        Thread.sleep(200);
        c.close();
        t.join(5000);
        assertNull(result.get());
        c.close();
        assertThrows(IllegalStateException.class, () -> c.createSession(Session.AUTO_ACKNOWLEDGE));
        assertThrows(IllegalStateException.class, s::createMessage);
    }

    @Test
    @DisplayName("§6.1.8 an ExceptionListener can be set and read back")
    void exceptionListener() throws Exception {
        Connection c = jms.connection();
        c.setExceptionListener(e -> { });
        assertNotNull(c.getExceptionListener());
    }

    @Test
    @DisplayName("§6.1.4 createSession: transacted, modes, and the no-argument form")
    void createSession() throws Exception {
        Connection c = jms.connection();
        assertTrue(c.createSession(true, Session.AUTO_ACKNOWLEDGE).getTransacted());
        assertEquals(Session.CLIENT_ACKNOWLEDGE, c.createSession(Session.CLIENT_ACKNOWLEDGE).getAcknowledgeMode());
        assertEquals(Session.AUTO_ACKNOWLEDGE, c.createSession().getAcknowledgeMode());
        assertEquals(Session.DUPS_OK_ACKNOWLEDGE,
                c.createSession(false, Session.DUPS_OK_ACKNOWLEDGE).getAcknowledgeMode());
    }

    @Test
    @DisplayName("§9.2 connection consumers are optional: created, or refused with JMSException")
    void connectionConsumersAreOptional() throws Exception {
        Connection c = jms.connection();
        QueueConnection qc = (QueueConnection) c;
        TopicConnection tc = (TopicConnection) jms.connection();
        optional(() -> c.createConnectionConsumer(jms.queue("q"), null, null, 1));
        optional(() -> c.createSharedConnectionConsumer(jms.topic("t"), "s", null, null, 1));
        optional(() -> c.createDurableConnectionConsumer(jms.topic("t"), "d", null, null, 1));
        optional(() -> c.createSharedDurableConnectionConsumer(jms.topic("t"), "sd", null, null, 1));
        optional(() -> qc.createConnectionConsumer(jms.queue("q"), null, null, 1));
        optional(() -> tc.createConnectionConsumer(jms.topic("t"), null, null, 1));
        optional(() -> tc.createDurableConnectionConsumer(jms.topic("t"), "d2", null, null, 1));
    }

    private interface Call {
        Object call() throws Exception;
    }

    private static void optional(Call call) {
        try {
            call.call();
        } catch (JMSException | UnsupportedOperationException | IllegalArgumentException | NullPointerException refused) {
            // the optional facility may be refused
        } catch (Exception e) {
            throw new AssertionError("unexpected " + e, e);
        }
    }
}
