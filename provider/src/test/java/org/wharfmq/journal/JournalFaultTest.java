package org.wharfmq.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.jms.WharfConnectionFactory;
import org.wharfmq.jms.WharfQueue;
import org.wharfmq.support.WharfJournal;

/** Journal failures injected at the dialect seam, and a real full disk where the machine lets a test make one. */
class JournalFaultTest {

    @RegisterExtension
    final WharfJournal journal = new WharfJournal();

    @RegisterExtension
    final FaultyH2Dialect.Installed faults = new FaultyH2Dialect.Installed();

    private static List<String> drain(Session s, String queue) throws JMSException {
        MessageConsumer c = s.createConsumer(new WharfQueue(queue));
        List<String> texts = new ArrayList<>();
        for (Message m; (m = c.receive(300)) != null; ) {
            texts.add(((TextMessage) m).getText());
        }
        return texts;
    }

    @Test
    @DisplayName("a commit the database refuses fails the send with a JMSException that says so; what was stored before stays, and the next send works")
    void failedCommitFailsTheSendOnly() throws Exception {
        Session s = journal.connection().createSession();
        MessageProducer p = s.createProducer(new WharfQueue("q"));
        p.send(s.createTextMessage("a"));
        FaultyH2Dialect.failCommits.set(1);
        JMSException e = assertThrows(JMSException.class, () -> p.send(s.createTextMessage("b")));
        assertTrue(e.getMessage().contains("injected: the commit failed"), e.getMessage());
        p.send(s.createTextMessage("c"));
        journal.closeAll();
        assertEquals(List.of("a", "c"), drain(journal.session(Session.AUTO_ACKNOWLEDGE), "q"));
    }

    @Test
    @DisplayName("a sync that fails after the commit fails the send with a JMSException saying the message is stored but might not survive a power loss")
    void failedSyncIsReportedAsSuch() throws Exception {
        Session s = journal.connection().createSession();
        MessageProducer p = s.createProducer(new WharfQueue("q"));
        p.send(s.createTextMessage("a"));
        // with the redo log, the database file is forced at most once a second: the next send after that forces it
        Thread.sleep(GroupCommitWriter.DATABASE_SYNC_NANOS / 1_000_000 + 100);
        FaultyH2Dialect.failForces.set(1);
        JMSException e = assertThrows(JMSException.class, () -> p.send(s.createTextMessage("b")));
        assertTrue(e.getMessage().contains("could not force it to disk"), e.getMessage());
        p.send(s.createTextMessage("c"));
        journal.closeAll();
        assertEquals(List.of("a", "b", "c"), drain(journal.session(Session.AUTO_ACKNOWLEDGE), "q"));
    }

    @Test
    @DisplayName("§10.3 a full disk fails the send with ResourceAllocationException; once space returns Wharf works again without a restart, and every message whose send returned is there")
    void fullDiskIsResourceAllocation() throws Exception {
        Path mount = journal.directory().resolve("small-disk");
        Files.createDirectories(mount);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount.toString()),
                "this machine does not let the test mount a small tmpfs");
        try {
            Path filler = mount.resolve("filler");
            Files.write(filler, new byte[5 * 1024 * 1024]); // leaves room to open the journal, not to fill it
            WharfConnectionFactory factory = new WharfConnectionFactory("jdbc:h2:file:" + mount.resolve("journal") + "?engineLingerMillis=0");
            int stored = 0;
            ResourceAllocationException full = null;
            Connection c = factory.createConnection();
            Session s = c.createSession();
            MessageProducer p = s.createProducer(new WharfQueue("q"));
            String body = "x".repeat(8 * 1024);
            for (int i = 0; i < 1000 && full == null; i++) {
                try {
                    p.send(s.createTextMessage(body));
                    stored++;
                } catch (ResourceAllocationException e) {
                    full = e;
                }
            }
            assertTrue(full != null, "1000 sends of 8 KiB fitted on an 8 MiB disk holding a 5 MiB file");
            assertTrue(full.getMessage().contains("disk of the journal is full"), full.getMessage());
            Files.delete(filler);
            // space is back: the journal opens its database again at a following write (at most once a second)
            JMSException last = null;
            boolean sent = false;
            for (int attempt = 0; attempt < 100 && !sent; attempt++) {
                try {
                    p.send(s.createTextMessage("after"));
                    sent = true;
                } catch (JMSException e) {
                    last = e;
                    Thread.sleep(200);
                }
            }
            assertTrue(sent, "no send worked again after space returned: " + last);
            c.start();
            assertEquals(stored + 1, drain(s, "q").size(), "every message whose send returned is there, without a restart");
            c.close();
        } finally {
            run("umount", "-l", mount.toString());
        }
    }

    private static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
