package org.wharfmq.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionInProgressException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.security.PasswordCredential;
import jakarta.transaction.TransactionManager;
import java.util.List;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.jms.WharfQueue;
import org.wharfmq.ra.support.TestServer;
import org.wharfmq.xa.TestXid;

/** The outbound contract: pooled, enlisted connection handles that behave as JMS 3.1 §12 says in a container. */
class OutboundTest {

    @RegisterExtension
    final TestServer server = new TestServer();

    private final WharfQueue queue = new WharfQueue("orders");

    private TransactionManager tm() throws Exception {
        return TestServer.transactionManager();
    }

    private void sendThroughPool(String text) throws Exception {
        try (Connection c = server.connectionFactory().createConnection()) {
            Session s = c.createSession();
            s.createProducer(queue).send(s.createTextMessage(text));
        }
    }

    @Test
    @DisplayName("JMS 3.1 §12.3: outside a JTA transaction a send is done when send() returns")
    void sendOutsideTransactionIsImmediate() throws Exception {
        sendThroughPool("one");
        assertEquals("one", ((TextMessage) server.receive("orders", 1000)).getText());
    }

    @Test
    @DisplayName("JMS 3.1 §12.3: inside a JTA transaction a send becomes visible when the transaction commits")
    void sendInsideTransactionWaitsForCommit() throws Exception {
        tm().begin();
        sendThroughPool("in-tx");
        assertEquals(0, server.depth("orders"), "visible before the commit");
        tm().commit();
        assertEquals("in-tx", ((TextMessage) server.receive("orders", 1000)).getText());
    }

    @Test
    @DisplayName("JMS 3.1 §12.3: a JTA rollback discards the send, whatever createSession's arguments said")
    void rollbackDiscardsSendEvenIfSessionNotTransacted() throws Exception {
        tm().begin();
        try (Connection c = server.connectionFactory().createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertTrue(s.getTransacted(), "a session in a JTA transaction is transacted");
            assertEquals(Session.SESSION_TRANSACTED, s.getAcknowledgeMode());
            s.createProducer(queue).send(s.createTextMessage("never"));
        }
        tm().rollback();
        assertNull(server.receive("orders", 300));
    }

    @Test
    @DisplayName("JMS 3.1 §12.3: a receive rolled back with the JTA transaction is redelivered")
    void receiveRolledBackIsRedelivered() throws Exception {
        server.send("orders", "again");
        tm().begin();
        try (Connection c = server.connectionFactory().createConnection()) {
            c.start();
            Session s = c.createSession();
            assertNotNull(s.createConsumer(queue).receive(1000));
        }
        tm().rollback();
        Message m = server.receive("orders", 2000);
        assertNotNull(m);
        assertTrue(m.getJMSRedelivered());
    }

    @Test
    @DisplayName("JMS 3.1 §12.3: commit() inside a JTA transaction throws TransactionInProgressException")
    void commitInsideJtaRefused() throws Exception {
        tm().begin();
        try (Connection c = server.connectionFactory().createConnection()) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            assertThrows(TransactionInProgressException.class, s::commit);
            assertThrows(TransactionInProgressException.class, s::rollback);
        } finally {
            tm().rollback();
        }
    }

    @Test
    @DisplayName("JMS 3.1 §12.3 + Connectors §6.5.6: a transacted session outside JTA has a local transaction, announced to the container")
    void localTransactionOutsideJta() throws Exception {
        try (Connection c = server.connectionFactory().createConnection()) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            assertTrue(s.getTransacted());
            MessageProducer p = s.createProducer(queue);
            p.send(s.createTextMessage("local-1"));
            assertEquals(0, server.depth("orders"));
            s.commit();
            assertEquals(1, server.depth("orders"));
            p.send(s.createTextMessage("local-2"));
            s.rollback();
        }
        assertEquals(1, server.depth("orders"));
        assertEquals(List.of(ConnectionEvent.LOCAL_TRANSACTION_STARTED, ConnectionEvent.LOCAL_TRANSACTION_COMMITTED,
                        ConnectionEvent.LOCAL_TRANSACTION_STARTED, ConnectionEvent.LOCAL_TRANSACTION_ROLLEDBACK,
                        ConnectionEvent.LOCAL_TRANSACTION_STARTED, ConnectionEvent.LOCAL_TRANSACTION_ROLLEDBACK,
                        ConnectionEvent.CONNECTION_CLOSED),
                server.connectionManager().eventTypes());
    }

    @Test
    @DisplayName("JMS 3.1 §12.3: outside a transaction CLIENT_ACKNOWLEDGE is treated as AUTO_ACKNOWLEDGE")
    void clientAcknowledgeOutsideTransactionIsAuto() throws Exception {
        server.send("orders", "auto");
        try (Connection c = server.connectionFactory().createConnection()) {
            c.start();
            Session s = c.createSession(Session.CLIENT_ACKNOWLEDGE);
            assertFalse(s.getTransacted());
            assertEquals(Session.AUTO_ACKNOWLEDGE, s.getAcknowledgeMode());
            assertNotNull(s.createConsumer(queue).receive(1000));
        }
        assertNull(server.receive("orders", 300), "the message was acknowledged on receipt");
    }

    @Test
    @DisplayName("JMS 3.1 §12.2: a connection has at most one session in a container")
    void oneSessionPerConnection() throws Exception {
        try (Connection c = server.connectionFactory().createConnection()) {
            Session first = c.createSession();
            assertThrows(IllegalStateException.class, c::createSession);
            first.close();
            assertNotNull(c.createSession(), "a new session once the first is closed");
        }
    }

    @Test
    @DisplayName("JMS 3.1 §12.2: the container's methods throw IllegalStateException on a Connection")
    void forbiddenConnectionMethods() throws Exception {
        try (Connection c = server.connectionFactory().createConnection()) {
            assertThrows(IllegalStateException.class, () -> c.setClientID("x"));
            assertThrows(IllegalStateException.class, () -> c.setExceptionListener(e -> { }));
            assertThrows(IllegalStateException.class, c::stop);
            assertThrows(IllegalStateException.class, () -> c.createConnectionConsumer(queue, null, null, 1));
            assertThrows(IllegalStateException.class,
                    () -> c.createSharedDurableConnectionConsumer(null, "s", null, null, 1));
        }
    }

    @Test
    @DisplayName("JMS 3.1 §12.2: listeners and asynchronous sends are refused on sessions, consumers and producers")
    void forbiddenListenersAndAsyncSend() throws Exception {
        try (Connection c = server.connectionFactory().createConnection()) {
            Session s = c.createSession();
            assertThrows(IllegalStateException.class, () -> s.setMessageListener(m -> { }));
            MessageConsumer consumer = s.createConsumer(queue);
            assertThrows(IllegalStateException.class, () -> consumer.setMessageListener(m -> { }));
            MessageProducer producer = s.createProducer(queue);
            CompletionListener listener = new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                }

                @Override
                public void onException(Message message, Exception exception) {
                }
            };
            assertThrows(IllegalStateException.class, () -> producer.send(s.createMessage(), listener));
        }
    }

    @Test
    @DisplayName("JMS 3.1 §12.2: the container's methods throw IllegalStateRuntimeException on a JMSContext")
    void forbiddenContextMethods() {
        try (JMSContext ctx = server.connectionFactory().createContext()) {
            assertThrows(IllegalStateRuntimeException.class, () -> ctx.setClientID("x"));
            assertThrows(IllegalStateRuntimeException.class, () -> ctx.setExceptionListener(e -> { }));
            assertThrows(IllegalStateRuntimeException.class, ctx::stop);
            assertThrows(IllegalStateRuntimeException.class, () -> ctx.createContext(JMSContext.AUTO_ACKNOWLEDGE));
            JMSConsumer consumer = ctx.createConsumer(queue);
            assertThrows(IllegalStateRuntimeException.class, () -> consumer.setMessageListener(m -> { }));
            assertThrows(IllegalStateRuntimeException.class, () -> ctx.createProducer().setAsync(new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                }

                @Override
                public void onException(Message message, Exception exception) {
                }
            }));
        }
    }

    @Test
    @DisplayName("JMS 3.1 §12.3: a JMSContext joins the JTA transaction; rollback discards, commit delivers")
    void contextJoinsJtaTransaction() throws Exception {
        tm().begin();
        try (JMSContext ctx = server.connectionFactory().createContext()) {
            assertTrue(ctx.getTransacted());
            ctx.createProducer().send(queue, "rolled back");
        }
        tm().rollback();
        tm().begin();
        try (JMSContext ctx = server.connectionFactory().createContext()) {
            ctx.createProducer().setProperty("kind", "order").send(queue, "committed");
        }
        tm().commit();
        TextMessage m = (TextMessage) server.receive("orders", 1000);
        assertEquals("committed", m.getText());
        assertEquals("order", m.getStringProperty("kind"));
        assertNull(server.receive("orders", 200));
    }

    @Test
    @DisplayName("JMS 3.1 §12.3: a JMSContext outside a transaction receives with automatic acknowledgement")
    void contextOutsideTransactionReceives() throws Exception {
        server.send("orders", "for the context");
        try (JMSContext ctx = server.connectionFactory().createContext()) {
            assertFalse(ctx.getTransacted());
            assertEquals("for the context", ctx.createConsumer(queue).receiveBody(String.class, 1000));
        }
        assertEquals(0, server.depth("orders"));
    }

    @Test
    @DisplayName("Connectors §6.5.4: closing a handle announces CONNECTION_CLOSED and the pool reuses the connection")
    void closedHandleReturnsToPool() throws Exception {
        sendThroughPool("a");
        sendThroughPool("b");
        sendThroughPool("c");
        assertEquals(1, server.connectionManager().createdCount(), "one physical connection served three handles");
        assertEquals(1, server.connectionManager().idleCount());
        assertEquals(List.of(ConnectionEvent.CONNECTION_CLOSED, ConnectionEvent.CONNECTION_CLOSED,
                ConnectionEvent.CONNECTION_CLOSED), server.connectionManager().eventTypes());
    }

    @Test
    @DisplayName("Connectors §7.9: connections used twice in one JTA transaction share one managed connection")
    void connectionSharingInOneTransaction() throws Exception {
        tm().begin();
        sendThroughPool("first");
        sendThroughPool("second");
        tm().commit();
        assertEquals(1, server.connectionManager().createdCount());
        assertEquals(2, server.depth("orders"));
    }

    @Test
    @DisplayName("Connectors §6.5.4.4: a handle the application never closed is reported with where it was obtained")
    void leakedHandleIsReported() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(WharfManagedConnection.class.getName());
        log.addHandler(capture);
        try {
            Connection leaked = server.connectionFactory().createConnection();
            assertNotNull(leaked);
            server.connectionManager().destroyAll();
        } finally {
            log.removeHandler(capture);
        }
        LogRecord r = records.stream().filter(x -> x.getMessage().contains("not closed")).findFirst().orElseThrow();
        assertTrue(r.getThrown().getStackTrace()[0].getClassName().startsWith("org.wharfmq.ra"),
                "the stack of the allocation is attached");
        boolean fromThisTest = false;
        for (StackTraceElement e : r.getThrown().getStackTrace()) {
            fromThisTest |= e.getMethodName().equals("leakedHandleIsReported");
        }
        assertTrue(fromThisTest, "the report points at the test method that obtained the connection");
    }

    @Test
    @DisplayName("Connectors §6.5.4.4: a handle cleaned up by the container can no longer be used")
    void cleanedUpHandleIsInvalid() throws Exception {
        Connection c = server.connectionFactory().createConnection();
        Session s = c.createSession();
        server.connectionManager().destroyAll();
        assertThrows(IllegalStateException.class, s::createMessage);
        assertThrows(IllegalStateException.class, c::createSession);
    }

    @Test
    @DisplayName("Connectors §7.7: the container's LocalTransaction commits and rolls back the session's work")
    void containerLocalTransaction() throws Exception {
        WharfManagedConnectionFactory mcf = new WharfManagedConnectionFactory();
        mcf.setResourceAdapter(server.adapter());
        ManagedConnection mc = mcf.createManagedConnection(null, null);
        try {
            Connection c = (Connection) mc.getConnection(null, null);
            Session s = c.createSession();
            mc.getLocalTransaction().begin();
            assertTrue(s.getTransacted());
            s.createProducer(queue).send(s.createTextMessage("kept"));
            mc.getLocalTransaction().commit();
            mc.getLocalTransaction().begin();
            s.createProducer(queue).send(s.createTextMessage("dropped"));
            mc.getLocalTransaction().rollback();
            c.close();
        } finally {
            mc.destroy();
        }
        assertEquals(1, server.depth("orders"));
        assertEquals("kept", ((TextMessage) server.receive("orders", 500)).getText());
    }

    @Test
    @DisplayName("Connectors §9.1.8: container-managed sign-on uses the Subject's PasswordCredential; pooled connections match by user")
    void containerManagedSignOn() throws Exception {
        WharfManagedConnectionFactory mcf = new WharfManagedConnectionFactory();
        mcf.setResourceAdapter(server.adapter());
        PasswordCredential pc = new PasswordCredential("alice", "secret".toCharArray());
        pc.setManagedConnectionFactory(mcf);
        Subject alice = new Subject();
        alice.getPrivateCredentials().add(pc);
        ManagedConnection mc = mcf.createManagedConnection(alice, null);
        try {
            assertEquals("alice", mc.getMetaData().getUserName());
            assertSame(mc, mcf.matchManagedConnections(Set.of(mc), alice, null));
            ConnectionRequestInfo bob = new WharfConnectionRequestInfo("bob", "pw");
            assertNull(mcf.matchManagedConnections(Set.of(mc), null, bob), "a connection of alice is not bob's");
            assertThrows(jakarta.resource.spi.SecurityException.class, () -> mc.getConnection(null, bob));
        } finally {
            mc.destroy();
        }
    }

    @Test
    @DisplayName("Connectors §7.6: XAResources of one journal are the same resource manager; recover lists prepared branches")
    void xaResourceIdentityAndRecover() throws Exception {
        WharfManagedConnectionFactory mcf = new WharfManagedConnectionFactory();
        mcf.setResourceAdapter(server.adapter());
        ManagedConnection a = mcf.createManagedConnection(null, null);
        ManagedConnection b = mcf.createManagedConnection(null, null);
        try {
            assertTrue(a.getXAResource().isSameRM(b.getXAResource()));
            assertTrue(a.getXAResource().isSameRM(server.adapter().getXAResources(null)[0]));
            XAResource xa = a.getXAResource();
            TestXid xid = TestXid.of("recover-me", "1");
            xa.start(xid, XAResource.TMNOFLAGS);
            Connection c = (Connection) a.getConnection(null, null);
            Session s = c.createSession();
            s.createProducer(queue).send(s.createTextMessage("prepared"));
            xa.end(xid, XAResource.TMSUCCESS);
            assertEquals(XAResource.XA_OK, xa.prepare(xid));
            XAResource recovery = server.adapter().getXAResources(null)[0];
            assertEquals(1, recovery.recover(XAResource.TMSTARTRSCAN).length);
            assertEquals(0, server.depth("orders"), "a prepared send is not visible");
            recovery.commit(xid, false);
            assertEquals(1, server.depth("orders"));
            c.close();
        } finally {
            a.destroy();
            b.destroy();
        }
    }
}
