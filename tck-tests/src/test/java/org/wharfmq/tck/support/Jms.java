package org.wharfmq.tck.support;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The per-test fixture: connection factories and destinations from the provider's JNDI, destination names
 * unique to the test (so tests never see each other's messages), and everything opened closed afterwards.
 *
 * <pre>{@literal @}RegisterExtension final Jms jms = new Jms();</pre>
 */
public final class Jms implements BeforeEachCallback, AfterEachCallback {

    /** Long enough for any message that should arrive; short waits prove absence. */
    public static final long ARRIVES = 5_000;
    public static final long ABSENT = 200;

    private static final AtomicInteger TESTS = new AtomicInteger();

    private final List<AutoCloseable> opened = new ArrayList<>();
    private String prefix;

    @Override
    public void beforeEach(ExtensionContext context) {
        prefix = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName()
                + "." + TESTS.incrementAndGet() + ".";
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception | Error ignored) {
                // a test may have closed it, or left it failing; the next test starts clean either way
            }
        }
        opened.clear();
    }

    private static Object lookup(String name) {
        try {
            return Providers.jndi().lookup(name);
        } catch (Exception e) {
            throw new IllegalStateException("JNDI lookup of '" + name + "' failed", e);
        }
    }

    public ConnectionFactory factory() {
        return (ConnectionFactory) lookup("ConnectionFactory");
    }

    /** An XA connection factory (JMS 3.1 §6.2.8). */
    public jakarta.jms.XAConnectionFactory xaFactory() {
        return (jakarta.jms.XAConnectionFactory) lookup("XAConnectionFactory");
    }

    /** A factory whose connections have the client ID {@link Providers#DURABLE_CLIENT_ID}. */
    public ConnectionFactory durableFactory() {
        return (ConnectionFactory) lookup("DurableConnectionFactory");
    }

    /** A name unique to this test. */
    public String name(String suffix) {
        return prefix + suffix;
    }

    public Queue queue(String suffix) {
        return (Queue) lookup("dynamicQueues/" + name(suffix));
    }

    public Topic topic(String suffix) {
        return (Topic) lookup("dynamicTopics/" + name(suffix));
    }

    public <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    public Connection connection() throws Exception {
        return track(factory().createConnection());
    }

    public Connection started() throws Exception {
        Connection c = connection();
        c.start();
        return c;
    }

    public Session session(int mode) throws Exception {
        return started().createSession(mode);
    }

    public JMSContext context(int mode) {
        return track(factory().createContext(mode));
    }
}
