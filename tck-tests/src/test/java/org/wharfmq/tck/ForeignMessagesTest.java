package org.wharfmq.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.tck.support.ForeignMessages;
import org.wharfmq.tck.support.Jms;

/** JMS 3.1 §3.12: a provider sends message objects implemented by another provider. */
class ForeignMessagesTest {

    @RegisterExtension
    final Jms jms = new Jms();

    private Session session;
    private Queue queue;

    @BeforeEach
    void open() throws Exception {
        session = jms.session(Session.AUTO_ACKNOWLEDGE);
        queue = jms.queue("q");
    }

    private Message roundTrip(Message foreign) throws JMSException {
        foreign.setJMSCorrelationID("foreign-corr");
        foreign.setJMSType("foreign-type");
        session.createProducer(queue).send(foreign);
        assertNotNull(foreign.getJMSMessageID(), "§3.12 the foreign object gets the provider's header values");
        assertEquals(queue, foreign.getJMSDestination());
        Message r = session.createConsumer(queue).receive(Jms.ARRIVES);
        assertEquals("elsewhere", r.getStringProperty("origin"));
        assertEquals("foreign-corr", r.getJMSCorrelationID());
        assertEquals("foreign-type", r.getJMSType());
        return r;
    }

    @Test
    @DisplayName("§3.12 a foreign TextMessage")
    void text() throws JMSException {
        assertEquals("hi", ((TextMessage) roundTrip(ForeignMessages.text("hi"))).getText());
    }

    @Test
    @DisplayName("§3.12 a foreign BytesMessage")
    void bytes() throws JMSException {
        BytesMessage r = (BytesMessage) roundTrip(ForeignMessages.bytes(new byte[] {1, 2, 3}));
        byte[] got = new byte[3];
        assertEquals(3, r.readBytes(got));
        assertArrayEquals(new byte[] {1, 2, 3}, got);
    }

    @Test
    @DisplayName("§3.12 a foreign MapMessage")
    void map() throws JMSException {
        MapMessage r = (MapMessage) roundTrip(ForeignMessages.map(Map.of("a", 1, "b", "two")));
        assertEquals(1, r.getInt("a"));
        assertEquals("two", r.getString("b"));
    }

    @Test
    @DisplayName("§3.12 a foreign StreamMessage")
    void stream() throws JMSException {
        List<Object> values = new ArrayList<>(List.of(1, "two", 3.0));
        StreamMessage r = (StreamMessage) roundTrip(ForeignMessages.stream(values));
        assertEquals(1, r.readInt());
        assertEquals("two", r.readString());
        assertEquals(3.0, r.readDouble());
    }

    @Test
    @DisplayName("§3.12 a foreign ObjectMessage")
    void object() throws JMSException {
        assertEquals(List.of("x"), ((ObjectMessage) roundTrip(ForeignMessages.object(new ArrayList<>(List.of("x")))))
                .getObject());
    }

    @Test
    @DisplayName("§3.12 a foreign message without a body")
    void plain() throws JMSException {
        assertNotNull(roundTrip(ForeignMessages.create(Message.class, null, Map.of("origin", "elsewhere"))));
    }
}
