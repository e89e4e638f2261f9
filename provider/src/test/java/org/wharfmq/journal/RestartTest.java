package org.wharfmq.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.jms.WharfQueue;
import org.wharfmq.support.ChildJvm;
import org.wharfmq.support.WharfJournal;

/** What the journal gives back after a restart, clean or killed (JMS 3.1 §6.2.12 redelivery, §4.10 reliability). */
class RestartTest {

    @RegisterExtension
    final WharfJournal journal = new WharfJournal();

    private void send(String queue, String... texts) throws JMSException {
        Session s = journal.connection().createSession();
        MessageProducer p = s.createProducer(new WharfQueue(queue));
        for (String t : texts) {
            p.send(s.createTextMessage(t));
        }
        s.close();
    }

    private List<Message> drain(String queue) throws JMSException {
        MessageConsumer c = journal.session(Session.AUTO_ACKNOWLEDGE).createConsumer(new WharfQueue(queue));
        List<Message> all = new ArrayList<>();
        Message m;
        while ((m = c.receive(300)) != null) {
            all.add(m);
        }
        return all;
    }

    private static String text(Message m) throws JMSException {
        return ((TextMessage) m).getText();
    }

    @Test
    @DisplayName("pending persistent messages come back in order and priority after a restart; non-persistent do not")
    void pendingSurviveRestart() throws Exception {
        Session s = journal.connection().createSession();
        MessageProducer p = s.createProducer(new WharfQueue("q"));
        p.send(s.createTextMessage("a"));
        p.send(s.createTextMessage("volatile"), DeliveryMode.NON_PERSISTENT, 4, 0);
        p.send(s.createTextMessage("b"));
        p.send(s.createTextMessage("urgent"), DeliveryMode.PERSISTENT, 9, 0);
        journal.closeAll();
        List<String> got = new ArrayList<>();
        for (Message m : drain("q")) {
            got.add(text(m));
            assertFalse(m.getJMSRedelivered());
        }
        assertEquals(List.of("urgent", "a", "b"), got);
        journal.closeAll();
        assertTrue(drain("q").isEmpty(), "acknowledged messages do not come back after a restart");
    }

    @Test
    @DisplayName("§6.2.12 after a killed JVM: in-flight messages come back redelivered; an open transaction's sends are gone")
    void killedJvmInFlightAndOpenTransaction() throws Exception {
        send("inflight", "held");
        send("tx", "tx-held");
        journal.closeAll();
        Process child = ChildJvm.start(HoldChild.class, "hold", journal.url());
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("holding true true", out.readLine());
        // no pause: the delivery count was committed before receive returned
        child.toHandle().destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));

        List<Message> inflight = drain("inflight");
        assertEquals(1, inflight.size());
        assertEquals("held", text(inflight.get(0)));
        assertTrue(inflight.get(0).getJMSRedelivered());
        assertEquals(2, inflight.get(0).getIntProperty("JMSXDeliveryCount"));
        List<Message> tx = drain("tx");
        assertEquals(1, tx.size(), "a receive in an uncommitted transaction is not consumed");
        assertTrue(tx.get(0).getJMSRedelivered());
        assertTrue(drain("tx-out").isEmpty(), "a send in an uncommitted transaction is not stored");
    }

    /**
     * Runs {@code HoldChild twice} and kills it, then puts back the database file as it was after the child's
     * first three sends: what H2 shows when it forgets its newest commits after a kill (see {@link RedoLog}).
     */
    private void killAndRollTheDatabaseBack() throws Exception {
        Process child = ChildJvm.start(HoldChild.class, "twice", journal.url());
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("stored 3", out.readLine());
        Path database = journal.directory().resolve("journal.mv.db");
        Path asAfterThree = journal.directory().resolve("after-three.bin");
        Files.copy(database, asAfterThree);
        child.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
        child.getOutputStream().flush();
        assertEquals("stored 6", out.readLine());
        child.toHandle().destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        Files.move(asAfterThree, database, StandardCopyOption.REPLACE_EXISTING);
    }

    private List<String> texts(List<Message> messages) throws JMSException {
        List<String> texts = new ArrayList<>();
        for (Message m : messages) {
            texts.add(text(m));
        }
        return texts;
    }

    @Test
    @DisplayName("§4.10 commits the database forgot after a killed JVM are written again from the redo log: every send that returned is there, the acknowledged one is gone")
    void redoLogRestoresWhatTheDatabaseForgot() throws Exception {
        killAndRollTheDatabaseBack();
        assertEquals(List.of("two", "three", "four", "five", "six"), texts(drain("redo")));
    }

    @Test
    @DisplayName("without its redo log the journal opens at what the database file kept, none of the later sends (so the test above depends on the log)")
    void withoutTheRedoLogTheForgottenCommitsStayLost() throws Exception {
        killAndRollTheDatabaseBack();
        Files.delete(journal.directory().resolve("journal.redo"));
        // the file copied after the first three sends holds at most those (the database file is forced once a
        // second, and H2 itself can forget commits after a kill: the redo log is what carries the rest)
        List<String> kept = texts(drain("redo"));
        assertTrue(kept.size() <= 3, "later sends came back without the redo log: " + kept);
        assertEquals(List.of("one", "two", "three").subList(0, kept.size()), kept, "what the copied file held");
    }

    @Test
    @DisplayName("a clean close leaves no redo log behind: the database holds everything")
    void cleanCloseLeavesNoRedoLog() throws Exception {
        send("q", "a");
        assertTrue(Files.exists(journal.directory().resolve("journal.redo")));
        journal.closeAll();
        assertFalse(Files.exists(journal.directory().resolve("journal.redo")));
        assertEquals(List.of("a"), texts(drain("q")));
    }

    @Test
    @DisplayName("§3.4.7 after a clean restart, messages recorded as delivered ahead of their delivery are not marked redelivered; the one delivered is")
    void cleanRestartTakesBackCountsRecordedAhead() throws Exception {
        send("ahead", "first", "second", "third");
        Session client = journal.session(Session.CLIENT_ACKNOWLEDGE);
        Message first = client.createConsumer(new WharfQueue("ahead")).receive(1000);
        assertEquals("first", text(first));
        journal.closeAll();
        List<Message> back = drain("ahead");
        assertEquals(3, back.size());
        assertEquals("first", text(back.get(0)));
        assertTrue(back.get(0).getJMSRedelivered(), "the unacknowledged delivery");
        for (Message m : back.subList(1, 3)) {
            assertFalse(m.getJMSRedelivered(), text(m) + " was never delivered");
            assertEquals(1, m.getIntProperty("JMSXDeliveryCount"));
        }
    }

    @Test
    @DisplayName("a second JVM cannot open an embedded journal that is in use; the refusal names the owner and says how to share queues")
    void secondJvmIsRefused() throws Exception {
        Connection holder = journal.connection();
        Process child = ChildJvm.start(HoldChild.class, "open", journal.url());
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertNotNull(line);
        // the holder is this JVM: the file beside the journal names it
        assertTrue(line.startsWith("refused: ") && line.contains("is already open by Wharf engine")
                && line.contains("pid " + ProcessHandle.current().pid() + ",") && line.contains("belongs to one JVM")
                && line.contains("PostgreSQL") && !line.contains("jdbc:h2:tcp://"), line);
        holder.close();
    }

    @Test
    @DisplayName("a journal written by a newer Wharf is refused with a clear error, and left untouched")
    void newerSchemaIsRefused() throws Exception {
        send("q", "keep");
        journal.closeAll();
        try (java.sql.Connection c = DriverManager.getConnection(journal.url(), "sa", "")) {
            c.createStatement().executeUpdate("UPDATE WHARF_META SET VAL = '99' WHERE NAME = 'schema.version'");
        }
        JMSException e = assertThrows(JMSException.class, () -> journal.connection());
        assertTrue(e.getMessage().contains("newer Wharf"), e.getMessage());
        try (java.sql.Connection c = DriverManager.getConnection(journal.url(), "sa", "")) {
            c.createStatement().executeUpdate("UPDATE WHARF_META SET VAL = '" + org.wharfmq.journal.Journal.SCHEMA_VERSION
                    + "' WHERE NAME = 'schema.version'");
        }
        assertEquals("keep", text(drain("q").get(0)));
    }

    @Test
    @DisplayName("a journal of schema version 1 is upgraded in place (to XA tables, then operator columns and views) when it opens, and keeps its messages")
    void versionOneIsMigrated() throws Exception {
        send("q", "from v1");
        journal.closeAll();
        try (java.sql.Connection c = DriverManager.getConnection(journal.url(), "sa", "")) {
            c.createStatement().execute("DROP VIEW WHARF_DEAD_LETTERS");
            c.createStatement().execute("DROP VIEW WHARF_QUEUE_DEPTH");
            c.createStatement().execute("ALTER TABLE WHARF_MESSAGE DROP COLUMN NOTE");
            c.createStatement().execute("ALTER TABLE WHARF_MESSAGE DROP COLUMN CREATED");
            c.createStatement().execute("DROP TABLE WHARF_XA_ACK");
            c.createStatement().execute("DROP TABLE WHARF_XA_ENTRY");
            c.createStatement().execute("DROP TABLE WHARF_XA");
            c.createStatement().executeUpdate("UPDATE WHARF_META SET VAL = '1' WHERE NAME = 'schema.version'");
        }
        assertEquals("from v1", text(drain("q").get(0)));
        journal.closeAll();
        try (java.sql.Connection c = DriverManager.getConnection(journal.url(), "sa", "");
             java.sql.ResultSet rs = c.createStatement().executeQuery(
                     "SELECT VAL FROM WHARF_META WHERE NAME = 'schema.version'")) {
            rs.next();
            assertEquals(String.valueOf(org.wharfmq.journal.Journal.SCHEMA_VERSION), rs.getString(1));
            c.createStatement().executeQuery("SELECT COUNT(*) FROM WHARF_XA").close();
            c.createStatement().executeQuery("SELECT * FROM WHARF_QUEUE_DEPTH").close();
        }
    }

    @Test
    @DisplayName("a Java SE program exits when main returns after closing its connection, however long the engine would linger")
    void programExitsWhenMainReturns() throws Exception {
        Process child = ChildJvm.start(HoldChild.class, "exit", journal.url() + "?engineLingerMillis=600000");
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("main returns", out.readLine());
        assertTrue(child.waitFor(20, TimeUnit.SECONDS), "the JVM did not exit: a Wharf thread kept it alive");
        assertEquals(0, child.exitValue());
        Session s = journal.session(Session.AUTO_ACKNOWLEDGE);
        assertEquals("kept", text(s.createConsumer(new org.wharfmq.jms.WharfQueue("exit")).receive(5000)),
                "what the exiting program sent is in the journal");
    }

    @Test
    @DisplayName("a durable subscription and its messages survive a restart")
    void durableSubscriptionSurvives() throws Exception {
        Connection c = journal.connection();
        c.setClientID("sub-app");
        Session s = c.createSession();
        s.createDurableConsumer(s.createTopic("t"), "keep").close();
        s.createProducer(s.createTopic("t")).send(s.createTextMessage("stored"));
        journal.closeAll();
        Connection again = journal.connection();
        again.setClientID("sub-app");
        again.start();
        MessageConsumer sub = again.createSession().createDurableConsumer(new org.wharfmq.jms.WharfTopic("t"), "keep");
        assertEquals("stored", text(sub.receive(1000)));
        assertNull(sub.receive(100));
    }
}
