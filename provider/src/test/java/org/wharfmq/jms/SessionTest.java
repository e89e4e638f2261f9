package org.wharfmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TopicSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.support.WharfJournal;

/** JMS 3.1 §6.2: sessions, the four acknowledgement modes, local transactions, recover, close. */
class SessionTest {

    @RegisterExtension
    final WharfJournal journal = new WharfJournal();

    private Queue queue;

    private void send(String... texts) throws JMSException {
        Session s = journal.connection().createSession();
        queue = s.createQueue("q");
        MessageProducer p = s.createProducer(queue);
        for (String t : texts) {
            p.send(s.createTextMessage(t));
        }
        s.close();
    }

    private static String text(Message m) throws JMSException {
        return m == null ? null : ((TextMessage) m).getText();
    }

    /** What a fresh AUTO_ACKNOWLEDGE consumer finds on the queue now. */
    private String remaining() throws JMSException {
        Session s = journal.session(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer c = s.createConsumer(queue);
        StringBuilder sb = new StringBuilder();
        Message m;
        while ((m = c.receive(200)) != null) {
            sb.append(text(m));
        }
        s.close();
        return sb.toString();
    }

    @Test
    @DisplayName("§6.2.10 AUTO_ACKNOWLEDGE: a received message is gone when receive returns")
    void autoAcknowledge() throws JMSException {
        send("a", "b");
        Session s = journal.session(Session.AUTO_ACKNOWLEDGE);
        assertEquals("a", text(s.createConsumer(queue).receive(1000)));
        s.close();
        assertEquals("b", remaining());
    }

    @Test
    @DisplayName("§6.2.10 CLIENT_ACKNOWLEDGE: acknowledge() acknowledges every message the session delivered")
    void clientAcknowledge() throws JMSException {
        send("a", "b", "c");
        Session s = journal.session(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer c = s.createConsumer(queue);
        c.receive(1000);
        Message second = c.receive(1000);
        second.acknowledge();
        assertEquals("c", text(c.receive(1000)));
        s.close();
        assertEquals("c", remaining(), "a and b were acknowledged together; c was not");
    }

    @Test
    @DisplayName("§6.2.10 CLIENT_ACKNOWLEDGE: unacknowledged messages come back when the session closes")
    void clientAcknowledgeUnackedComeBack() throws JMSException {
        send("a");
        Session s = journal.session(Session.CLIENT_ACKNOWLEDGE);
        s.createConsumer(queue).receive(1000);
        s.close();
        assertEquals("a", remaining());
    }

    @Test
    @DisplayName("§6.2.10 DUPS_OK_ACKNOWLEDGE acknowledges lazily but does acknowledge")
    void dupsOk() throws JMSException {
        send("a", "b");
        Session s = journal.session(Session.DUPS_OK_ACKNOWLEDGE);
        MessageConsumer c = s.createConsumer(queue);
        assertEquals("a", text(c.receive(1000)));
        assertEquals("b", text(c.receive(1000)));
        s.close();
        assertEquals("", remaining());
    }

    @Test
    @DisplayName("§6.2.11 recover redelivers unacknowledged messages in order, marked redelivered")
    void recoverRedelivers() throws JMSException {
        send("a", "b");
        Session s = journal.session(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer c = s.createConsumer(queue);
        Message a = c.receive(1000);
        assertFalse(a.getJMSRedelivered());
        assertEquals(1, a.getIntProperty("JMSXDeliveryCount"));
        c.receive(1000);
        s.recover();
        Message again = c.receive(1000);
        assertEquals("a", text(again));
        assertTrue(again.getJMSRedelivered());
        assertEquals(2, again.getIntProperty("JMSXDeliveryCount"));
        assertEquals("b", text(c.receive(1000)));
        again.acknowledge();
        s.close();
        assertEquals("", remaining());
    }

    @Test
    @DisplayName("§6.2.7 a commit makes sends visible and acknowledges receives together")
    void commitIsAtomic() throws JMSException {
        send("in");
        Session tx = journal.session(Session.SESSION_TRANSACTED);
        Queue out = tx.createQueue("out");
        assertEquals("in", text(tx.createConsumer(queue).receive(1000)));
        tx.createProducer(out).send(tx.createTextMessage("out"));
        Session observer = journal.session(Session.AUTO_ACKNOWLEDGE);
        assertNull(observer.createConsumer(out).receive(100), "an uncommitted send is invisible");
        tx.commit();
        assertEquals("out", text(observer.createConsumer(out).receive(1000)));
        assertEquals("", remaining());
    }

    @Test
    @DisplayName("§6.2.7 a rollback discards sends and redelivers receives with JMSRedelivered and a higher count")
    void rollbackDiscardsAndRedelivers() throws JMSException {
        send("in");
        Session tx = journal.session(Session.SESSION_TRANSACTED);
        MessageConsumer c = tx.createConsumer(queue);
        assertEquals("in", text(c.receive(1000)));
        tx.createProducer(tx.createQueue("out")).send(tx.createTextMessage("never"));
        tx.rollback();
        Message again = c.receive(1000);
        assertEquals("in", text(again));
        assertTrue(again.getJMSRedelivered());
        assertEquals(2, again.getIntProperty("JMSXDeliveryCount"));
        tx.commit();
        assertNull(journal.session(Session.AUTO_ACKNOWLEDGE).createConsumer(tx.createQueue("out")).receive(100));
    }

    @Test
    @DisplayName("§6.2.7 closing a transacted session rolls its transaction back")
    void closeRollsBack() throws JMSException {
        send("in");
        Session tx = journal.session(Session.SESSION_TRANSACTED);
        tx.createConsumer(queue).receive(1000);
        tx.createProducer(tx.createQueue("out")).send(tx.createTextMessage("never"));
        tx.close();
        assertEquals("in", remaining());
    }

    @Test
    @DisplayName("§6.2.7 commit and rollback need a transacted session; recover must not have one")
    void transactionMisuse() throws JMSException {
        Session auto = journal.session(Session.AUTO_ACKNOWLEDGE);
        assertThrows(IllegalStateException.class, auto::commit);
        assertThrows(IllegalStateException.class, auto::rollback);
        Session tx = journal.session(Session.SESSION_TRANSACTED);
        assertThrows(IllegalStateException.class, tx::recover);
        assertTrue(tx.getTransacted());
        assertEquals(Session.SESSION_TRANSACTED, tx.getAcknowledgeMode());
    }

    @Test
    @DisplayName("§6.2 createSession(transacted, mode) and createSession(mode) pick the mode")
    void sessionModes() throws JMSException {
        Connection c = journal.connection();
        assertEquals(Session.SESSION_TRANSACTED, c.createSession(true, Session.AUTO_ACKNOWLEDGE).getAcknowledgeMode());
        assertEquals(Session.CLIENT_ACKNOWLEDGE, c.createSession(false, Session.CLIENT_ACKNOWLEDGE).getAcknowledgeMode());
        assertEquals(Session.AUTO_ACKNOWLEDGE, c.createSession().getAcknowledgeMode());
        assertThrows(IllegalArgumentException.class, () -> c.createSession(99));
    }

    @Test
    @DisplayName("§6.2.14 a closed session and its children refuse use")
    void closedSession() throws JMSException {
        Session s = journal.session(Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(s.createQueue("q"));
        MessageConsumer c = s.createConsumer(s.createQueue("q"));
        s.close();
        s.close();
        assertThrows(IllegalStateException.class, s::createTextMessage);
        assertThrows(IllegalStateException.class, s::getTransacted);
        assertThrows(IllegalStateException.class, () -> p.send((Message) null));
        assertThrows(IllegalStateException.class, c::receiveNoWait);
        assertThrows(IllegalStateException.class, p::getDeliveryMode);
    }

    @Test
    @DisplayName("§6.3 a QueueSession refuses topic operations and a TopicSession queue operations")
    void domainSessions() throws JMSException {
        Connection c = journal.connection();
        QueueSession qs = ((WharfConnection) c).createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(IllegalStateException.class, () -> qs.createTopic("t"));
        assertThrows(IllegalStateException.class, () -> qs.createDurableSubscriber(new WharfTopic("t"), "s"));
        assertThrows(IllegalStateException.class, qs::createTemporaryTopic);
        assertThrows(IllegalStateException.class, () -> qs.unsubscribe("s"));
        TopicSession ts = ((WharfConnection) c).createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(IllegalStateException.class, () -> ts.createQueue("q"));
        assertThrows(IllegalStateException.class, () -> ts.createBrowser(new WharfQueue("q")));
        assertThrows(IllegalStateException.class, ts::createTemporaryQueue);
    }

    @Test
    @DisplayName("§3.8.1 a bad selector is InvalidSelectorException naming the position; a blank one selects all")
    void invalidSelector() throws JMSException {
        Session s = journal.session(Session.AUTO_ACKNOWLEDGE);
        InvalidSelectorException e = assertThrows(InvalidSelectorException.class,
                () -> s.createConsumer(s.createQueue("q"), "a = = 1"));
        assertTrue(e.getMessage().contains("position 5"), e.getMessage());
        assertThrows(InvalidSelectorException.class, () -> s.createBrowser(s.createQueue("q"), "a LIKE 3"));
        assertThrows(InvalidSelectorException.class,
                () -> s.createDurableConsumer(s.createTopic("t"), "d", "NOT", false));
        assertNotNull(s.createConsumer(s.createQueue("q"), ""));
        assertNotNull(s.createConsumer(s.createQueue("q"), "  "));
    }

    @Test
    @DisplayName("§4.2 destinations that are not Wharf's, or have bad names, are InvalidDestinationException")
    void invalidDestinations() throws JMSException {
        Session s = journal.session(Session.AUTO_ACKNOWLEDGE);
        assertThrows(InvalidDestinationException.class, () -> s.createConsumer(null));
        assertThrows(InvalidDestinationException.class, () -> s.createConsumer(new jakarta.jms.Destination() { }));
        assertThrows(InvalidDestinationException.class, () -> s.createQueue(""));
        assertThrows(InvalidDestinationException.class, () -> s.createQueue("x".repeat(500)));
        assertThrows(InvalidDestinationException.class, () -> s.createTopic(null));
    }
}
