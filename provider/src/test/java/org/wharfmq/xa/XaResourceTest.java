package org.wharfmq.xa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XASession;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.jms.WharfQueue;
import org.wharfmq.jms.WharfXAConnectionFactory;
import org.wharfmq.support.ChildJvm;
import org.wharfmq.support.WharfJournal;

/** The XAResource protocol (X/Open XA, JMS 3.1 §6.2.8) driven directly, as a transaction manager would. */
class XaResourceTest {

    @RegisterExtension
    final WharfJournal journal = new WharfJournal();

    private final WharfQueue in = new WharfQueue("xa-in");
    private final WharfQueue out = new WharfQueue("xa-out");

    private XASession xaSession() throws Exception {
        WharfXAConnectionFactory f = new WharfXAConnectionFactory(journal.factoryUrl());
        f.setRedeliveryDelay(0);
        XAConnection c = journal.track(f.createXAConnection());
        c.start();
        return c.createXASession();
    }

    private void put(WharfQueue q, String text) throws Exception {
        Session s = journal.connection().createSession();
        s.createProducer(q).send(s.createTextMessage(text));
        s.close();
    }

    private Message take(WharfQueue q, long timeout) throws Exception {
        MessageConsumer c = journal.session(Session.AUTO_ACKNOWLEDGE).createConsumer(q);
        Message m = c.receive(timeout);
        c.close();
        return m;
    }

    /** Receives from "in" and sends to "out" inside the branch, then ends it. */
    private void work(XASession s, Xid xid) throws Exception {
        XAResource xa = s.getXAResource();
        xa.start(xid, XAResource.TMNOFLAGS);
        assertNotNull(s.getSession().createConsumer(in).receive(2000));
        s.getSession().createProducer(out).send(s.createTextMessage("out"));
        xa.end(xid, XAResource.TMSUCCESS);
    }

    @Test
    @DisplayName("two-phase commit: after prepare nothing is visible and the received message is held; commit applies both")
    void twoPhaseCommit() throws Exception {
        put(in, "in");
        XASession s = xaSession();
        Xid xid = TestXid.of("tx-1", "b1");
        work(s, xid);
        assertEquals(XAResource.XA_OK, s.getXAResource().prepare(xid));
        assertNull(take(out, 200), "a prepared send is not visible");
        assertNull(take(in, 200), "a prepared receive is not delivered to anyone else");
        s.getXAResource().commit(xid, false);
        assertEquals("out", ((TextMessage) take(out, 1000)).getText());
        assertNull(take(in, 200));
    }

    @Test
    @DisplayName("rollback after prepare discards the send and redelivers the received message")
    void rollbackAfterPrepare() throws Exception {
        put(in, "in");
        XASession s = xaSession();
        Xid xid = TestXid.of("tx-2", "b1");
        work(s, xid);
        s.getXAResource().prepare(xid);
        s.getXAResource().rollback(xid);
        assertNull(take(out, 200));
        Message again = take(in, 1000);
        assertTrue(again.getJMSRedelivered());
    }

    @Test
    @DisplayName("one-phase commit, and a branch that did nothing is read-only")
    void onePhaseAndReadOnly() throws Exception {
        put(in, "in");
        XASession s = xaSession();
        Xid xid = TestXid.of("tx-3", "b1");
        work(s, xid);
        s.getXAResource().commit(xid, true);
        assertNotNull(take(out, 1000));
        Xid empty = TestXid.of("tx-4", "b1");
        s.getXAResource().start(empty, XAResource.TMNOFLAGS);
        s.getXAResource().end(empty, XAResource.TMSUCCESS);
        assertEquals(XAResource.XA_RDONLY, s.getXAResource().prepare(empty));
    }

    @Test
    @DisplayName("a branch ended with TMFAIL can only roll back")
    void tmFail() throws Exception {
        put(in, "in");
        XASession s = xaSession();
        Xid xid = TestXid.of("tx-5", "b1");
        XAResource xa = s.getXAResource();
        xa.start(xid, XAResource.TMNOFLAGS);
        s.getSession().createConsumer(in).receive(2000);
        xa.end(xid, XAResource.TMFAIL);
        XAException e = assertThrows(XAException.class, () -> xa.prepare(xid));
        assertEquals(XAException.XA_RBROLLBACK, e.errorCode);
        assertNotNull(take(in, 1000), "the received message came back");
    }

    @Test
    @DisplayName("protocol errors carry the XA error codes")
    void protocolErrors() throws Exception {
        XAResource xa = xaSession().getXAResource();
        Xid xid = TestXid.of("tx-6", "b1");
        assertEquals(XAException.XAER_NOTA, assertThrows(XAException.class, () -> xa.commit(xid, false)).errorCode);
        assertEquals(XAException.XAER_NOTA, assertThrows(XAException.class, () -> xa.rollback(xid)).errorCode);
        xa.start(xid, XAResource.TMNOFLAGS);
        assertEquals(XAException.XAER_PROTO,
                assertThrows(XAException.class, () -> xa.end(TestXid.of("other", "b"), XAResource.TMSUCCESS)).errorCode);
        xa.end(xid, XAResource.TMSUCCESS);
        XAResource other = xaSession().getXAResource();
        assertEquals(XAException.XAER_DUPID,
                assertThrows(XAException.class, () -> other.start(xid, XAResource.TMNOFLAGS)).errorCode);
        xa.rollback(xid);
    }

    @Test
    @DisplayName("a prepared branch survives a restart: recover lists it and commit completes it")
    void recoverAfterRestart() throws Exception {
        put(in, "in");
        XASession s = xaSession();
        Xid xid = TestXid.of("tx-7", "b1");
        work(s, xid);
        s.getXAResource().prepare(xid);
        journal.closeAll();
        XAResource fresh = xaSession().getXAResource();
        Xid[] inDoubt = fresh.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
        assertEquals(1, inDoubt.length);
        assertArrayEquals(xid.getGlobalTransactionId(), inDoubt[0].getGlobalTransactionId());
        assertNull(take(in, 200), "the prepared receive is still held after the restart");
        fresh.commit(inDoubt[0], false);
        assertEquals("out", ((TextMessage) take(out, 1000)).getText());
        assertNull(take(in, 200));
        assertEquals(0, fresh.recover(XAResource.TMSTARTRSCAN).length);
    }

    @Test
    @DisplayName("a JVM killed between prepare and commit: the branch is in doubt after the restart and can roll back")
    void killedBetweenPrepareAndCommit() throws Exception {
        put(in, "in");
        journal.closeAll();
        Process child = ChildJvm.start(XaChild.class, journal.url(), "killed-tx");
        BufferedReader outLines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("prepared", outLines.readLine());
        child.toHandle().destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        XAResource fresh = xaSession().getXAResource();
        Xid[] inDoubt = fresh.recover(XAResource.TMSTARTRSCAN);
        assertEquals(1, inDoubt.length, "the prepared branch is reported");
        assertNull(take(out, 200));
        assertNull(take(in, 200));
        fresh.rollback(inDoubt[0]);
        assertNull(take(out, 200), "the rolled-back send never appears");
        Message back = take(in, 1000);
        assertNotNull(back, "the received message is back");
        assertTrue(back.getJMSRedelivered());
    }

    @Test
    @DisplayName("isSameRM means the same journal; an XASession is transacted by its transaction manager")
    void sameRmAndSessionRules() throws Exception {
        XASession a = xaSession();
        XASession b = xaSession();
        assertTrue(a.getXAResource().isSameRM(b.getXAResource()));
        WharfXAConnectionFactory elsewhere = new WharfXAConnectionFactory(journal.url() + "-other?engineLingerMillis=0");
        XAConnection other = journal.track(elsewhere.createXAConnection());
        assertFalse(a.getXAResource().isSameRM(other.createXASession().getXAResource()));
        assertTrue(a.getTransacted());
        assertThrows(TransactionInProgressException.class, a::commit);
        assertThrows(TransactionInProgressException.class, a::rollback);
        XAJMSContext ctx = journal.track(new WharfXAConnectionFactory(journal.factoryUrl()).createXAContext());
        assertNotNull(ctx.getXAResource());
        assertTrue(ctx.getTransacted());
    }

    @Test
    @DisplayName("outside a branch an XASession acknowledges and sends at once")
    void outsideABranch() throws Exception {
        put(in, "in");
        XASession s = xaSession();
        assertNotNull(s.getSession().createConsumer(in).receive(1000));
        s.getSession().createProducer(out).send(s.createTextMessage("direct"));
        assertNotNull(take(out, 1000));
        s.close();
        assertNull(take(in, 200), "acknowledged");
    }
}
