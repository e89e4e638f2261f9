package org.wharfmq.jms;

import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.wharfmq.config.WharfSettings;
import org.wharfmq.engine.Engine;
import org.wharfmq.engine.EngineException;
import org.wharfmq.engine.EngineRegistry;
import org.wharfmq.security.Authorization;

/**
 * A connection to a Wharf engine (JMS 3.1 §6.1, {@link jakarta.jms.Connection}). There is no network: the
 * engine runs in this JVM, so a connection is cheap and never "fails over". Closing the last connection of a
 * journal closes the engine and stops its threads.
 */
public class WharfConnection implements QueueConnection, TopicConnection {

    final Engine engine;
    final WharfSettings settings;
    final long id;
    private final List<WharfSession> sessions = new CopyOnWriteArrayList<>();
    private final ReentrantLock stateLock = new ReentrantLock();
    private final Condition startedChanged = stateLock.newCondition();
    private volatile boolean started;
    private volatile boolean closed;
    private volatile String clientID;
    /** The client ID can be set only before the connection is used (§6.1.2). */
    private volatile boolean clientIdFrozen;
    private volatile ExceptionListener exceptionListener;

    final Authorization authorization;

    WharfConnection(Engine engine, WharfSettings settings, Authorization authorization) {
        this.engine = engine;
        this.settings = settings;
        this.authorization = authorization;
        this.id = engine.openConnection();
    }

    // ---- state ---------------------------------------------------------------------------------------

    void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the connection is closed");
        }
    }

    boolean isClosed() {
        return closed;
    }

    boolean isStarted() {
        return started;
    }

    /** Any use of the connection other than setClientID fixes its client identifier. */
    void used() {
        clientIdFrozen = true;
    }

    String clientIdOrNull() {
        return clientID;
    }

    /**
     * Waits until the connection is started, up to {@code nanos} (0 = forever); true if it is started. Receives
     * on a stopped connection block (§6.1.5).
     */
    boolean awaitStarted(long nanos) throws InterruptedException {
        if (started) {
            return true;
        }
        stateLock.lock();
        try {
            long left = nanos == 0 ? Long.MAX_VALUE : nanos;
            while (!started && !closed && left > 0) {
                left = startedChanged.awaitNanos(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
            }
            return started && !closed;
        } finally {
            stateLock.unlock();
        }
    }

    // ---- sessions ------------------------------------------------------------------------------------

    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return createSession(transacted ? Session.SESSION_TRANSACTED : acknowledgeMode);
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        checkOpen();
        used();
        WharfSession.checkSessionMode(sessionMode, false);
        WharfSession s = new WharfSession(this, sessionMode);
        sessions.add(s);
        return s;
    }

    @Override
    public Session createSession() throws JMSException {
        return createSession(Session.AUTO_ACKNOWLEDGE);
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        WharfSession s = (WharfSession) createSession(transacted, acknowledgeMode);
        s.restrictTo(WharfSession.Domain.QUEUE);
        return s;
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        WharfSession s = (WharfSession) createSession(transacted, acknowledgeMode);
        s.restrictTo(WharfSession.Domain.TOPIC);
        return s;
    }

    /** Registers a session made by a subclass (XA sessions). */
    <S extends WharfSession> S register(S s) throws JMSException {
        checkOpen();
        used();
        sessions.add(s);
        return s;
    }

    void sessionClosed(WharfSession s) {
        sessions.remove(s);
    }

    // ---- client identifier ---------------------------------------------------------------------------

    @Override
    public String getClientID() throws JMSException {
        checkOpen();
        return clientID;
    }

    @Override
    public void setClientID(String clientID) throws JMSException {
        checkOpen();
        if (this.clientID != null) {
            throw new IllegalStateException("the client ID is already set to '" + this.clientID
                    + "' (it can be set once; a factory-configured client ID cannot be changed)");
        }
        if (clientIdFrozen) {
            throw new IllegalStateException("the client ID must be set right after the connection is created, "
                    + "before it is used (JMS 3.1 §6.1.2)");
        }
        assignClientID(clientID);
    }

    void assignClientID(String clientID) throws JMSException {
        if (clientID == null || clientID.isEmpty()) {
            throw new InvalidClientIDException("a client ID must not be null or empty");
        }
        try {
            engine.claimClientId(clientID, id);
        } catch (EngineException e) {
            throw JmsExceptions.from(e);
        }
        this.clientID = clientID;
        this.clientIdFrozen = true;
    }

    // ---- start, stop, close --------------------------------------------------------------------------

    @Override
    public void start() throws JMSException {
        checkOpen();
        used();
        stateLock.lock();
        try {
            started = true;
            startedChanged.signalAll();
        } finally {
            stateLock.unlock();
        }
        sessions.forEach(WharfSession::connectionStarted);
    }

    @Override
    public void stop() throws JMSException {
        checkOpen();
        used();
        // stop() from a listener of its own connection would wait for itself; a CompletionListener may call it
        if (sessions.stream().anyMatch(WharfSession::isDeliveryThread)) {
            throw new IllegalStateException("a MessageListener must not call stop() on its own connection "
                    + "(the Connection.stop javadoc, JMS 3.1 §6.1.5)");
        }
        stateLock.lock();
        try {
            started = false;
            startedChanged.signalAll();
        } finally {
            stateLock.unlock();
        }
        // stop returns once every listener in progress has returned (§6.1.5)
        for (WharfSession s : sessions) {
            s.connectionStopped();
        }
    }

    private void checkNotInOwnCallback(String what) throws IllegalStateException {
        for (WharfSession s : sessions) {
            if (s.isDeliveryThread() || s.isCompletionThread()) {
                throw new IllegalStateException("a MessageListener or CompletionListener must not call " + what
                        + "() on its own connection (JMS 3.1 §6.1.5, §7.3.5)");
            }
        }
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        checkNotInOwnCallback("close");
        stateLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            started = false;
            startedChanged.signalAll();
        } finally {
            stateLock.unlock();
        }
        try {
            for (WharfSession s : sessions) {
                s.closeFromConnection();
            }
        } finally {
            engine.closeConnection(id);
            EngineRegistry.release(engine, settings.engineLingerMillis());
        }
    }

    // ---- temporary destinations ----------------------------------------------------------------------

    WharfTemporaryQueue createTemporaryQueue() throws JMSException {
        checkOpen();
        return new WharfTemporaryQueue(engine.destinations().createTemporaryQueue(id), this);
    }

    WharfTemporaryTopic createTemporaryTopic() throws JMSException {
        checkOpen();
        return new WharfTemporaryTopic(engine.destinations().createTemporaryTopic(id), this);
    }

    void deleteTemporary(WharfDestination d) throws JMSException {
        checkOpen();
        try {
            engine.destinations().deleteTemporary(d.getName(), d.isTopic());
        } catch (EngineException e) {
            throw JmsExceptions.from(e);
        }
    }

    // ---- the rest ------------------------------------------------------------------------------------

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        checkOpen();
        used();
        return WharfConnectionMetaData.INSTANCE;
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        checkOpen();
        used();
        return exceptionListener;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        checkOpen();
        used();
        this.exceptionListener = listener;
    }

    /** Tells the application about a failure no call could report (§6.1.8), such as a failed lazy write. */
    void reportAsync(JMSException e) {
        ExceptionListener l = exceptionListener;
        if (l != null) {
            engine.workers().execute(() -> l.onException(e));
        }
    }

    private static JMSException noServerSessions() {
        return new JMSException("connection consumers (the application server facility of JMS 3.1 §9.2) are not "
                + "supported; use MessageListeners, or message-driven beans through the Wharf resource adapter");
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        checkOpen();
        throw noServerSessions();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        checkOpen();
        throw noServerSessions();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        checkOpen();
        throw noServerSessions();
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String subscriptionName,
                                                             String messageSelector, ServerSessionPool sessionPool,
                                                             int maxMessages) throws JMSException {
        checkOpen();
        throw noServerSessions();
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String subscriptionName,
                                                              String messageSelector, ServerSessionPool sessionPool,
                                                              int maxMessages) throws JMSException {
        checkOpen();
        throw noServerSessions();
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String subscriptionName,
                                                                    String messageSelector,
                                                                    ServerSessionPool sessionPool,
                                                                    int maxMessages) throws JMSException {
        checkOpen();
        throw noServerSessions();
    }

    /**
     * Wharf extension: changes the delivery policy of {@code destination} (redeliveryDelay, maxDeliveryAttempts,
     * deadLetterQueue, ...; see {@link WharfSettings#POLICY_PROPERTIES}) for every connection of this journal,
     * from now until the engine closes. The resource adapter uses it for an activation's own settings.
     *
     * @throws jakarta.jms.InvalidDestinationException for an invalid destination name
     * @throws JMSException naming the property when a property or value is invalid; the policy is then unchanged
     */
    public void overrideDeliveryPolicy(String destination, java.util.Map<String, String> properties)
            throws JMSException {
        checkOpen();
        try {
            WharfDestination.checkName(destination);
        } catch (IllegalArgumentException e) {
            throw new jakarta.jms.InvalidDestinationException(e.getMessage());
        }
        try {
            engine.overridePolicy(destination, settings.policyWith(destination, properties));
        } catch (IllegalArgumentException e) {
            throw new JMSException(e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "WharfConnection[" + id + (clientID == null ? "" : ", clientID=" + clientID) + "]";
    }
}
