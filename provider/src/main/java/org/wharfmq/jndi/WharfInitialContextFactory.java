package org.wharfmq.jndi;

import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;
import org.wharfmq.config.WharfSettings;
import org.wharfmq.jms.WharfConnectionFactory;
import org.wharfmq.jms.WharfQueue;
import org.wharfmq.jms.WharfTopic;
import org.wharfmq.jms.WharfXAConnectionFactory;

/**
 * JNDI for Java SE clients, configured like Qpid JMS and Artemis from {@code jndi.properties} or the
 * InitialContext environment:
 * <pre>
 * java.naming.factory.initial = org.wharfmq.jndi.WharfInitialContextFactory
 * connectionFactory.ConnectionFactory = jdbc:h2:file:./wharf-data/journal?clientID=app1
 * xaConnectionFactory.XAConnectionFactory = jdbc:h2:file:./wharf-data/journal
 * queue.orders = orders
 * topic.events = events
 * </pre>
 * A connection factory's URL is the journal URL; settings follow {@code ?} as {@code name=value} pairs joined by
 * {@code &} (see {@link WharfSettings#PROPERTIES}). {@code dynamicQueues/NAME} and {@code dynamicTopics/NAME}
 * look up destinations that are not configured. Without any {@code connectionFactory.} entry,
 * {@code ConnectionFactory} names a factory for the default journal. A key this factory does not understand
 * fails with a NamingException that names it.
 */
public class WharfInitialContextFactory implements InitialContextFactory {

    public static final String CONNECTION_FACTORY_PREFIX = "connectionFactory.";
    public static final String XA_CONNECTION_FACTORY_PREFIX = "xaConnectionFactory.";
    public static final String QUEUE_PREFIX = "queue.";
    public static final String TOPIC_PREFIX = "topic.";

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) throws NamingException {
        Map<String, Object> bindings = new LinkedHashMap<>();
        boolean anyFactory = false;
        for (Map.Entry<?, ?> e : environment.entrySet()) {
            String key = String.valueOf(e.getKey());
            String value = String.valueOf(e.getValue());
            if (key.startsWith("java.naming.") || key.startsWith("jndi.") || key.startsWith("org.omg.")) {
                continue;
            }
            if (key.startsWith(CONNECTION_FACTORY_PREFIX)) {
                bindings.put(name(key, CONNECTION_FACTORY_PREFIX), connectionFactory(key, value, false));
                anyFactory = true;
            } else if (key.startsWith(XA_CONNECTION_FACTORY_PREFIX)) {
                bindings.put(name(key, XA_CONNECTION_FACTORY_PREFIX), connectionFactory(key, value, true));
            } else if (key.startsWith(QUEUE_PREFIX)) {
                bindings.put(name(key, QUEUE_PREFIX), destination(key, value, false));
            } else if (key.startsWith(TOPIC_PREFIX)) {
                bindings.put(name(key, TOPIC_PREFIX), destination(key, value, true));
            } else {
                throw new NamingException("unknown Wharf JNDI property '" + key + "': use connectionFactory.<name>, "
                        + "xaConnectionFactory.<name>, queue.<name> or topic.<name>");
            }
        }
        if (!anyFactory) {
            bindings.put("ConnectionFactory", new WharfConnectionFactory());
        }
        return new ReadOnlyContext(bindings, environment);
    }

    private static String name(String key, String prefix) throws NamingException {
        String name = key.substring(prefix.length());
        if (name.isEmpty()) {
            throw new NamingException("JNDI property '" + key + "' has no name after '" + prefix + "'");
        }
        return name;
    }

    private static Object destination(String key, String value, boolean topic) throws NamingException {
        try {
            return topic ? new WharfTopic(value) : new WharfQueue(value);
        } catch (IllegalArgumentException e) {
            throw naming("JNDI property '" + key + "': " + e.getMessage(), e);
        }
    }

    /**
     * {@code jdbc:h2:file:./data/journal?clientID=a&bodyCacheBytes=1000}: the journal URL with its settings, read
     * by {@link org.wharfmq.config.JournalUrl} exactly as the factory's constructor reads it.
     */
    static WharfConnectionFactory connectionFactory(String key, String value, boolean xa) throws NamingException {
        String url = value.isBlank() ? WharfSettings.DEFAULT_JOURNAL_URL : value.trim();
        try {
            return xa ? new WharfXAConnectionFactory(url) : new WharfConnectionFactory(url);
        } catch (IllegalArgumentException e) {
            throw naming("JNDI property '" + key + "': " + e.getMessage(), e);
        }
    }

    private static NamingException naming(String message, Exception cause) {
        NamingException n = new NamingException(message);
        n.setRootCause(cause);
        return n;
    }
}
