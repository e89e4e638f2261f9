package org.wharfmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.engine.MessageQueue;
import org.wharfmq.support.WharfJournal;

/** JMS 3.1 §3.8: selectors on queue consumers, topic subscriptions and browsers, end to end. */
class SelectorDeliveryTest {

    @RegisterExtension
    final WharfJournal journal = new WharfJournal();

    private static String text(Message m) throws JMSException {
        return m == null ? null : ((TextMessage) m).getText();
    }

    private static void send(Session s, MessageProducer p, String text, String color) throws JMSException {
        Message m = s.createTextMessage(text);
        m.setStringProperty("color", color);
        p.send(m);
    }

    @Test
    @DisplayName("§3.8 a selective queue consumer gets only matches; the rest stay, in order, for others")
    void queueSelector() throws JMSException {
        Session s = journal.session(Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue("q");
        MessageProducer p = s.createProducer(q);
        send(s, p, "r1", "red");
        send(s, p, "b1", "blue");
        send(s, p, "r2", "red");
        send(s, p, "b2", "blue");
        MessageConsumer reds = s.createConsumer(q, "color = 'red'");
        assertEquals("r1", text(reds.receive(1000)));
        assertEquals("r2", text(reds.receive(1000)));
        assertNull(reds.receive(100));
        send(s, p, "r3", "red");
        assertEquals("r3", text(reds.receive(1000)), "a match sent after the consumer opened reaches it");
        MessageConsumer all = s.createConsumer(q);
        assertEquals("b1", text(all.receive(1000)));
        assertEquals("b2", text(all.receive(1000)));
    }

    @Test
    @DisplayName("§3.8 a selective consumer over a backlog evaluates each message once, not once per receive")
    void selectiveConsumerDoesNotRescan() throws Exception {
        Connection c = journal.started();
        Session s = c.createSession(Session.SESSION_TRANSACTED);
        Queue q = s.createQueue("backlog");
        MessageProducer p = s.createProducer(q);
        p.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        int total = 5_000;
        for (int i = 0; i < total; i++) {
            Message m = s.createMessage();
            m.setIntProperty("n", i);
            p.send(m);
        }
        s.commit();
        MessageConsumer matches = s.createConsumer(q, "n / 100 * 100 = n");
        int got = 0;
        while (matches.receive(200) != null) {
            got++;
        }
        s.commit();
        assertEquals(total / 100, got);
        MessageQueue engineQueue = ((WharfConnection) c).engine.destinations().queue("backlog");
        long evaluations = engineQueue.selectorEvaluations();
        assertTrue(evaluations <= total + got, "the backlog was rescanned: " + evaluations + " evaluations for "
                + total + " messages");
        assertEquals(total - got, engineQueue.readyCount(), "the non-matching messages are still there");
    }

    @Test
    @DisplayName("§3.8.1.1 selectors see JMSPriority, JMSDeliveryMode, JMSType, JMSCorrelationID and JMSXDeliveryCount")
    void headerSelectors() throws JMSException {
        Session s = journal.session(Session.CLIENT_ACKNOWLEDGE);
        Queue q = s.createQueue("q");
        MessageProducer p = s.createProducer(q);
        Message m = s.createTextMessage("typed");
        m.setJMSType("order");
        m.setJMSCorrelationID("c-7");
        p.send(m, DeliveryMode.NON_PERSISTENT, 7, 0);
        MessageConsumer c = s.createConsumer(q, "JMSPriority > 5 AND JMSDeliveryMode = 'NON_PERSISTENT' AND "
                + "JMSType = 'order' AND JMSCorrelationID LIKE 'c-%' AND JMSXDeliveryCount = 1");
        assertEquals("typed", text(c.receive(1000)));
        s.recover();
        assertNull(c.receive(200), "JMSXDeliveryCount is 2 on redelivery");
        MessageConsumer again = s.createConsumer(q, "JMSXDeliveryCount = 2");
        assertEquals("typed", text(again.receive(1000)));
    }

    @Test
    @DisplayName("§8.3 a topic subscription filters at publication; a durable one stores only matches")
    void topicSelectorFiltersAtPublication() throws Exception {
        Connection c = journal.connection();
        c.setClientID("sel");
        Session s = c.createSession();
        Topic t = s.createTopic("t");
        s.createDurableConsumer(t, "reds", "color = 'red'", false).close();
        MessageProducer p = s.createProducer(t);
        send(s, p, "r", "red");
        send(s, p, "b", "blue");
        journal.closeAll();
        Connection again = journal.connection();
        again.setClientID("sel");
        again.start();
        MessageConsumer reds = again.createSession().createDurableConsumer(t, "reds", "color = 'red'", false);
        assertEquals("r", text(reds.receive(1000)));
        assertNull(reds.receive(100));
    }

    @Test
    @DisplayName("§8.3.3 reopening a durable subscription with another selector replaces it")
    void durableSelectorChangeReplaces() throws JMSException {
        Connection c = journal.connection();
        c.setClientID("x");
        c.start();
        Session s = c.createSession();
        Topic t = s.createTopic("t");
        s.createDurableConsumer(t, "d", "color = 'red'", false).close();
        send(s, s.createProducer(t), "r", "red");
        MessageConsumer blue = s.createDurableConsumer(t, "d", "color = 'blue'", false);
        assertNull(blue.receive(100), "the red message went with the old subscription");
    }

    @Test
    @DisplayName("§5.9 a browser with a selector shows only matches")
    void browserSelector() throws JMSException {
        Session s = journal.session(Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue("q");
        MessageProducer p = s.createProducer(q);
        send(s, p, "r", "red");
        send(s, p, "b", "blue");
        QueueBrowser browser = s.createBrowser(q, "color <> 'red'");
        List<String> seen = new ArrayList<>();
        for (Object o : Collections.list(browser.getEnumeration())) {
            seen.add(text((Message) o));
        }
        assertEquals(List.of("b"), seen);
        assertEquals("color <> 'red'", browser.getMessageSelector());
    }
}
