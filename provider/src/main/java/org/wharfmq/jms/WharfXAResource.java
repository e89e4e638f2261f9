package org.wharfmq.jms;

import java.util.logging.Logger;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.wharfmq.engine.Engine;
import org.wharfmq.engine.EngineException;
import org.wharfmq.engine.XaBranch;

/**
 * The XAResource of an XASession (JMS 3.1 §6.2.8, X/Open XA through {@link XAResource}). Work done between
 * {@code start} and {@code end} belongs to the transaction branch; {@code prepare} makes it durable in the
 * journal without making it visible; {@code commit} and {@code rollback} resolve it, also from another
 * XAResource after a restart, when {@code recover} lists the prepared branches.
 */
public final class WharfXAResource implements XAResource {

    private static final Logger LOG = Logger.getLogger(WharfXAResource.class.getName());

    private final WharfXASession session;
    private final Engine engine;
    private XaBranch current;
    private int timeoutSeconds;

    WharfXAResource(WharfXASession session) {
        this.session = session;
        this.engine = session.engine;
    }

    synchronized boolean associated() {
        return current != null;
    }

    synchronized void rollbackReason(String reason) {
        if (current != null) {
            current.rollbackReason(reason);
        }
    }

    private static XAException xa(int code, String message) {
        XAException e = new XAException(message);
        e.errorCode = code;
        return e;
    }

    private static XAException xa(EngineException e) {
        int code = switch (e.kind()) {
            case UNKNOWN_TRANSACTION -> XAException.XAER_NOTA;
            case DUPLICATE_TRANSACTION -> XAException.XAER_DUPID;
            case TRANSACTION_STATE -> XAException.XAER_PROTO;
            default -> XAException.XAER_RMERR;
        };
        XAException x = xa(code, e.getMessage());
        x.initCause(e);
        return x;
    }

    private static void checkXid(Xid xid) throws XAException {
        if (xid == null || xid.getGlobalTransactionId() == null || xid.getBranchQualifier() == null) {
            throw xa(XAException.XAER_INVAL, "the Xid must not be null and must have both parts");
        }
    }

    @Override
    public synchronized void start(Xid xid, int flags) throws XAException {
        checkXid(xid);
        if (current != null) {
            throw xa(XAException.XAER_PROTO, "the session is already associated with " + current);
        }
        try {
            XaBranch.Key key = WharfXid.key(xid);
            current = switch (flags) {
                case TMNOFLAGS -> engine.xa().begin(key);
                case TMJOIN, TMRESUME -> engine.xa().find(key);
                default -> throw xa(XAException.XAER_INVAL, "start flags must be TMNOFLAGS, TMJOIN or TMRESUME");
            };
        } catch (EngineException e) {
            throw xa(e);
        }
        session.work.enterBranch(current);
    }

    @Override
    public synchronized void end(Xid xid, int flags) throws XAException {
        checkXid(xid);
        if (current == null || !current.key().equals(WharfXid.key(xid))) {
            throw xa(XAException.XAER_PROTO, "the session is not associated with " + xid);
        }
        session.work.leaveBranch();
        if (flags == TMFAIL) {
            current.markRollbackOnly();
        }
        current = null;
    }

    private XaBranch find(Xid xid) throws XAException {
        checkXid(xid);
        try {
            return engine.xa().find(WharfXid.key(xid));
        } catch (EngineException e) {
            throw xa(e);
        }
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        XaBranch b = find(xid);
        try {
            if (b.state() == XaBranch.State.ROLLBACK_ONLY) {
                engine.xa().rollback(b);
                throw xa(XAException.XA_RBROLLBACK, b + " was marked rollback-only and has been rolled back");
            }
            return engine.xa().prepare(b) ? XA_OK : XA_RDONLY;
        } catch (EngineException e) {
            throw xa(e);
        }
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        XaBranch b = find(xid);
        try {
            if (b.state() == XaBranch.State.ROLLBACK_ONLY) {
                engine.xa().rollback(b);
                throw xa(XAException.XA_RBROLLBACK, b + " was marked rollback-only and has been rolled back");
            }
            engine.xa().commit(b, onePhase);
        } catch (EngineException e) {
            throw xa(e);
        }
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        XaBranch b = find(xid);
        try {
            engine.xa().rollback(b);
        } catch (EngineException e) {
            throw xa(e);
        }
    }

    /** The prepared branches of this journal, on TMSTARTRSCAN; nothing more on later calls of the scan. */
    @Override
    public Xid[] recover(int flag) throws XAException {
        if ((flag & TMSTARTRSCAN) == 0) {
            return new Xid[0];
        }
        Xid[] inDoubt = engine.xa().prepared().stream().map(WharfXid::of).toArray(Xid[]::new);
        if (inDoubt.length > 0) {
            LOG.info(() -> "recovery scan: " + inDoubt.length
                    + " prepared branch(es) reported to the transaction manager");
        }
        return inDoubt;
    }

    /** Wharf never completes a branch heuristically, so there is nothing to forget. */
    @Override
    public void forget(Xid xid) throws XAException {
        find(xid);
    }

    /** The same resource manager means the same journal. */
    @Override
    public boolean isSameRM(XAResource other) {
        return other instanceof WharfXAResource w && w.engine.identity().equals(engine.identity());
    }

    @Override
    public synchronized int getTransactionTimeout() {
        return timeoutSeconds;
    }

    @Override
    public synchronized boolean setTransactionTimeout(int seconds) throws XAException {
        if (seconds < 0) {
            throw xa(XAException.XAER_INVAL, "the timeout must be >= 0");
        }
        timeoutSeconds = seconds;
        return true;
    }
}
