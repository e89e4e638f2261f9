package org.wharfmq.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.tck.support.Jms;

/** JMS 3.1 §8.3 subscriptions (non-durable, shared, durable, shared durable), §6.2.2 temporary destinations. */
class TopicsTest {

    @RegisterExtension
    final Jms jms = new Jms();

    private Topic topic;

    @BeforeEach
    void open() {
        topic = jms.topic("t");
    }

    private void publish(String... texts) throws Exception {
        Session s = jms.connection().createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(topic);
        for (String t : texts) {
            p.send(s.createTextMessage(t));
        }
    }

    private static String text(Message m) throws JMSException {
        return m == null ? null : ((TextMessage) m).getText();
    }

    private Session clientSession() throws Exception {
        Connection c = jms.connection();
        c.setClientID(jms.name("client"));
        c.start();
        return c.createSession(Session.AUTO_ACKNOWLEDGE);
    }

    @Test
    @DisplayName("§8.3.1 each non-durable subscriber gets each message published while it exists")
    void nonDurable() throws Exception {
        Session s = jms.session(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer a = s.createConsumer(topic);
        MessageConsumer b = s.createConsumer(topic);
        publish("1");
        assertEquals("1", text(a.receive(Jms.ARRIVES)));
        assertEquals("1", text(b.receive(Jms.ARRIVES)));
    }

    @Test
    @DisplayName("§8.3.2 a shared subscription spreads messages over its consumers, each message once")
    void sharedNonDurable() throws Exception {
        Session s1 = jms.session(Session.AUTO_ACKNOWLEDGE);
        Session s2 = jms.session(Session.AUTO_ACKNOWLEDGE);
        String name = jms.name("shared");
        MessageConsumer c1 = s1.createSharedConsumer(topic, name);
        MessageConsumer c2 = s2.createSharedConsumer(topic, name, null);
        assertThrows(JMSException.class, () -> s2.createSharedConsumer(topic, name, "JMSPriority > 0"),
                "§8.3.2 an active shared subscription cannot change its selector");
        publish("1", "2", "3", "4");
        Set<String> got = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            Message m = c1.receive(Jms.ABSENT);
            got.add(text(m != null ? m : c2.receive(Jms.ARRIVES)));
        }
        assertEquals(Set.of("1", "2", "3", "4"), got);
        assertNull(c1.receiveNoWait());
        assertNull(c2.receive(Jms.ABSENT));
    }

    @Test
    @DisplayName("§8.3.3 a durable subscription keeps messages while its consumer is closed")
    void durable() throws Exception {
        Session s = clientSession();
        s.createDurableConsumer(topic, "d").close();
        publish("kept");
        MessageConsumer c = s.createDurableConsumer(topic, "d");
        assertEquals("kept", text(c.receive(Jms.ARRIVES)));
        c.close();
        MessageConsumer selective = s.createDurableConsumer(topic, "d2", "JMSPriority = 4", false);
        publish("x");
        assertEquals("x", text(selective.receive(Jms.ARRIVES)));
        selective.close();
        s.unsubscribe("d");
        s.unsubscribe("d2");
    }

    @Test
    @DisplayName("§8.3.3 the preset client ID of a connection factory names durable subscriptions")
    void durableWithPresetClientId() throws Exception {
        Connection c = jms.track(jms.durableFactory().createConnection());
        c.start();
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        String name = jms.name("preset");
        s.createDurableConsumer(topic, name).close();
        publish("m");
        MessageConsumer consumer = s.createDurableConsumer(topic, name);
        assertEquals("m", text(consumer.receive(Jms.ARRIVES)));
        consumer.close();
        s.unsubscribe(name);
    }

    @Test
    @DisplayName("§8.3.4 a shared durable subscription survives its consumers and spreads messages")
    void sharedDurable() throws Exception {
        Session s = jms.session(Session.AUTO_ACKNOWLEDGE);
        String name = jms.name("sd");
        s.createSharedDurableConsumer(topic, name).close();
        publish("kept");
        MessageConsumer a = s.createSharedDurableConsumer(topic, name);
        MessageConsumer b = jms.session(Session.AUTO_ACKNOWLEDGE).createSharedDurableConsumer(topic, name, null);
        Message m = a.receive(Jms.ARRIVES);
        assertEquals("kept", text(m));
        assertNull(b.receive(Jms.ABSENT));
        a.close();
        b.close();
        s.unsubscribe(name);
    }

    @Test
    @DisplayName("§8.3.5 unsubscribing an unknown durable subscription is InvalidDestinationException")
    void unsubscribeUnknown() throws Exception {
        Session s = clientSession();
        assertThrows(InvalidDestinationException.class, () -> s.unsubscribe(jms.name("never")));
    }

    @Test
    @DisplayName("§8.3.5 unsubscribe deletes the subscription and its messages")
    void unsubscribe() throws Exception {
        Session s = clientSession();
        s.createDurableConsumer(topic, "gone").close();
        publish("lost");
        s.unsubscribe("gone");
        MessageConsumer fresh = s.createDurableConsumer(topic, "gone");
        assertNull(fresh.receive(Jms.ABSENT));
        fresh.close();
        s.unsubscribe("gone");
    }

    @Test
    @DisplayName("§6.2.2 temporary destinations: usable for request/reply, deleted explicitly")
    void temporaryDestinations() throws Exception {
        Session s = jms.session(Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue tq = s.createTemporaryQueue();
        TemporaryTopic tt = s.createTemporaryTopic();
        assertNotNull(tq.getQueueName());
        assertNotNull(tt.getTopicName());
        MessageConsumer topicConsumer = s.createConsumer(tt);
        Message request = s.createTextMessage("ping");
        request.setJMSReplyTo(tq);
        s.createProducer(tt).send(request);
        Message got = topicConsumer.receive(Jms.ARRIVES);
        s.createProducer(got.getJMSReplyTo()).send(s.createTextMessage("pong"));
        MessageConsumer replies = s.createConsumer(tq);
        assertEquals("pong", text(replies.receive(Jms.ARRIVES)));
        replies.close();
        topicConsumer.close();
        tq.delete();
        tt.delete();
    }

    @Test
    @DisplayName("§6.2.2 another connection cannot consume from a temporary queue")
    void temporaryQueueIsPrivate() throws Exception {
        TemporaryQueue tq = jms.session(Session.AUTO_ACKNOWLEDGE).createTemporaryQueue();
        Session other = jms.session(Session.AUTO_ACKNOWLEDGE);
        assertThrows(JMSException.class, () -> other.createConsumer(tq));
    }
}
