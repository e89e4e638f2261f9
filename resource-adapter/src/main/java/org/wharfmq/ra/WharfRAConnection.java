package org.wharfmq.ra;

import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;

/**
 * The connection an application gets from a Wharf connection factory in an application server: a handle on a
 * pooled {@link WharfManagedConnection}, following JMS 3.1 §12.2 and §12.3 — one session per connection; no
 * client ID, exception listener, stop or connection consumers (they belong to the container); closing it gives
 * the physical connection back to the pool.
 */
public class WharfRAConnection implements QueueConnection, TopicConnection {

    private volatile WharfManagedConnection mc;
    private final Throwable allocatedAt = new Throwable("the connection was obtained here");
    private volatile boolean closed;
    private WharfRASession session;

    WharfRAConnection(WharfManagedConnection mc) {
        this.mc = mc;
    }

    /** Moves the handle to another managed connection (connection sharing); returns the previous one. */
    WharfManagedConnection associate(WharfManagedConnection next) {
        WharfManagedConnection previous = mc;
        mc = next;
        return previous;
    }

    WharfManagedConnection managed() throws IllegalStateException {
        checkOpen();
        return mc;
    }

    /** The managed connection, even after close (for the handle's own clean-up). */
    WharfManagedConnection current() {
        return mc;
    }

    Throwable allocatedAt() {
        return allocatedAt;
    }

    void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the connection is closed");
        }
    }

    /** The container cleaned up the managed connection under this handle: it can no longer be used. */
    void invalidate() {
        closed = true;
        WharfRASession s;
        synchronized (this) {
            s = session;
            session = null;
        }
        if (s != null) {
            s.release();
        }
    }

    static IllegalStateException forbidden(String method) {
        return new IllegalStateException(method + " must not be called by an application in a Jakarta EE web or EJB "
                + "container (JMS 3.1 §12.2); the container manages it");
    }

    // ---- sessions -----------------------------------------------------------------------------------------

    private synchronized WharfRASession newSession(boolean transacted, int mode) throws JMSException {
        checkOpen();
        if (session != null) {
            throw new IllegalStateException("this connection already has a session; in a Jakarta EE container a "
                    + "connection has at most one open session (JMS 3.1 §12.2): close it, or create another connection");
        }
        session = new WharfRASession(this, transacted, mode);
        return session;
    }

    synchronized void sessionClosed(WharfRASession s) {
        if (session == s) {
            session = null;
        }
    }

    /**
     * Inside a JTA transaction both arguments are ignored: the session works in the transaction. Outside one a
     * transacted session has a local transaction; otherwise messages are acknowledged automatically —
     * CLIENT_ACKNOWLEDGE included, as JMS 3.1 §12.3 recommends.
     */
    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return newSession(transacted, transacted ? Session.SESSION_TRANSACTED : acknowledgeMode);
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        return newSession(sessionMode == Session.SESSION_TRANSACTED, sessionMode);
    }

    @Override
    public Session createSession() throws JMSException {
        return newSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return (QueueSession) createSession(transacted, acknowledgeMode);
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return (TopicSession) createSession(transacted, acknowledgeMode);
    }

    // ---- connection --------------------------------------------------------------------------------------

    @Override
    public String getClientID() throws JMSException {
        return managed().physical().getClientID();
    }

    @Override
    public void setClientID(String clientID) throws JMSException {
        checkOpen();
        throw forbidden("Connection.setClientID");
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        return managed().physical().getMetaData();
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        checkOpen();
        return null;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        checkOpen();
        throw forbidden("Connection.setExceptionListener");
    }

    @Override
    public void start() throws JMSException {
        managed().physical().start();
    }

    @Override
    public void stop() throws JMSException {
        checkOpen();
        throw forbidden("Connection.stop");
    }

    /** Closes the session (its consumers, producers, browsers and temporary destinations) and frees the connection. */
    @Override
    public void close() throws JMSException {
        WharfRASession s;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            s = session;
            session = null;
        }
        try {
            if (s != null) {
                s.closeFromConnection();
            }
        } finally {
            mc.closed(this);
        }
    }

    // ---- connection consumers: the container's, never the application's ------------------------------

    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String selector,
                                                       ServerSessionPool pool, int maxMessages) throws JMSException {
        checkOpen();
        throw forbidden("Connection.createConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String selector, ServerSessionPool pool,
                                                       int maxMessages) throws JMSException {
        checkOpen();
        throw forbidden("QueueConnection.createConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String selector, ServerSessionPool pool,
                                                       int maxMessages) throws JMSException {
        checkOpen();
        throw forbidden("TopicConnection.createConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String name, String selector,
                                                             ServerSessionPool pool, int maxMessages) throws JMSException {
        checkOpen();
        throw forbidden("Connection.createSharedConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String name, String selector,
                                                              ServerSessionPool pool, int maxMessages) throws JMSException {
        checkOpen();
        throw forbidden("Connection.createDurableConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String name, String selector,
                                                                    ServerSessionPool pool, int maxMessages)
            throws JMSException {
        checkOpen();
        throw forbidden("Connection.createSharedDurableConnectionConsumer");
    }

    @Override
    public String toString() {
        return "WharfRAConnection[" + mc + (closed ? ", closed" : "") + "]";
    }
}
