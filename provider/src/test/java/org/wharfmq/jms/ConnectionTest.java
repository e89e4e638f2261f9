package org.wharfmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.Collections;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.engine.EngineRegistry;
import org.wharfmq.support.WharfJournal;

/** JMS 3.1 §6.1: connections — metadata, client identifiers, start/stop, close. */
class ConnectionTest {

    @RegisterExtension
    final WharfJournal journal = new WharfJournal();

    @Test
    @DisplayName("§6.1.7 metadata names JMS 3.1, Wharf and the JMSX properties it supports")
    void metaData() throws JMSException {
        ConnectionMetaData md = journal.connection().getMetaData();
        assertEquals("3.1", md.getJMSVersion());
        assertEquals(3, md.getJMSMajorVersion());
        assertEquals(1, md.getJMSMinorVersion());
        assertEquals("Wharf", md.getJMSProviderName());
        assertNotNull(md.getProviderVersion());
        assertTrue(Collections.list(md.getJMSXPropertyNames()).contains("JMSXDeliveryCount"));
    }

    @Test
    @DisplayName("§6.1.2 a client ID is set once, before the connection is used")
    void clientIdRules() throws JMSException {
        Connection c = journal.connection();
        assertNull(c.getClientID());
        c.setClientID("app-1");
        assertEquals("app-1", c.getClientID());
        assertThrows(IllegalStateException.class, () -> c.setClientID("app-2"));
        Connection used = journal.connection();
        used.createSession();
        assertThrows(IllegalStateException.class, () -> used.setClientID("late"));
        assertThrows(InvalidClientIDException.class, () -> journal.connection().setClientID(""));
    }

    @Test
    @DisplayName("§6.1.2 two connections to one journal cannot hold the same client ID")
    void duplicateClientIdIsRefused() throws JMSException {
        journal.connection().setClientID("only-one");
        Connection second = journal.connection();
        assertThrows(InvalidClientIDException.class, () -> second.setClientID("only-one"));
        WharfConnectionFactory preset = journal.factory();
        preset.setClientID("only-one");
        assertThrows(InvalidClientIDException.class, preset::createConnection);
    }

    @Test
    @DisplayName("§6.1.2 a client ID is free again once its connection closes")
    void clientIdIsReleasedOnClose() throws JMSException {
        Connection first = journal.connection();
        first.setClientID("reused");
        first.close();
        journal.connection().setClientID("reused");
    }

    @Test
    @DisplayName("§6.1.2 a factory-configured client ID cannot be changed by the application")
    void factoryClientId() throws JMSException {
        WharfConnectionFactory f = journal.factory();
        f.setClientID("configured");
        Connection c = journal.track(f.createConnection());
        assertEquals("configured", c.getClientID());
        assertThrows(IllegalStateException.class, () -> c.setClientID("other"));
    }

    @Test
    @DisplayName("§6.1.5 a stopped connection delivers nothing; start resumes delivery")
    void stoppedConnectionDeliversNothing() throws JMSException {
        Connection c = journal.connection();
        Session s = c.createSession();
        Queue q = s.createQueue("q");
        s.createProducer(q).send(s.createTextMessage("m"));
        MessageConsumer consumer = s.createConsumer(q);
        assertNull(consumer.receive(100));
        assertNull(consumer.receiveNoWait());
        c.start();
        assertNotNull(consumer.receive(1000));
    }

    @Test
    @DisplayName("§6.1.5 stop waits for a MessageListener in progress")
    void stopWaitsForListener() throws Exception {
        Connection c = journal.started();
        Session s = c.createSession();
        Queue q = s.createQueue("q");
        CountDownLatch inListener = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        s.createConsumer(q).setMessageListener(m -> {
            inListener.countDown();
            sleep(300);
            finished.set(true);
        });
        journal.connection().createSession().createProducer(q).send(s.createTextMessage("m"));
        assertTrue(inListener.await(5, TimeUnit.SECONDS));
        c.stop();
        assertTrue(finished.get(), "stop() returned while onMessage was still running");
    }

    @Test
    @DisplayName("§6.1.5 a MessageListener must not stop or close its own connection")
    void listenerCannotStopOrCloseItsConnection() throws Exception {
        Connection c = journal.started();
        Session s = c.createSession();
        Queue q = s.createQueue("q");
        AtomicReference<Exception> stop = new AtomicReference<>();
        AtomicReference<Exception> close = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        s.createConsumer(q).setMessageListener(m -> {
            try {
                c.stop();
            } catch (Exception e) {
                stop.set(e);
            }
            try {
                c.close();
            } catch (Exception e) {
                close.set(e);
            }
            done.countDown();
        });
        s.createProducer(q).send(s.createMessage());
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertTrue(stop.get() instanceof IllegalStateException, String.valueOf(stop.get()));
        assertTrue(close.get() instanceof IllegalStateException, String.valueOf(close.get()));
    }

    @Test
    @DisplayName("§6.1.8 close is idempotent, closes sessions, and a closed connection refuses use")
    void closeRules() throws JMSException {
        Connection c = journal.connection();
        Session s = c.createSession();
        c.close();
        c.close();
        assertThrows(IllegalStateException.class, c::start);
        assertThrows(IllegalStateException.class, c::createSession);
        assertThrows(IllegalStateException.class, c::getClientID);
        assertThrows(IllegalStateException.class, c::getMetaData);
        assertThrows(IllegalStateException.class, () -> s.createQueue("q"));
        assertThrows(IllegalStateException.class, s::createMessage);
    }

    @Test
    @DisplayName("§6.1.8 close unblocks a receive in progress, which returns null")
    void closeUnblocksReceive() throws Exception {
        Connection c = journal.started();
        MessageConsumer consumer = c.createSession().createConsumer(new WharfQueue("empty"));
        AtomicReference<Object> result = new AtomicReference<>("not returned");
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
    }

    @Test
    @DisplayName("§6.1.8 closing the connection redelivers unacknowledged messages to the next consumer")
    void closeReturnsUnacknowledged() throws JMSException {
        Connection c = journal.started();
        Session s = c.createSession(Session.CLIENT_ACKNOWLEDGE);
        Queue q = s.createQueue("q");
        s.createProducer(q).send(s.createTextMessage("m"));
        assertNotNull(s.createConsumer(q).receive(1000));
        c.close();
        Message again = journal.session(Session.AUTO_ACKNOWLEDGE).createConsumer(q).receive(1000);
        assertNotNull(again);
        assertTrue(again.getJMSRedelivered());
        assertEquals(2, again.getIntProperty("JMSXDeliveryCount"));
    }

    @Test
    @DisplayName("§6.1.1 factories naming one journal share an engine; the last close stops it and its threads")
    void lastCloseStopsTheEngine() throws Exception {
        Connection a = journal.factory().createConnection();
        Connection b = new WharfConnectionFactory(journal.url() + ";MODE=REGULAR?engineLingerMillis=0")
                .createConnection();
        assertSame(((WharfConnection) a).engine, ((WharfConnection) b).engine);
        assertEquals(1, EngineRegistry.openEngines());
        a.close();
        assertEquals(1, EngineRegistry.openEngines());
        b.close();
        assertEquals(0, EngineRegistry.openEngines());
        Thread.sleep(100);
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("wharf-")),
                "Wharf threads survived the last connection");
    }

    @Test
    @DisplayName("after the last close the engine lingers: the next connection reuses it, and it closes with its threads once the linger has passed")
    void engineLingersAfterTheLastClose() throws Exception {
        WharfConnectionFactory f = new WharfConnectionFactory(journal.url());
        f.set("engineLingerMillis", "3000");
        Connection first = f.createConnection();
        Object engine = ((WharfConnection) first).engine;
        first.close();
        assertEquals(1, EngineRegistry.openEngines(), "the engine closed with its last connection despite the linger");
        Connection second = f.createConnection();
        assertSame(engine, ((WharfConnection) second).engine, "the next connection opened the journal again");
        second.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((EngineRegistry.openEngines() > 0 || wharfThreads() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, EngineRegistry.openEngines(), "the lingering engine never closed");
        assertEquals(0, wharfThreads(), "Wharf threads survived the linger: " + Thread.getAllStackTraces().keySet());
    }

    private static long wharfThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("wharf-")).count();
    }

    @Test
    @DisplayName("engineLingerMillis must be a whole number >= 0, named in the error")
    void badLingerIsRefused() {
        WharfConnectionFactory f = journal.factory();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.set("engineLingerMillis", "-1"));
        assertTrue(e.getMessage().contains("engineLingerMillis"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> f.set("engineLingerMillis", "soon"));
        assertTrue(e.getMessage().contains("engineLingerMillis"), e.getMessage());
    }

    @Test
    @DisplayName("§6.1.8 an ExceptionListener can be set and read back")
    void exceptionListener() throws JMSException {
        Connection c = journal.connection();
        assertNull(c.getExceptionListener());
        c.setExceptionListener(e -> { });
        assertNotNull(c.getExceptionListener());
    }

    @Test
    @DisplayName("§9.2 the optional connection-consumer facility is refused with a JMSException")
    void connectionConsumerIsOptional() throws JMSException {
        Connection c = journal.connection();
        assertThrows(JMSException.class, () -> c.createConnectionConsumer(new WharfQueue("q"), null, null, 1));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
