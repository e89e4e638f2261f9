package org.wharfmq.xa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.transaction.xa.XAResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.jms.WharfQueue;
import org.wharfmq.jms.WharfXAConnectionFactory;
import org.wharfmq.support.WharfJournal;

/**
 * Wharf under a real transaction manager (Narayana): a message moved from a queue in one journal to a queue in
 * another, in one JTA transaction — two resource managers, so a true two-phase commit.
 */
class NarayanaTwoPhaseTest {

    @RegisterExtension
    final WharfJournal journal = new WharfJournal();

    private static TransactionManager tm;

    @BeforeAll
    static void transactionManager() throws Exception {
        Path store = Files.createTempDirectory("narayana-");
        System.setProperty("ObjectStoreEnvironmentBean.objectStoreDir", store.toString());
        System.setProperty("com.arjuna.ats.arjuna.objectstore.objectStoreDir", store.toString());
        tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
    }

    private XASession session(String url) throws Exception {
        WharfXAConnectionFactory f = new WharfXAConnectionFactory(url);
        f.setRedeliveryDelay(0);
        f.set("engineLingerMillis", "0");
        XAConnection c = journal.track(f.createXAConnection());
        c.start();
        return c.createXASession();
    }

    private String url(String name) {
        return "jdbc:h2:file:" + journal.directory().resolve(name).toAbsolutePath();
    }

    private void put(String url, String queue, String text) throws Exception {
        XASession s = session(url);
        s.getSession().createProducer(new WharfQueue(queue)).send(s.createTextMessage(text));
    }

    private Message take(String url, String queue) throws Exception {
        return session(url).getSession().createConsumer(new WharfQueue(queue)).receive(500);
    }

    /** Moves one message from journal A's "source" to journal B's "target" inside a JTA transaction. */
    private void move(boolean commit) throws Exception {
        XASession a = session(url("a"));
        XASession b = session(url("b"));
        tm.begin();
        Transaction tx = tm.getTransaction();
        assertTrue(tx.enlistResource(a.getXAResource()));
        assertTrue(tx.enlistResource(b.getXAResource()));
        Message m = a.getSession().createConsumer(new WharfQueue("source")).receive(2000);
        assertNotNull(m);
        b.getSession().createProducer(new WharfQueue("target")).send(b.createTextMessage(((TextMessage) m).getText()));
        tx.delistResource(a.getXAResource(), XAResource.TMSUCCESS);
        tx.delistResource(b.getXAResource(), XAResource.TMSUCCESS);
        if (commit) {
            tm.commit();
        } else {
            tm.rollback();
        }
    }

    @Test
    @DisplayName("JTA commit across two journals: the message leaves one and arrives in the other")
    void commitAcrossJournals() throws Exception {
        put(url("a"), "source", "order 7");
        move(true);
        assertEquals("order 7", ((TextMessage) take(url("b"), "target")).getText());
        assertNull(take(url("a"), "source"));
    }

    @Test
    @DisplayName("JTA rollback across two journals: the message stays where it was, redelivered, and arrives nowhere")
    void rollbackAcrossJournals() throws Exception {
        put(url("a"), "source", "order 8");
        move(false);
        assertNull(take(url("b"), "target"));
        Message back = take(url("a"), "source");
        assertNotNull(back);
        assertTrue(back.getJMSRedelivered());
    }

    @Test
    @DisplayName("JTA with one Wharf resource: the transaction manager may commit in one phase")
    void onePhase() throws Exception {
        put(url("a"), "source", "solo");
        XASession a = session(url("a"));
        tm.begin();
        tm.getTransaction().enlistResource(a.getXAResource());
        Session s = a.getSession();
        assertNotNull(s.createConsumer(new WharfQueue("source")).receive(2000));
        s.createProducer(new WharfQueue("done")).send(s.createTextMessage("ok"));
        tm.getTransaction().delistResource(a.getXAResource(), XAResource.TMSUCCESS);
        tm.commit();
        assertNotNull(take(url("a"), "done"));
        assertNull(take(url("a"), "source"));
    }
}
