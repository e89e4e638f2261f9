package org.wharfmq.shared;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.engine.EngineRegistry;
import org.wharfmq.jms.WharfConnectionFactory;
import org.wharfmq.jms.WharfQueue;
import org.wharfmq.jms.WharfXAConnectionFactory;
import org.wharfmq.support.ChildJvm;
import org.wharfmq.support.Postgres;
import org.wharfmq.xa.TestXid;
import org.wharfmq.xa.XaChild;

/**
 * XA on the shared journal, a real PostgreSQL: a prepared branch's sends invisible and its received messages held —
 * by its node, also when that node is killed and its lease lapses — until the branch is committed or rolled back,
 * by the same node or by a node restarted under its name, whose {@code recover()} lists it.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SharedXaTest {

    @RegisterExtension
    final Postgres postgres = new Postgres();

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final WharfQueue in = new WharfQueue("xa-in");
    private final WharfQueue out = new WharfQueue("xa-out");

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        assertEquals(0, EngineRegistry.openEngines(), "an engine is still open after every connection was closed");
    }

    private String url(String node) {
        return postgres.url() + "&engineLingerMillis=0&redeliveryDelay=0&nodeLeaseSeconds=3&nodeName=" + node;
    }

    private XASession xaSession(String node) throws Exception {
        XAConnection c = new WharfXAConnectionFactory(url(node)).createXAConnection();
        opened.add(c);
        c.start();
        return c.createXASession();
    }

    private Session session(String node) throws Exception {
        Connection c = new WharfConnectionFactory(url(node)).createConnection();
        opened.add(c);
        c.start();
        return c.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    private long rows(String sql) throws Exception {
        try (java.sql.Connection c = postgres.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void work(XASession s, Xid xid) throws Exception {
        XAResource xa = s.getXAResource();
        xa.start(xid, XAResource.TMNOFLAGS);
        assertNotNull(s.getSession().createConsumer(in).receive(5000));
        s.getSession().createProducer(out).send(s.createTextMessage("out"));
        xa.end(xid, XAResource.TMSUCCESS);
    }

    @Test
    @DisplayName("two-phase commit: after prepare the send is invisible and the received message held; commit applies both")
    void twoPhaseCommit() throws Exception {
        Session plain = session("a");
        plain.createProducer(in).send(plain.createTextMessage("in"));
        XASession s = xaSession("a");
        Xid xid = TestXid.of("tx-1", "b1");
        work(s, xid);
        assertEquals(XAResource.XA_OK, s.getXAResource().prepare(xid));
        assertEquals(1, rows("SELECT count(*) FROM wharf_xa"));
        MessageConsumer outConsumer = plain.createConsumer(out);
        assertNull(outConsumer.receive(300), "a prepared send is invisible");
        assertNull(plain.createConsumer(in).receive(300), "a prepared acknowledgement holds its message");
        s.getXAResource().commit(xid, false);
        assertEquals("out", ((TextMessage) outConsumer.receive(5000)).getText());
        assertEquals(0, rows("SELECT count(*) FROM wharf_xa"));
        assertEquals(0, rows("SELECT count(*) FROM wharf_entry"));
    }

    @Test
    @DisplayName("rollback of a prepared branch: its send is gone, its received message comes back marked redelivered")
    void rollbackPrepared() throws Exception {
        Session plain = session("a");
        plain.createProducer(in).send(plain.createTextMessage("in"));
        XASession s = xaSession("a");
        Xid xid = TestXid.of("tx-2", "b1");
        work(s, xid);
        s.getXAResource().prepare(xid);
        s.getXAResource().rollback(xid);
        Message again = plain.createConsumer(in).receive(5000);
        assertNotNull(again);
        assertTrue(again.getJMSRedelivered());
        assertNull(plain.createConsumer(out).receive(300));
        assertEquals(0, rows("SELECT count(*) FROM wharf_message WHERE id NOT IN (SELECT message_id FROM wharf_entry)"),
                "the rolled-back send's message row is gone");
    }

    @Test
    @DisplayName("a branch prepared on a node that is killed stays in doubt past its lease — no other node gets its"
            + " message — until the node restarted under its name commits it from recover()")
    void preparedOnKilledNode() throws Exception {
        Session plain = session("a");
        plain.createProducer(in).send(plain.createTextMessage("in"));
        Process child = ChildJvm.start(XaChild.class, url("x"), "tx-3");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            assertEquals("prepared", r.readLine());
        }
        child.destroyForcibly().waitFor();
        // node a waits longer than node x's lease: the message the branch acknowledged must not come to it
        assertNull(plain.createConsumer(in).receive(6000), "an in-doubt branch's message went to another node");
        assertNull(plain.createConsumer(out).receive(100), "an in-doubt branch's send became visible");
        for (AutoCloseable c : opened) {
            c.close();
        }
        opened.clear();
        // node x again (this host, its process gone: no wait for the lease)
        XASession x = xaSession("x");
        Xid[] inDoubt = x.getXAResource().recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
        assertEquals(1, inDoubt.length);
        assertArrayEquals("tx-3".getBytes(java.nio.charset.StandardCharsets.UTF_8), inDoubt[0].getGlobalTransactionId());
        x.getXAResource().commit(inDoubt[0], false);
        Session after = session("x");
        assertEquals("from the branch", ((TextMessage) after.createConsumer(out).receive(5000)).getText());
        assertNull(after.createConsumer(in).receive(300));
        assertEquals(0, rows("SELECT count(*) FROM wharf_xa"));
        assertEquals(0, rows("SELECT count(*) FROM wharf_entry"));
    }
}
