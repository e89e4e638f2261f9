package org.wharfmq.ra;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.transaction.TransactionManager;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.wharfmq.jms.WharfQueue;
import org.wharfmq.ra.support.TestBootstrapContext;
import org.wharfmq.ra.support.TestConnectionManager;
import org.wharfmq.ra.support.TestServer;

/**
 * A child JVM that plays an application server in the middle of a two-phase commit: the adapter deployed on a
 * journal, a JTA transaction (Narayana) in which a pooled JMSContext receives from "in" and sends to "out", and a
 * second resource that, when Narayana starts the commit phase, prints "prepared" and blocks — so that the parent
 * kills the JVM after every branch is prepared and before Wharf's commits. Arguments: the journal URL.
 */
public final class PrepareThenDieChild {

    private PrepareThenDieChild() {
    }

    public static void main(String[] args) throws Exception {
        WharfResourceAdapter ra = TestServer.adapter(args[0]);
        ra.start(new TestBootstrapContext());
        TransactionManager tm = TestServer.transactionManager();
        WharfManagedConnectionFactory mcf = new WharfManagedConnectionFactory();
        mcf.setResourceAdapter(ra);
        ConnectionFactory cf = (ConnectionFactory) mcf.createConnectionFactory(new TestConnectionManager(tm));

        tm.begin();
        tm.getTransaction().enlistResource(new BlockOnCommit());
        try (JMSContext ctx = cf.createContext()) {
            if (ctx.createConsumer(new WharfQueue("in")).receive(5000) == null) {
                throw new IllegalStateException("nothing to receive from 'in'");
            }
            ctx.createProducer().send(new WharfQueue("out"), "sent in the transaction");
        }
        tm.commit();
        throw new IllegalStateException("the commit was expected to block");
    }

    /** A resource that prepares and then never finishes its commit, announcing that the point has come. */
    static final class BlockOnCommit implements XAResource {
        @Override
        public void commit(Xid xid, boolean onePhase) {
            System.out.println("prepared");
            System.out.flush();
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public int prepare(Xid xid) {
            return XA_OK;
        }

        @Override
        public void end(Xid xid, int flags) {
        }

        @Override
        public void start(Xid xid, int flags) {
        }

        @Override
        public void forget(Xid xid) {
        }

        @Override
        public int getTransactionTimeout() {
            return 0;
        }

        @Override
        public boolean isSameRM(XAResource other) {
            return false;
        }

        @Override
        public Xid[] recover(int flag) {
            return new Xid[0];
        }

        @Override
        public void rollback(Xid xid) throws XAException {
        }

        @Override
        public boolean setTransactionTimeout(int seconds) {
            return false;
        }
    }
}
