package org.wharfmq.jms;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.ResourceAllocationRuntimeException;
import jakarta.jms.Session;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.support.WharfJournal;

/** Input a provider must refuse clearly, storing nothing: oversized messages, huge properties, bad names. */
class BadInputTest {

    @RegisterExtension
    final WharfJournal journal = new WharfJournal();

    private Session session(long maxMessageBytes) throws Exception {
        WharfConnectionFactory f = journal.factory();
        f.setMaxMessageBytes(maxMessageBytes);
        return journal.track(f.createConnection()).createSession();
    }

    @Test
    @DisplayName("a message above maxMessageBytes is refused with ResourceAllocationException naming the setting; nothing is stored")
    void oversizedMessageIsRefused() throws Exception {
        Session s = session(10_000);
        MessageProducer p = s.createProducer(new WharfQueue("q"));
        ResourceAllocationException e = assertThrows(ResourceAllocationException.class,
                () -> p.send(s.createTextMessage("x".repeat(20_000))));
        assertTrue(e.getMessage().contains("maxMessageBytes"), e.getMessage());
        Message huge = s.createTextMessage("small body");
        huge.setStringProperty("note", "y".repeat(50_000));
        assertThrows(ResourceAllocationException.class, () -> p.send(huge), "properties count towards the size");
        p.send(s.createTextMessage("fits"));
        journal.connection().start();
        Session reader = journal.session(Session.AUTO_ACKNOWLEDGE);
        jakarta.jms.MessageConsumer c = reader.createConsumer(new WharfQueue("q"));
        assertTrue(((jakarta.jms.TextMessage) c.receive(1000)).getText().equals("fits"));
        assertNull(c.receive(200), "the refused messages were not stored");
    }

    @Test
    @DisplayName("a huge but valid property name is accepted up to the size limit and refused beyond it")
    void hugePropertyName() throws Exception {
        Session s = session(100_000);
        Message m = s.createMessage();
        m.setIntProperty("p" + "q".repeat(200_000), 1);
        assertThrows(ResourceAllocationException.class, () -> s.createProducer(new WharfQueue("q")).send(m));
    }

    @Test
    @DisplayName("the simplified API reports an oversized message as ResourceAllocationRuntimeException")
    void oversizedInSimplifiedApi() {
        WharfConnectionFactory f = journal.factory();
        f.setMaxMessageBytes(1_000);
        JMSContext context = journal.track(f.createContext());
        assertThrows(ResourceAllocationRuntimeException.class,
                () -> context.createProducer().send(new WharfQueue("q"), "z".repeat(5_000)));
    }

    @Test
    @DisplayName("Session.createQueue/createTopic: an empty or blank destination name is refused with InvalidDestination(Runtime)Exception")
    void invalidDestinationNames() throws Exception {
        Session s = session(1_000_000);
        assertThrows(InvalidDestinationException.class, () -> s.createQueue(""));
        assertThrows(InvalidDestinationException.class, () -> s.createTopic(" "));
        assertThrows(IllegalArgumentException.class, () -> new WharfQueue(""), "Wharf's own constructor, not the API");
        JMSContext context = journal.track(journal.factory().createContext());
        assertThrows(InvalidDestinationRuntimeException.class, () -> context.createQueue(""));
    }
}
