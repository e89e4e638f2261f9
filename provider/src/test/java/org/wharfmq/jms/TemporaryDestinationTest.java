package org.wharfmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.support.WharfJournal;

/** JMS 3.1 §6.2.2 temporary destinations, and request/reply over them (§4.7). */
class TemporaryDestinationTest {

    @RegisterExtension
    final WharfJournal journal = new WharfJournal();

    @Test
    @DisplayName("§4.7 request/reply: JMSReplyTo names a temporary queue, JMSCorrelationID links the answer")
    void requestReply() throws JMSException {
        Session requester = journal.session(Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue replies = requester.createTemporaryQueue();
        Message request = requester.createTextMessage("ping");
        request.setJMSReplyTo(replies);
        requester.createProducer(requester.createQueue("service")).send(request);

        Session service = journal.session(Session.AUTO_ACKNOWLEDGE);
        Message got = service.createConsumer(service.createQueue("service")).receive(1000);
        Message answer = service.createTextMessage("pong");
        answer.setJMSCorrelationID(got.getJMSMessageID());
        service.createProducer(got.getJMSReplyTo()).send(answer);

        TextMessage reply = (TextMessage) requester.createConsumer(replies).receive(1000);
        assertEquals("pong", reply.getText());
        assertEquals(request.getJMSMessageID(), reply.getJMSCorrelationID());
    }

    @Test
    @DisplayName("§6.2.2 only the creating connection may consume from a temporary destination")
    void onlyOwnerConsumes() throws JMSException {
        TemporaryQueue q = journal.connection().createSession().createTemporaryQueue();
        TemporaryTopic t = journal.connection().createSession().createTemporaryTopic();
        Session other = journal.connection().createSession();
        assertThrows(InvalidDestinationException.class, () -> other.createConsumer(q));
        assertThrows(InvalidDestinationException.class, () -> other.createConsumer(t));
        other.createProducer(q).send(other.createMessage());
    }

    @Test
    @DisplayName("§6.2.2 delete() is refused while the destination has consumers")
    void deleteWithConsumers() throws JMSException {
        Session s = journal.connection().createSession();
        TemporaryQueue q = s.createTemporaryQueue();
        MessageConsumer c = s.createConsumer(q);
        assertThrows(IllegalStateException.class, q::delete);
        c.close();
        q.delete();
        assertThrows(InvalidDestinationException.class, () -> s.createProducer(q).send(s.createMessage()));
        TemporaryTopic t = s.createTemporaryTopic();
        MessageConsumer tc = s.createConsumer(t);
        assertThrows(IllegalStateException.class, t::delete);
        tc.close();
        t.delete();
    }

    @Test
    @DisplayName("§6.2.2 a temporary destination is deleted with its connection")
    void deletedWithConnection() throws JMSException {
        Connection owner = journal.connection();
        TemporaryQueue q = owner.createSession().createTemporaryQueue();
        owner.close();
        Session other = journal.connection().createSession();
        assertThrows(InvalidDestinationException.class, () -> other.createProducer(q).send(other.createMessage()));
    }
}
