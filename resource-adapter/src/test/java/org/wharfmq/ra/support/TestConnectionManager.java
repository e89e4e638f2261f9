package org.wharfmq.ra.support;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.Subject;

/**
 * What an application server's connection manager does with a resource adapter (Connectors 2.1 §6.5, §7.9): a
 * pool of managed connections matched with {@code matchManagedConnections}, enlistment of the connection's
 * XAResource in the caller's JTA transaction (one connection per transaction: connection sharing), return to the
 * pool on CONNECTION_CLOSED — or, when enlisted, once the transaction completes — and destruction on
 * CONNECTION_ERROR_OCCURRED. It records every event so tests can check the adapter's side of the contract.
 */
public final class TestConnectionManager implements ConnectionManager {

    private static final long serialVersionUID = 1L;

    private final transient TransactionManager tm;
    private final transient Set<ManagedConnection> idle = new HashSet<>();
    private final transient Set<ManagedConnection> all = ConcurrentHashMap.newKeySet();
    private final transient Map<Transaction, ManagedConnection> enlisted = new ConcurrentHashMap<>();
    private final transient Map<ManagedConnection, Integer> openHandles = new ConcurrentHashMap<>();
    private final transient List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
    private transient Subject subject;

    public TestConnectionManager(TransactionManager tm) {
        this.tm = tm;
    }

    /** Container-managed sign-on: connections are created for this Subject. */
    public void signOnAs(Subject subject) {
        this.subject = subject;
    }

    public List<ConnectionEvent> events() {
        return events;
    }

    public List<Integer> eventTypes() {
        List<Integer> types = new ArrayList<>();
        for (ConnectionEvent e : events) {
            types.add(e.getId());
        }
        return types;
    }

    public synchronized int idleCount() {
        return idle.size();
    }

    public int createdCount() {
        return all.size();
    }

    @Override
    public Object allocateConnection(ManagedConnectionFactory mcf, ConnectionRequestInfo info) throws ResourceException {
        Transaction tx = activeTransaction();
        ManagedConnection mc = tx == null ? null : enlisted.get(tx);
        if (mc == null) {
            mc = fromPool(mcf, info);
            if (tx != null) {
                enlist(tx, mc);
            }
        }
        Object handle = mc.getConnection(subject, info);
        openHandles.merge(mc, 1, Integer::sum);
        return handle;
    }

    private Transaction activeTransaction() throws ResourceException {
        try {
            Transaction tx = tm.getTransaction();
            return tx != null && tx.getStatus() == Status.STATUS_ACTIVE ? tx : null;
        } catch (Exception e) {
            throw new ResourceException(e);
        }
    }

    private ManagedConnection fromPool(ManagedConnectionFactory mcf, ConnectionRequestInfo info) throws ResourceException {
        synchronized (this) {
            ManagedConnection match = mcf.matchManagedConnections(new HashSet<>(idle), subject, info);
            if (match != null) {
                idle.remove(match);
                return match;
            }
        }
        ManagedConnection mc = mcf.createManagedConnection(subject, info);
        all.add(mc);
        mc.addConnectionEventListener(new Listener(mc));
        return mc;
    }

    private void enlist(Transaction tx, ManagedConnection mc) throws ResourceException {
        try {
            tx.enlistResource(mc.getXAResource());
            enlisted.put(tx, mc);
            tx.registerSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    enlisted.remove(tx);
                    if (openHandles.getOrDefault(mc, 0) == 0) {
                        backToPool(mc);
                    }
                }
            });
        } catch (Exception e) {
            throw new ResourceException("enlistment failed", e);
        }
    }

    private void backToPool(ManagedConnection mc) {
        try {
            mc.cleanup();
            synchronized (this) {
                idle.add(mc);
            }
        } catch (ResourceException e) {
            destroy(mc);
        }
    }

    private void destroy(ManagedConnection mc) {
        synchronized (this) {
            idle.remove(mc);
        }
        all.remove(mc);
        try {
            mc.destroy();
        } catch (ResourceException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Shuts the pool down as a server does at undeployment. */
    public void destroyAll() {
        for (ManagedConnection mc : new ArrayList<>(all)) {
            destroy(mc);
        }
    }

    private final class Listener implements ConnectionEventListener {
        private final ManagedConnection mc;

        Listener(ManagedConnection mc) {
            this.mc = mc;
        }

        @Override
        public void connectionClosed(ConnectionEvent event) {
            events.add(event);
            int left = openHandles.merge(mc, -1, Integer::sum);
            if (left == 0 && !enlisted.containsValue(mc)) {
                backToPool(mc);
            }
        }

        @Override
        public void connectionErrorOccurred(ConnectionEvent event) {
            events.add(event);
            destroy(mc);
        }

        @Override
        public void localTransactionStarted(ConnectionEvent event) {
            events.add(event);
        }

        @Override
        public void localTransactionCommitted(ConnectionEvent event) {
            events.add(event);
        }

        @Override
        public void localTransactionRolledback(ConnectionEvent event) {
            events.add(event);
        }
    }
}
