package org.wharfmq.ra;

import jakarta.jms.JMSException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.IllegalStateException;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.SecurityException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;
import org.wharfmq.jms.WharfXAConnection;
import org.wharfmq.jms.WharfXASession;

/**
 * One pooled physical connection (Connectors 2.1 §6.5.4, {@link ManagedConnection}): a Wharf XA connection with
 * its one XA session, which every handle given out on it works through. The container enlists
 * {@link #getXAResource()} in JTA transactions or drives {@link #getLocalTransaction()}; closing a handle tells the
 * container (CONNECTION_CLOSED) so that it can return the connection to the pool. Handles that are never closed
 * are reported, with the place that obtained them, when the container cleans the connection up or the adapter
 * stops.
 */
public class WharfManagedConnection implements ManagedConnection {

    private static final Logger LOG = Logger.getLogger(WharfManagedConnection.class.getName());

    private final WharfManagedConnectionFactory mcf;
    private final WharfResourceAdapter ra;
    private final WharfConnectionRequestInfo credentials;
    private final WharfXAConnection physical;
    private final WharfXASession session;
    private final ManagedXAResource xaResource;
    private final WharfLocalTransaction containerTransaction = new WharfLocalTransaction(this, false);
    private final WharfLocalTransaction applicationTransaction = new WharfLocalTransaction(this, true);
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<WharfRAConnection> handles = ConcurrentHashMap.newKeySet();
    private volatile boolean destroyed;
    private PrintWriter logWriter;

    WharfManagedConnection(WharfManagedConnectionFactory mcf, WharfResourceAdapter ra,
                           WharfConnectionRequestInfo credentials) throws ResourceException {
        this.mcf = mcf;
        this.ra = ra;
        this.credentials = credentials;
        try {
            physical = (WharfXAConnection) ra.factory().createXAConnection(credentials.userName(),
                    credentials.password());
            session = (WharfXASession) physical.createXASession();
            physical.setExceptionListener(e -> fire(ConnectionEvent.CONNECTION_ERROR_OCCURRED, null, e));
            physical.start();
        } catch (jakarta.jms.JMSSecurityException e) {
            // Connectors §9: the container reports a refused sign-on as such (the factory makes it a JMSSecurityException)
            jakarta.resource.spi.SecurityException s = new jakarta.resource.spi.SecurityException(e.getMessage(),
                    e.getErrorCode());
            s.initCause(e);
            throw s;
        } catch (JMSException e) {
            throw resourceException("a Wharf connection could not be opened", e);
        }
        xaResource = new ManagedXAResource(session.getXAResource());
    }

    static ResourceException resourceException(String what, JMSException e) {
        ResourceAdapterInternalException r = new ResourceAdapterInternalException(what + ": " + e.getMessage(),
                e.getErrorCode());
        r.initCause(e);
        return r;
    }

    WharfManagedConnectionFactory factory() {
        return mcf;
    }

    WharfConnectionRequestInfo credentials() {
        return credentials;
    }

    WharfXAConnection physical() {
        return physical;
    }

    WharfXASession session() {
        return session;
    }

    boolean usable() {
        return !destroyed;
    }

    /** The container has the session in a JTA transaction branch, or in its own local transaction. */
    boolean inContainerTransaction() {
        return xaResource.associated() || containerTransaction.active();
    }

    boolean inGlobalTransaction() {
        return xaResource.associated();
    }

    /** The local transaction of a session the application created transacted outside a JTA transaction. */
    WharfLocalTransaction applicationTransaction() {
        return applicationTransaction;
    }

    // ---- handles ---------------------------------------------------------------------------------------

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        if (destroyed) {
            throw new IllegalStateException("this Wharf managed connection is destroyed");
        }
        WharfConnectionRequestInfo who = mcf.credentials(subject, info);
        if (!who.sameSignOn(credentials)) {
            throw new SecurityException("this connection is signed on as '" + credentials.userName()
                    + "'; Wharf does not re-authenticate a pooled connection for '" + who.userName()
                    + "' or with another password");
        }
        WharfRAConnection handle = new WharfRAConnection(this);
        handles.add(handle);
        return handle;
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        if (!(connection instanceof WharfRAConnection handle)) {
            throw new ResourceAdapterInternalException("not a Wharf connection handle: " + connection);
        }
        WharfManagedConnection previous = handle.associate(this);
        if (previous != null) {
            previous.handles.remove(handle);
        }
        handles.add(handle);
    }

    /** A handle was closed by the application: the container may take the connection back. */
    void closed(WharfRAConnection handle) {
        if (handles.remove(handle)) {
            fire(ConnectionEvent.CONNECTION_CLOSED, handle, null);
        }
    }

    /** Logs every handle still open, with the stack that obtained it. */
    void reportLeakedHandles(String when) {
        for (WharfRAConnection h : handles) {
            LOG.log(Level.WARNING, "A Wharf JMS connection was not closed by the application (" + when + "); close "
                    + "it (try-with-resources) where it was obtained:", h.allocatedAt());
        }
    }

    /**
     * Back to the pool (Connectors 2.1 §6.5.4.4): open handles become invalid — a leak, reported — and an
     * application local transaction left open is rolled back. A JTA branch is the transaction manager's to end.
     */
    @Override
    public void cleanup() throws ResourceException {
        reportLeakedHandles("the container cleaned up its connection");
        for (WharfRAConnection h : new ArrayList<>(handles)) {
            h.invalidate();
        }
        handles.clear();
        if (applicationTransaction.active()) {
            applicationTransaction.rollback();
        }
    }

    @Override
    public void destroy() throws ResourceException {
        if (destroyed) {
            return;
        }
        try {
            cleanup();
        } finally {
            destroyed = true;
            ra.destroyed(this);
            try {
                physical.close();
            } catch (JMSException e) {
                LOG.log(Level.WARNING, "a Wharf connection did not close cleanly", e);
            }
        }
    }

    // ---- events and transactions ----------------------------------------------------------------------

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    void fire(int type, Object handle) {
        fire(type, handle, null);
    }

    void fire(int type, Object handle, Exception error) {
        ConnectionEvent event = error == null ? new ConnectionEvent(this, type) : new ConnectionEvent(this, type, error);
        if (handle != null) {
            event.setConnectionHandle(handle);
        }
        for (ConnectionEventListener l : listeners) {
            switch (type) {
                case ConnectionEvent.CONNECTION_CLOSED -> l.connectionClosed(event);
                case ConnectionEvent.CONNECTION_ERROR_OCCURRED -> l.connectionErrorOccurred(event);
                case ConnectionEvent.LOCAL_TRANSACTION_STARTED -> l.localTransactionStarted(event);
                case ConnectionEvent.LOCAL_TRANSACTION_COMMITTED -> l.localTransactionCommitted(event);
                case ConnectionEvent.LOCAL_TRANSACTION_ROLLEDBACK -> l.localTransactionRolledback(event);
                default -> throw new java.lang.IllegalStateException("unknown connection event " + type);
            }
        }
    }

    @Override
    public XAResource getXAResource() {
        return xaResource;
    }

    @Override
    public LocalTransaction getLocalTransaction() {
        return containerTransaction;
    }

    @Override
    public ManagedConnectionMetaData getMetaData() throws ResourceException {
        if (destroyed) {
            throw new IllegalStateException("this Wharf managed connection is destroyed");
        }
        return new ManagedConnectionMetaData() {
            @Override
            public String getEISProductName() {
                return "Wharf";
            }

            @Override
            public String getEISProductVersion() throws ResourceException {
                try {
                    return physical.getMetaData().getProviderVersion();
                } catch (JMSException e) {
                    throw resourceException("the Wharf version is unknown", e);
                }
            }

            @Override
            public int getMaxConnections() {
                return 0;
            }

            @Override
            public String getUserName() {
                return credentials.userName();
            }
        };
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public String toString() {
        return "WharfManagedConnection[" + physical + "]";
    }
}
