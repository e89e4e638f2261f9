package org.wharfmq.jms;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simplified API (JMS 3.1 §6.1.1, §6.2, {@link JMSContext}): a connection and one session in one object.
 * Contexts made by {@link #createContext(int)} share the connection; it closes with the last of them.
 */
public class WharfJMSContext implements JMSContext {

    private final WharfConnection connection;
    private final AtomicInteger connectionUsers;
    private final int sessionMode;
    private WharfSession session;
    private volatile boolean closed;
    private volatile boolean autoStart = true;
    /** A view over a session owned by someone else (the resource adapter): closing it closes nothing else. */
    private boolean borrowed;

    WharfJMSContext(WharfConnection connection, int sessionMode) {
        this(connection, new AtomicInteger(1), sessionMode);
    }

    /** A context over {@code session}, which it does not own: see {@link WharfXASession#contextView()}. */
    WharfJMSContext(WharfConnection connection, WharfSession session) {
        this(connection, new AtomicInteger(1), JMSContext.SESSION_TRANSACTED);
        this.session = session;
        this.borrowed = true;
    }

    /** Creates this context's session; an XA context makes an XA session. */
    WharfSession newSession() throws jakarta.jms.JMSException {
        return (WharfSession) connection.createSession(sessionMode);
    }

    WharfConnection connection() {
        return connection;
    }

    private WharfJMSContext(WharfConnection connection, AtomicInteger users, int sessionMode) {
        this.connection = connection;
        this.connectionUsers = users;
        this.sessionMode = sessionMode;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateRuntimeException("the JMSContext is closed");
        }
    }

    /** The session, created on first need so that setClientID can still come first (§6.1.2). */
    synchronized WharfSession session() {
        checkOpen();
        if (session == null) {
            session = JmsExceptions.unchecked(this::newSession);
        }
        return session;
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        checkOpen();
        WharfSession.checkSessionMode(sessionMode, true);
        connectionUsers.incrementAndGet();
        return new WharfJMSContext(connection, connectionUsers, sessionMode);
    }

    // ---- connection ----------------------------------------------------------------------------------

    @Override
    public String getClientID() {
        checkOpen();
        return JmsExceptions.unchecked(connection::getClientID);
    }

    @Override
    public void setClientID(String clientID) {
        checkOpen();
        JmsExceptions.uncheckedRun(() -> connection.setClientID(clientID));
    }

    @Override
    public ConnectionMetaData getMetaData() {
        checkOpen();
        return JmsExceptions.unchecked(connection::getMetaData);
    }

    @Override
    public ExceptionListener getExceptionListener() {
        checkOpen();
        return JmsExceptions.unchecked(connection::getExceptionListener);
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) {
        checkOpen();
        JmsExceptions.uncheckedRun(() -> connection.setExceptionListener(listener));
    }

    @Override
    public void start() {
        checkOpen();
        JmsExceptions.uncheckedRun(connection::start);
    }

    @Override
    public void stop() {
        checkOpen();
        JmsExceptions.uncheckedRun(connection::stop);
    }

    @Override
    public void setAutoStart(boolean autoStart) {
        checkOpen();
        this.autoStart = autoStart;
    }

    @Override
    public boolean getAutoStart() {
        checkOpen();
        return autoStart;
    }

    /** Closes the session, and the connection if no other context shares it (§6.1.1). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        WharfSession s;
        synchronized (this) {
            s = session;
        }
        if (s != null && (s.isDeliveryThread() || s.isCompletionThread())) {
            throw new IllegalStateRuntimeException("a MessageListener or CompletionListener must not close its own "
                    + "JMSContext (JMS 3.1 §6.1.1)");
        }
        closed = true;
        if (borrowed) {
            return;
        }
        if (s != null) {
            JmsExceptions.uncheckedRun(s::close);
        }
        if (connectionUsers.decrementAndGet() == 0) {
            JmsExceptions.uncheckedRun(connection::close);
        }
    }

    // ---- messages ------------------------------------------------------------------------------------

    @Override
    public BytesMessage createBytesMessage() {
        return JmsExceptions.unchecked(session()::createBytesMessage);
    }

    @Override
    public MapMessage createMapMessage() {
        return JmsExceptions.unchecked(session()::createMapMessage);
    }

    @Override
    public Message createMessage() {
        return JmsExceptions.unchecked(session()::createMessage);
    }

    @Override
    public ObjectMessage createObjectMessage() {
        return JmsExceptions.unchecked(session()::createObjectMessage);
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) {
        return JmsExceptions.unchecked(() -> session().createObjectMessage(object));
    }

    @Override
    public StreamMessage createStreamMessage() {
        return JmsExceptions.unchecked(session()::createStreamMessage);
    }

    @Override
    public TextMessage createTextMessage() {
        return JmsExceptions.unchecked(session()::createTextMessage);
    }

    @Override
    public TextMessage createTextMessage(String text) {
        return JmsExceptions.unchecked(() -> session().createTextMessage(text));
    }

    // ---- session -------------------------------------------------------------------------------------

    @Override
    public boolean getTransacted() {
        return JmsExceptions.unchecked(session()::getTransacted);
    }

    @Override
    public int getSessionMode() {
        checkOpen();
        return sessionMode;
    }

    @Override
    public void commit() {
        JmsExceptions.uncheckedRun(session()::commit);
    }

    @Override
    public void rollback() {
        JmsExceptions.uncheckedRun(session()::rollback);
    }

    @Override
    public void recover() {
        JmsExceptions.uncheckedRun(session()::recover);
    }

    @Override
    public void acknowledge() {
        WharfSession s = session();
        JmsExceptions.uncheckedRun(s::acknowledgeAll);
    }

    @Override
    public JMSProducer createProducer() {
        WharfSession s = session();
        return new WharfJMSProducer(this, (WharfMessageProducer) JmsExceptions.unchecked(() -> s.createProducer(null)));
    }

    private JMSConsumer consumer(WharfMessageConsumer c) {
        if (autoStart) {
            JmsExceptions.uncheckedRun(connection::start);
        }
        return new WharfJMSConsumer(c);
    }

    @Override
    public JMSConsumer createConsumer(Destination destination) {
        return createConsumer(destination, null, false);
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector) {
        return createConsumer(destination, messageSelector, false);
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal) {
        WharfSession s = session();
        return consumer((WharfMessageConsumer) JmsExceptions.unchecked(
                () -> s.createConsumer(destination, messageSelector, noLocal)));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) {
        return createSharedConsumer(topic, sharedSubscriptionName, null);
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector) {
        WharfSession s = session();
        return consumer((WharfMessageConsumer) JmsExceptions.unchecked(
                () -> s.createSharedConsumer(topic, sharedSubscriptionName, messageSelector)));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name) {
        return createDurableConsumer(topic, name, null, false);
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal) {
        WharfSession s = session();
        return consumer((WharfMessageConsumer) JmsExceptions.unchecked(
                () -> s.createDurableConsumer(topic, name, messageSelector, noLocal)));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name) {
        return createSharedDurableConsumer(topic, name, null);
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector) {
        WharfSession s = session();
        return consumer((WharfMessageConsumer) JmsExceptions.unchecked(
                () -> s.createSharedDurableConsumer(topic, name, messageSelector)));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) {
        return createBrowser(queue, null);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) {
        WharfSession s = session();
        return JmsExceptions.unchecked(() -> s.createBrowser(queue, messageSelector));
    }

    @Override
    public Queue createQueue(String queueName) {
        WharfSession s = session();
        return JmsExceptions.unchecked(() -> s.createQueue(queueName));
    }

    @Override
    public Topic createTopic(String topicName) {
        WharfSession s = session();
        return JmsExceptions.unchecked(() -> s.createTopic(topicName));
    }

    @Override
    public TemporaryQueue createTemporaryQueue() {
        return JmsExceptions.unchecked(session()::createTemporaryQueue);
    }

    @Override
    public TemporaryTopic createTemporaryTopic() {
        return JmsExceptions.unchecked(session()::createTemporaryTopic);
    }

    @Override
    public void unsubscribe(String name) {
        WharfSession s = session();
        JmsExceptions.uncheckedRun(() -> s.unsubscribe(name));
    }
}
