package org.wharfmq.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.LocalTransactionException;
import java.nio.ByteBuffer;
import java.util.UUID;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A resource-manager local transaction on a managed connection (Connectors 2.1 §7.7): a one-phase branch of the
 * connection's XA session under a private Xid, so that local and global transactions share one code path in the
 * provider. Two kinds exist: the container's (through {@link WharfManagedConnection#getLocalTransaction()}, no
 * events) and the application's — a session created transacted outside a JTA transaction — which announces
 * begin, commit and rollback to the connection event listeners as §6.5.6 requires.
 */
final class WharfLocalTransaction implements LocalTransaction {

    /** "WhLT": marks the Xids of local transactions, should one ever be seen by a transaction manager. */
    private static final int FORMAT_ID = 0x57684c54;

    private final WharfManagedConnection mc;
    private final boolean announced;
    private Xid xid;

    WharfLocalTransaction(WharfManagedConnection mc, boolean announced) {
        this.mc = mc;
        this.announced = announced;
    }

    synchronized boolean active() {
        return xid != null;
    }

    private XAResource resource() {
        return mc.session().getXAResource();
    }

    @Override
    public synchronized void begin() throws ResourceException {
        if (xid != null) {
            throw new LocalTransactionException("a local transaction is already active on this connection");
        }
        if (mc.inGlobalTransaction()) {
            throw new LocalTransactionException("the connection is in a global (XA) transaction");
        }
        Xid next = new LocalXid();
        try {
            resource().start(next, XAResource.TMNOFLAGS);
        } catch (XAException e) {
            throw failure("begin", e);
        }
        xid = next;
        if (announced) {
            mc.fire(ConnectionEvent.LOCAL_TRANSACTION_STARTED, null);
        }
    }

    @Override
    public synchronized void commit() throws ResourceException {
        Xid x = take("commit");
        try {
            resource().end(x, XAResource.TMSUCCESS);
            resource().commit(x, true);
        } catch (XAException e) {
            rollbackQuietly(x);
            throw failure("commit", e);
        }
        if (announced) {
            mc.fire(ConnectionEvent.LOCAL_TRANSACTION_COMMITTED, null);
        }
    }

    @Override
    public synchronized void rollback() throws ResourceException {
        Xid x = take("rollback");
        try {
            resource().end(x, XAResource.TMSUCCESS);
            resource().rollback(x);
        } catch (XAException e) {
            throw failure("rollback", e);
        }
        if (announced) {
            mc.fire(ConnectionEvent.LOCAL_TRANSACTION_ROLLEDBACK, null);
        }
    }

    private Xid take(String what) throws LocalTransactionException {
        if (xid == null) {
            throw new LocalTransactionException(what + ": no local transaction is active on this connection");
        }
        Xid x = xid;
        xid = null;
        return x;
    }

    private void rollbackQuietly(Xid x) {
        try {
            resource().rollback(x);
        } catch (XAException ignored) {
            // already rolled back by the failed commit
        }
    }

    private static LocalTransactionException failure(String what, XAException e) {
        LocalTransactionException l = new LocalTransactionException("the local transaction could not " + what + ": "
                + e.getMessage(), String.valueOf(e.errorCode));
        l.initCause(e);
        return l;
    }

    /** A private Xid: a random global id, one branch. */
    private static final class LocalXid implements Xid {
        private final byte[] gtrid;

        LocalXid() {
            UUID u = UUID.randomUUID();
            gtrid = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits())
                    .array();
        }

        @Override
        public int getFormatId() {
            return FORMAT_ID;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return gtrid.clone();
        }

        @Override
        public byte[] getBranchQualifier() {
            return new byte[] {1};
        }
    }
}
