package org.wharfmq.ra;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * The XAResource a managed connection gives the transaction manager (Connectors 2.1 §7.6): the physical XA
 * session's own, plus the knowledge of whether the container has the session in a transaction branch right now —
 * which decides how the application's session handle behaves (JMS 3.1 §12.3). Every Wharf XAResource on the same
 * journal is the same resource manager, wrapped or not.
 */
final class ManagedXAResource implements XAResource {

    private final XAResource delegate;
    private volatile boolean associated;

    ManagedXAResource(XAResource delegate) {
        this.delegate = delegate;
    }

    /** True between start and end: the session's work belongs to the container's transaction. */
    boolean associated() {
        return associated;
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        delegate.start(xid, flags);
        associated = true;
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        try {
            delegate.end(xid, flags);
        } finally {
            associated = false;
        }
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        return delegate.prepare(xid);
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        delegate.commit(xid, onePhase);
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        delegate.rollback(xid);
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        return delegate.recover(flag);
    }

    @Override
    public void forget(Xid xid) throws XAException {
        delegate.forget(xid);
    }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        return delegate.isSameRM(other instanceof ManagedXAResource m ? m.delegate : other);
    }

    @Override
    public int getTransactionTimeout() throws XAException {
        return delegate.getTransactionTimeout();
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return delegate.setTransactionTimeout(seconds);
    }

    @Override
    public String toString() {
        return "Wharf XAResource[" + delegate + "]";
    }
}
