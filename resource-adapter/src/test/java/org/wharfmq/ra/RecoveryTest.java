package org.wharfmq.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.wharfmq.jms.WharfConnectionFactory;
import org.wharfmq.jms.WharfQueue;
import org.wharfmq.ra.support.TestBootstrapContext;
import org.wharfmq.ra.support.TestServer;
import org.wharfmq.support.ChildJvm;

/**
 * Crash recovery through the adapter (Connectors 2.1 §7.13, §13.4.4): a JVM running the adapter under Narayana
 * is killed after its branch was prepared and before it was committed; the adapter deployed again reports the
 * branch from {@code getXAResources(...)[0].recover()}, and the transaction manager's decision — commit or
 * rollback — is applied exactly.
 */
class RecoveryTest {

    private Path directory;
    private String url;

    @BeforeEach
    void journal() throws Exception {
        directory = Files.createTempDirectory("wharf-ra-recovery-");
        url = "jdbc:h2:file:" + directory.resolve("journal").toAbsolutePath();
        try (var c = factory().createConnection()) {
            var s = c.createSession();
            s.createProducer(new WharfQueue("in")).send(s.createTextMessage("to be moved"));
        }
    }

    @AfterEach
    void delete() throws Exception {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void killBetweenPrepareAndCommit() throws Exception {
        Process child = ChildJvm.start(PrepareThenDieChild.class, url);
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("prepared", out.readLine());
        child.toHandle().destroyForcibly();
        child.waitFor();
    }

    private Message take(WharfConnectionFactory f, String queue) throws Exception {
        try (var c = f.createConnection()) {
            c.start();
            return c.createSession().createConsumer(new WharfQueue(queue)).receive(1000);
        }
    }

    /** A factory of the test's own: its last connection closes the journal (no linger), as a restart needs. */
    private WharfConnectionFactory factory() {
        WharfConnectionFactory f = new WharfConnectionFactory(url);
        f.set("engineLingerMillis", "0");
        return f;
    }

    @Test
    @DisplayName("Connectors §7.13: after a kill between prepare and commit, recover() reports the branch and commit applies it")
    void inDoubtBranchIsRecoveredAndCommitted() throws Exception {
        killBetweenPrepareAndCommit();
        WharfResourceAdapter ra = TestServer.adapter(url);
        ra.start(new TestBootstrapContext());
        try {
            WharfConnectionFactory observer = factory();
            XAResource xa = ra.getXAResources(null)[0];
            Xid[] inDoubt = xa.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
            assertEquals(1, inDoubt.length, "one prepared branch");
            assertNull(take(observer, "out"), "a prepared send stays invisible");
            assertNull(take(observer, "in"), "a prepared receive is not redelivered while in doubt");
            xa.commit(inDoubt[0], false);
            assertEquals("sent in the transaction", ((TextMessage) take(observer, "out")).getText());
            assertNull(take(observer, "in"), "the committed receive is consumed");
            assertEquals(0, xa.recover(XAResource.TMSTARTRSCAN).length);
        } finally {
            ra.stop();
        }
    }

    @Test
    @DisplayName("Connectors §7.13: after a kill between prepare and commit, a rollback decision returns the message")
    void inDoubtBranchIsRecoveredAndRolledBack() throws Exception {
        killBetweenPrepareAndCommit();
        WharfResourceAdapter ra = TestServer.adapter(url);
        ra.start(new TestBootstrapContext());
        try {
            WharfConnectionFactory observer = factory();
            XAResource xa = ra.getXAResources(null)[0];
            Xid[] inDoubt = xa.recover(XAResource.TMSTARTRSCAN);
            assertEquals(1, inDoubt.length);
            xa.rollback(inDoubt[0]);
            assertNull(take(observer, "out"), "the rolled-back send never appears");
            Message back = take(observer, "in");
            assertNotNull(back, "the rolled-back receive is delivered again");
            assertTrue(back.getJMSRedelivered());
        } finally {
            ra.stop();
        }
    }
}
