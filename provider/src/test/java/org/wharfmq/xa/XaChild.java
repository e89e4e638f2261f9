package org.wharfmq.xa;

import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import javax.transaction.xa.XAResource;
import org.wharfmq.jms.WharfQueue;
import org.wharfmq.jms.WharfXAConnectionFactory;

/**
 * A child JVM that prepares an XA branch (receive from "xa-in", send to "xa-out"), prints "prepared", and waits
 * to be killed before any commit. Arguments: journal URL, global transaction id.
 */
public final class XaChild {

    private XaChild() {
    }

    public static void main(String[] args) throws Exception {
        XAConnection c = new WharfXAConnectionFactory(args[0]).createXAConnection();
        c.start();
        XASession s = c.createXASession();
        XAResource xa = s.getXAResource();
        TestXid xid = TestXid.of(args[1], "b1");
        xa.start(xid, XAResource.TMNOFLAGS);
        Session session = s.getSession();
        if (session.createConsumer(new WharfQueue("xa-in")).receive(5000) == null) {
            throw new IllegalStateException("nothing to receive");
        }
        session.createProducer(new WharfQueue("xa-out")).send(session.createTextMessage("from the branch"));
        xa.end(xid, XAResource.TMSUCCESS);
        System.out.println(xa.prepare(xid) == XAResource.XA_OK ? "prepared" : "not prepared");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
