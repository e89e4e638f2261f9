package org.wharfmq.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueConnectionFactory;
import jakarta.jms.XASession;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicConnectionFactory;
import java.nio.charset.StandardCharsets;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.tck.support.Jms;

/** JMS 3.1 §6.2.8 distributed transactions: XA factories, connections, sessions and contexts, and their XAResource. */
class XaTransactionsTest {

    @RegisterExtension
    final Jms jms = new Jms();

    /** An Xid as a transaction manager makes one. */
    record TestXid(int formatId, byte[] gtrid, byte[] bqual) implements Xid {
        static TestXid of(String global) {
            return new TestXid(77, global.getBytes(StandardCharsets.UTF_8), "b".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public int getFormatId() {
            return formatId;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return gtrid.clone();
        }

        @Override
        public byte[] getBranchQualifier() {
            return bqual.clone();
        }
    }

    /** Receives with a consumer that is closed afterwards, so that no provider prefetches into it. */
    private Message take(Queue q, long timeout) throws Exception {
        try (Session s = jms.session(Session.AUTO_ACKNOWLEDGE); jakarta.jms.MessageConsumer c = s.createConsumer(q)) {
            return c.receive(timeout);
        }
    }

    @Test
    @DisplayName("§6.2.8 work in a branch becomes visible only when the branch commits (two-phase)")
    void twoPhaseCommit() throws Exception {
        XAConnectionFactory f = jms.xaFactory();
        XAConnection c = jms.track(f.createXAConnection());
        c.start();
        XASession s = c.createXASession();
        assertTrue(s.getTransacted());
        Queue q = jms.queue("q");
        XAResource xa = s.getXAResource();
        Xid xid = TestXid.of(jms.name("2pc"));
        xa.start(xid, XAResource.TMNOFLAGS);
        s.getSession().createProducer(q).send(s.createTextMessage("in the branch"));
        xa.end(xid, XAResource.TMSUCCESS);
        assertNull(take(q, Jms.ABSENT));
        assertEquals(XAResource.XA_OK, xa.prepare(xid));
        assertNull(take(q, Jms.ABSENT));
        xa.commit(xid, false);
        assertEquals("in the branch", ((TextMessage) take(q, Jms.ARRIVES)).getText());
        assertThrows(TransactionInProgressException.class, s::commit);
        assertThrows(TransactionInProgressException.class, s::rollback);
    }

    @Test
    @DisplayName("§6.2.8, §6.2.11 an XASession is transacted: recover() throws IllegalStateException")
    void xaSessionRecoverIsIllegal() throws Exception {
        XAConnection c = jms.track(jms.xaFactory().createXAConnection());
        XASession s = c.createXASession();
        assertTrue(s.getTransacted());
        assertThrows(jakarta.jms.IllegalStateException.class, s::recover);
    }

    @Test
    @DisplayName("§6.2.8 X/Open XA association rules: one branch at a time, end only what was started, TMJOIN joins")
    void associationRules() throws Exception {
        XAConnection c = jms.track(jms.xaFactory().createXAConnection());
        XASession s = c.createXASession();
        XAResource xa = s.getXAResource();
        Xid a = TestXid.of(jms.name("assoc-a"));
        Xid b = TestXid.of(jms.name("assoc-b"));
        assertXaError(javax.transaction.xa.XAException.XAER_INVAL, () -> xa.start(null, XAResource.TMNOFLAGS));
        xa.start(a, XAResource.TMNOFLAGS);
        assertXaError(javax.transaction.xa.XAException.XAER_PROTO, () -> xa.start(b, XAResource.TMNOFLAGS));
        assertXaError(javax.transaction.xa.XAException.XAER_PROTO, () -> xa.end(b, XAResource.TMSUCCESS));
        xa.end(a, XAResource.TMSUCCESS);
        XASession other = c.createXASession();
        other.getXAResource().start(a, XAResource.TMJOIN);
        other.getSession().createProducer(jms.queue("joined")).send(other.createTextMessage("joined"));
        other.getXAResource().end(a, XAResource.TMSUCCESS);
        xa.commit(a, true);
        assertEquals("joined", ((TextMessage) take(jms.queue("joined"), Jms.ARRIVES)).getText());
    }

    private interface XaCall {
        void run() throws javax.transaction.xa.XAException;
    }

    private static void assertXaError(int code, XaCall call) {
        javax.transaction.xa.XAException e = assertThrows(javax.transaction.xa.XAException.class, call::run);
        assertEquals(code, e.errorCode, "XAException error code");
    }

    @Test
    @DisplayName("§6.2.8 recover lists a prepared branch, and any XAResource of the provider can complete it")
    void recoverAndCompleteElsewhere() throws Exception {
        XAConnection c = jms.track(jms.xaFactory().createXAConnection());
        XASession s = c.createXASession();
        Queue q = jms.queue("q");
        Xid xid = TestXid.of(jms.name("recover"));
        XAResource xa = s.getXAResource();
        xa.start(xid, XAResource.TMNOFLAGS);
        s.getSession().createProducer(q).send(s.createTextMessage("recovered"));
        xa.end(xid, XAResource.TMSUCCESS);
        xa.prepare(xid);
        XAResource other = jms.track(jms.xaFactory().createXAConnection()).createXASession().getXAResource();
        boolean listed = false;
        for (Xid x : other.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)) {
            listed |= java.util.Arrays.equals(x.getGlobalTransactionId(), xid.getGlobalTransactionId());
        }
        assertTrue(listed, "the prepared branch is reported by recover");
        other.commit(xid, false);
        assertEquals("recovered", ((TextMessage) take(q, Jms.ARRIVES)).getText());
    }

    @Test
    @DisplayName("§6.2.8 XA protocol: transaction timeout, a failed branch rolls back, forget of an unknown branch")
    void protocolDetails() throws Exception {
        Queue q = jms.queue("q");
        XAConnection c = jms.track(jms.xaFactory().createXAConnection());
        XASession s = c.createXASession();
        XAResource xa = s.getXAResource();
        xa.setTransactionTimeout(30);
        assertTrue(xa.getTransactionTimeout() >= 0);
        Xid failed = TestXid.of(jms.name("failed"));
        xa.start(failed, XAResource.TMNOFLAGS);
        s.getSession().createProducer(q).send(s.createTextMessage("never"));
        xa.end(failed, XAResource.TMFAIL);
        xa.rollback(failed);
        assertNull(take(q, Jms.ABSENT));
        javax.transaction.xa.XAException e = assertThrows(javax.transaction.xa.XAException.class,
                () -> xa.forget(TestXid.of(jms.name("never-seen"))));
        assertEquals(javax.transaction.xa.XAException.XAER_NOTA, e.errorCode);
    }

    @Test
    @DisplayName("§6.2.8 completing an unknown branch is XAER_NOTA")
    void unknownBranch() throws Exception {
        XAResource xa = jms.track(jms.xaFactory().createXAConnection()).createXASession().getXAResource();
        Xid xid = TestXid.of(jms.name("unknown"));
        javax.transaction.xa.XAException e = assertThrows(javax.transaction.xa.XAException.class,
                () -> xa.commit(xid, false));
        assertEquals(javax.transaction.xa.XAException.XAER_NOTA, e.errorCode);
    }

    @Test
    @DisplayName("§6.2.8 a rolled-back branch delivers its received message again and sends nothing")
    void rollback() throws Exception {
        Queue q = jms.queue("q");
        Queue out = jms.queue("out");
        jms.session(Session.AUTO_ACKNOWLEDGE).createProducer(q).send(jms.session(Session.AUTO_ACKNOWLEDGE)
                .createTextMessage("m"));
        XAQueueConnection c = jms.track(((XAQueueConnectionFactory) jms.xaFactory()).createXAQueueConnection());
        c.start();
        jakarta.jms.XAQueueSession s = c.createXAQueueSession();
        assertNotNull(s.getQueueSession());
        XAResource xa = s.getXAResource();
        Xid xid = TestXid.of(jms.name("rb"));
        xa.start(xid, XAResource.TMNOFLAGS);
        try (jakarta.jms.MessageConsumer consumer = s.getSession().createConsumer(q)) {
            assertNotNull(consumer.receive(Jms.ARRIVES));
        }
        s.getSession().createProducer(out).send(s.createTextMessage("never"));
        xa.end(xid, XAResource.TMSUCCESS);
        xa.rollback(xid);
        assertNull(take(out, Jms.ABSENT));
        Message again = take(q, Jms.ARRIVES);
        assertNotNull(again);
        assertTrue(again.getJMSRedelivered());
    }

    @Test
    @DisplayName("§6.2.8 XA connections also create ordinary sessions; an XAJMSContext is committed by its transaction manager")
    void ordinaryApiOnXaObjects() throws Exception {
        XAConnection c = jms.track(jms.xaFactory().createXAConnection());
        Session plain = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertNotNull(plain.createTextMessage("plain"));
        XAQueueConnection qc = jms.track(((XAQueueConnectionFactory) jms.xaFactory()).createXAQueueConnection());
        assertNotNull(qc.createQueueSession(false, Session.AUTO_ACKNOWLEDGE));
        XATopicConnection tc = jms.track(((XATopicConnectionFactory) jms.xaFactory()).createXATopicConnection());
        assertNotNull(tc.createTopicSession(false, Session.AUTO_ACKNOWLEDGE));
        XAJMSContext ctx = jms.track(jms.xaFactory().createXAContext());
        assertTrue(ctx.getTransacted());
        assertThrows(jakarta.jms.TransactionInProgressRuntimeException.class, ctx::commit);
        assertThrows(jakarta.jms.TransactionInProgressRuntimeException.class, ctx::rollback);
    }

    @Test
    @DisplayName("§6.2.8 every XA factory and connection kind, and an XAJMSContext committed in one phase")
    void factoriesAndContexts() throws Exception {
        XAConnectionFactory f = jms.xaFactory();
        assertNotNull(jms.track(f.createXAConnection("u", "p")));
        XAQueueConnectionFactory qf = (XAQueueConnectionFactory) f;
        assertNotNull(jms.track(qf.createXAQueueConnection("u", "p")).createXAQueueSession());
        XATopicConnectionFactory tf = (XATopicConnectionFactory) f;
        XATopicConnection tc = jms.track(tf.createXATopicConnection());
        assertNotNull(tc.createXATopicSession().getTopicSession());
        assertNotNull(jms.track(tf.createXATopicConnection("u", "p")));
        assertNotNull(jms.track(f.createXAContext("u", "p")));
        XAJMSContext ctx = jms.track(f.createXAContext());
        JMSContext inner = ctx.getContext();
        Queue q = jms.queue("ctx");
        XAResource xa = ctx.getXAResource();
        Xid xid = TestXid.of(jms.name("ctx"));
        xa.start(xid, XAResource.TMNOFLAGS);
        inner.createProducer().send(q, "via context");
        xa.end(xid, XAResource.TMSUCCESS);
        xa.commit(xid, true);
        assertEquals("via context", ((TextMessage) take(q, Jms.ARRIVES)).getText());
    }

    private static int errorCode(org.junit.jupiter.api.function.Executable call) {
        return org.junit.jupiter.api.Assertions.assertThrows(javax.transaction.xa.XAException.class, call).errorCode;
    }

    @Test
    @DisplayName("X/Open XA as javax.transaction.xa.XAResource states it: unknown branch XAER_NOTA, a branch started twice XAER_DUPID")
    void xaErrorCodes() throws Exception {
        XAConnection c = jms.track(jms.xaFactory().createXAConnection());
        XAResource xa = c.createXASession().getXAResource();
        Xid unknown = TestXid.of(jms.name("never-started"));
        assertEquals(javax.transaction.xa.XAException.XAER_NOTA, errorCode(() -> xa.commit(unknown, true)));
        assertEquals(javax.transaction.xa.XAException.XAER_NOTA, errorCode(() -> xa.commit(unknown, false)));
        assertEquals(javax.transaction.xa.XAException.XAER_NOTA, errorCode(() -> xa.prepare(unknown)));
        assertEquals(javax.transaction.xa.XAException.XAER_NOTA, errorCode(() -> xa.rollback(unknown)));
        assertEquals(javax.transaction.xa.XAException.XAER_NOTA, errorCode(() -> xa.forget(unknown)));
        Xid xid = TestXid.of(jms.name("twice"));
        xa.start(xid, XAResource.TMNOFLAGS);
        XAResource other = jms.track(jms.xaFactory().createXAConnection()).createXASession().getXAResource();
        assertEquals(javax.transaction.xa.XAException.XAER_DUPID,
                errorCode(() -> other.start(xid, XAResource.TMNOFLAGS)));
        xa.end(xid, XAResource.TMSUCCESS);
        xa.rollback(xid);
    }
}
