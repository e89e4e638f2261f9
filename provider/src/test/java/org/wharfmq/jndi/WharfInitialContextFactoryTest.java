package org.wharfmq.jndi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.OperationNotSupportedException;
import javax.naming.Reference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.jms.WharfConnectionFactory;
import org.wharfmq.jms.WharfQueue;
import org.wharfmq.jms.WharfTopic;
import org.wharfmq.support.WharfJournal;

/** JNDI for Java SE: jndi.properties-style configuration of factories and destinations. */
class WharfInitialContextFactoryTest {

    @RegisterExtension
    final WharfJournal journal = new WharfJournal();

    private static InitialContext context(String... keyValues) throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, WharfInitialContextFactory.class.getName());
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return new InitialContext(env);
    }

    @Test
    @DisplayName("connectionFactory.NAME, queue.NAME and topic.NAME bind what they say; the factory works")
    void bindsConfiguredObjects() throws Exception {
        InitialContext ctx = context(
                "connectionFactory.ConnectionFactory", journal.url() + "?clientID=jndi-app&bodyCacheBytes=1000&engineLingerMillis=0",
                "queue.orders", "orders.v1",
                "topic.events", "events");
        WharfConnectionFactory f = (WharfConnectionFactory) ctx.lookup("ConnectionFactory");
        assertEquals(journal.url(), f.getJournalUrl());
        assertEquals("jndi-app", f.getClientID());
        assertEquals(1000, f.getBodyCacheBytes());
        assertEquals(new WharfQueue("orders.v1"), ctx.lookup("orders"));
        assertEquals("events", ((Topic) ctx.lookup("events")).getTopicName());
        try (JMSContext jms = ((ConnectionFactory) ctx.lookup("ConnectionFactory")).createContext()) {
            assertEquals("jndi-app", jms.getClientID());
            Queue q = (Queue) ctx.lookup("orders");
            jms.createProducer().send(q, "via jndi");
            assertEquals("via jndi", jms.createConsumer(q).receiveBody(String.class, 1000));
        }
    }

    @Test
    @DisplayName("a key Wharf does not understand is a NamingException naming the key")
    void unknownKey() {
        NamingException e = assertThrows(NamingException.class, () -> context("queues.orders", "orders"));
        assertTrue(e.getMessage().contains("queues.orders"), e.getMessage());
        NamingException setting = assertThrows(NamingException.class,
                () -> context("connectionFactory.cf", journal.url() + "?clientId=x"));
        assertTrue(setting.getMessage().contains("clientId") && setting.getMessage().contains("connectionFactory.cf"),
                setting.getMessage());
        NamingException value = assertThrows(NamingException.class,
                () -> context("connectionFactory.cf", journal.url() + "?bodyCacheBytes=lots"));
        assertTrue(value.getMessage().contains("bodyCacheBytes"), value.getMessage());
    }

    @Test
    @DisplayName("without any connectionFactory entry, ConnectionFactory names the default journal")
    void defaultFactory() throws NamingException {
        assertEquals("jdbc:h2:file:./wharf-data/journal",
                ((WharfConnectionFactory) context().lookup("ConnectionFactory")).getJournalUrl());
    }

    @Test
    @DisplayName("dynamicQueues/ and dynamicTopics/ look up destinations that are not configured")
    void dynamicDestinations() throws NamingException {
        InitialContext ctx = context();
        assertEquals(new WharfQueue("adhoc"), ctx.lookup("dynamicQueues/adhoc"));
        assertEquals(new WharfTopic("adhoc"), ctx.lookup("dynamicTopics/adhoc"));
        assertThrows(NameNotFoundException.class, () -> ctx.lookup("nothing"));
        assertThrows(OperationNotSupportedException.class, () -> ctx.bind("x", "y"));
    }

    @Test
    @DisplayName("factories and destinations are Serializable and Referenceable")
    void serializableAndReferenceable() throws Exception {
        WharfConnectionFactory f = new WharfConnectionFactory(journal.url());
        f.setClientID("ref");
        Reference ref = f.getReference();
        WharfConnectionFactory fromRef = (WharfConnectionFactory) new WharfObjectFactory()
                .getObjectInstance(ref, null, null, null);
        assertEquals("ref", fromRef.getClientID());
        assertEquals(journal.url(), fromRef.getJournalUrl());
        assertEquals(new WharfQueue("q"), new WharfObjectFactory()
                .getObjectInstance(new WharfQueue("q").getReference(), null, null, null));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(f);
            out.writeObject(new WharfTopic("t"));
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals("ref", assertInstanceOf(WharfConnectionFactory.class, in.readObject()).getClientID());
            assertEquals(new WharfTopic("t"), in.readObject());
        }
    }
}
