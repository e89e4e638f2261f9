package org.wharfmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.support.WharfJournal;

/** JMS 3.1 §8.3: non-durable, durable, shared and shared durable subscriptions; unsubscribe. */
class TopicTest {

    @RegisterExtension
    final WharfJournal journal = new WharfJournal();

    private final Topic topic = new WharfTopic("events");

    private Session clientSession(String clientId) throws JMSException {
        Connection c = journal.connection();
        c.setClientID(clientId);
        c.start();
        return c.createSession();
    }

    private void publish(String... texts) throws JMSException {
        Session s = journal.connection().createSession();
        MessageProducer p = s.createProducer(topic);
        for (String t : texts) {
            p.send(s.createTextMessage(t));
        }
        s.close();
    }

    private static String text(Message m) throws JMSException {
        return m == null ? null : ((TextMessage) m).getText();
    }

    @Test
    @DisplayName("§8.3.1 every non-durable subscriber gets every message published while it exists")
    void nonDurableFanOut() throws JMSException {
        Session s = journal.session(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer a = s.createConsumer(topic);
        MessageConsumer b = s.createConsumer(topic);
        publish("1");
        assertEquals("1", text(a.receive(1000)));
        assertEquals("1", text(b.receive(1000)));
        MessageConsumer late = s.createConsumer(topic);
        assertNull(late.receive(100), "a subscription does not see what was published before it existed");
    }

    @Test
    @DisplayName("§8.3.3 a durable subscription keeps messages while its consumer is closed, and across restarts")
    void durableSurvivesCloseAndRestart() throws Exception {
        Session s = clientSession("app");
        s.createDurableConsumer(topic, "audit").close();
        publish("while-closed");
        journal.closeAll();
        publish("after-restart");
        Session again = clientSession("app");
        MessageConsumer c = again.createDurableConsumer(topic, "audit");
        assertEquals("while-closed", text(c.receive(1000)));
        assertEquals("after-restart", text(c.receive(1000)));
    }

    @Test
    @DisplayName("§8.3.3 an unshared durable subscription needs a client ID and has at most one consumer")
    void unsharedDurableRules() throws JMSException {
        Session noId = journal.session(Session.AUTO_ACKNOWLEDGE);
        assertThrows(IllegalStateException.class, () -> noId.createDurableConsumer(topic, "d"));
        Session s = clientSession("app");
        s.createDurableConsumer(topic, "d");
        assertThrows(JMSException.class, () -> s.createDurableConsumer(topic, "d"));
        assertThrows(JMSException.class, () -> s.createSharedDurableConsumer(topic, "d"),
                "shared and unshared durable subscriptions cannot share a name");
    }

    @Test
    @DisplayName("§8.3.3 re-subscribing with another selector-less topic replaces an inactive durable subscription")
    void changingTopicReplacesSubscription() throws JMSException {
        Session s = clientSession("app");
        s.createDurableConsumer(topic, "d").close();
        publish("old");
        MessageConsumer moved = s.createDurableConsumer(new WharfTopic("other"), "d");
        assertNull(moved.receive(100), "the old subscription and its messages are gone");
    }

    @Test
    @DisplayName("§8.3.4 a shared durable subscription spreads messages over its consumers, each message once")
    void sharedDurableSpreads() throws JMSException {
        Session s1 = journal.session(Session.AUTO_ACKNOWLEDGE);
        Session s2 = journal.session(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer c1 = s1.createSharedDurableConsumer(topic, "workers");
        MessageConsumer c2 = s2.createSharedDurableConsumer(topic, "workers");
        publish("1", "2", "3", "4");
        Set<String> got = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            Message m = c1.receive(100);
            if (m == null) {
                m = c2.receive(1000);
            }
            assertNotNull(m);
            got.add(text(m));
        }
        assertEquals(Set.of("1", "2", "3", "4"), got);
        assertNull(c1.receiveNoWait());
        assertNull(c2.receiveNoWait());
    }

    @Test
    @DisplayName("§8.3.2 a shared non-durable subscription exists while it has consumers")
    void sharedNonDurable() throws JMSException {
        Session s = journal.session(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer c1 = s.createSharedConsumer(topic, "shared");
        MessageConsumer c2 = s.createSharedConsumer(topic, "shared");
        publish("a");
        Message m = c1.receive(500);
        if (m == null) {
            m = c2.receive(500);
        }
        assertEquals("a", text(m));
        assertNull(c1.receiveNoWait());
        assertNull(c2.receiveNoWait());
        assertThrows(JMSException.class, () -> s.createSharedConsumer(new WharfTopic("elsewhere"), "shared"));
        c1.close();
        c2.close();
        publish("lost");
        assertNull(s.createSharedConsumer(topic, "shared").receive(100), "the subscription ended with its last consumer");
    }

    @Test
    @DisplayName("§8.3.5 unsubscribe deletes a durable subscription; refused while it has a consumer or is unknown")
    void unsubscribeRules() throws Exception {
        Session s = clientSession("app");
        MessageConsumer c = s.createDurableConsumer(topic, "d");
        assertThrows(IllegalStateException.class, () -> s.unsubscribe("d"));
        c.close();
        publish("pending");
        s.unsubscribe("d");
        assertThrows(InvalidDestinationException.class, () -> s.unsubscribe("d"));
        assertNull(s.createDurableConsumer(topic, "d").receive(100), "a new subscription starts empty");
    }

    @Test
    @DisplayName("§8.3.5 unsubscribe is refused while a message of the subscription is unacknowledged")
    void unsubscribeWithUnackedMessage() throws JMSException {
        Connection conn = journal.connection();
        conn.setClientID("app");
        conn.start();
        Session s = conn.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer c = s.createDurableConsumer(topic, "d");
        publish("x");
        Message m = c.receive(1000);
        c.close();
        assertThrows(IllegalStateException.class, () -> s.unsubscribe("d"));
        m.acknowledge();
        s.unsubscribe("d");
    }

    @Test
    @DisplayName("§8.3.3 a durable subscriber with noLocal skips messages from connections with its client ID")
    void durableNoLocal() throws JMSException {
        Session s = clientSession("app");
        MessageConsumer c = s.createDurableConsumer(topic, "d", null, true);
        s.createProducer(topic).send(s.createTextMessage("own"));
        publish("other");
        assertEquals("other", text(c.receive(1000)));
        assertNull(c.receive(100));
    }
}
