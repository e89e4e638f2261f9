package org.wharfmq.ra.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.wharfmq.engine.EngineRegistry;
import org.wharfmq.jms.WharfConnectionFactory;
import org.wharfmq.jms.WharfQueue;
import org.wharfmq.ra.WharfActivationSpec;
import org.wharfmq.ra.WharfManagedConnectionFactory;
import org.wharfmq.ra.WharfResourceAdapter;

/**
 * The shared fixture of the adapter's tests: a real H2 journal in a fresh directory, the adapter started with a
 * thread-pool WorkManager, a pooled connection factory enlisting in a real transaction manager (Narayana), and
 * at the end a clean shutdown that must leave no engine open. {@link #send}, {@link #receive} and {@link #depth}
 * look at the journal through a plain Wharf connection, as an independent observer.
 *
 * <pre>
 * {@literal @}RegisterExtension final TestServer server = new TestServer();
 * </pre>
 */
public final class TestServer implements BeforeEachCallback, AfterEachCallback {

    private static TransactionManager tm;

    private Path directory;
    private TestBootstrapContext bootstrap;
    private WharfResourceAdapter ra;
    private TestConnectionManager cm;
    private ConnectionFactory cf;
    private Connection observer;

    /** The JVM's transaction manager: Narayana with its object store in a temporary directory. */
    public static synchronized TransactionManager transactionManager() throws Exception {
        if (tm == null) {
            Path store = Files.createTempDirectory("narayana-");
            System.setProperty("ObjectStoreEnvironmentBean.objectStoreDir", store.toString());
            System.setProperty("com.arjuna.ats.arjuna.objectstore.objectStoreDir", store.toString());
            tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
        }
        return tm;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        directory = Files.createTempDirectory("wharf-ra-test-");
        start();
    }

    public String journalUrl() {
        return "jdbc:h2:file:" + directory.resolve("journal").toAbsolutePath();
    }

    /** An adapter configured as a deployment would be; tests may change it before {@link #start()}. */
    public static WharfResourceAdapter adapter(String journalUrl) {
        WharfResourceAdapter a = new WharfResourceAdapter();
        a.setJournalUrl(journalUrl);
        a.setRedeliveryDelay(0L);
        a.setDeactivationTimeoutMillis(5000L);
        return a;
    }

    private void start() throws Exception {
        bootstrap = new TestBootstrapContext();
        ra = adapter(journalUrl());
        ra.start(bootstrap);
        WharfManagedConnectionFactory mcf = new WharfManagedConnectionFactory();
        mcf.setResourceAdapter(ra);
        cm = new TestConnectionManager(transactionManager());
        cf = (ConnectionFactory) mcf.createConnectionFactory(cm);
        observer = new WharfConnectionFactory(journalUrl()).createConnection();
        observer.start();
    }

    /** Undeploys and deploys again on the same journal (a clean server restart). */
    public void restart() throws Exception {
        stop();
        start();
    }

    private void stop() throws Exception {
        if (tm != null && tm.getStatus() != Status.STATUS_NO_TRANSACTION) {
            tm.rollback();
        }
        observer.close();
        cm.destroyAll();
        ra.stop();
        assertTrue(bootstrap.threadPool().shutdown(), "a delivery Work was still running after the adapter stopped");
        assertEquals(0, EngineRegistry.openEngines(), "the engine is still open after the adapter stopped");
        assertNoWharfThreads();
    }

    /** Undeployment must leave no thread of Wharf's or of its H2 journal behind. */
    public static void assertNoWharfThreads() throws InterruptedException {
        long end = System.currentTimeMillis() + 5000;
        while (true) {
            java.util.List<String> left = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                    .map(Thread::getName).filter(n -> n.startsWith("wharf-") || n.startsWith("H2 ")
                            || n.startsWith("MVStore")).toList();
            if (left.isEmpty()) {
                return;
            }
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("threads left after the adapter stopped: " + left);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        stop();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    public WharfResourceAdapter adapter() {
        return ra;
    }

    public ConnectionFactory connectionFactory() {
        return cf;
    }

    public TestConnectionManager connectionManager() {
        return cm;
    }

    /** Activates a bean as an EJB container would; it is deactivated when the adapter stops. */
    public TestEndpointFactory activate(WharfActivationSpec spec, boolean transacted, MessageListener bean)
            throws Exception {
        TestEndpointFactory f = new TestEndpointFactory(transactionManager(), transacted, bean);
        spec.setResourceAdapter(ra);
        ra.endpointActivation(f, spec);
        return f;
    }

    public static WharfActivationSpec queueSpec(String queue) {
        WharfActivationSpec spec = new WharfActivationSpec();
        spec.setDestination(queue);
        spec.setDestinationType("jakarta.jms.Queue");
        return spec;
    }

    // ---- an independent observer of the journal -----------------------------------------------------------

    public void send(String queue, String text) throws JMSException {
        try (Session s = observer.createSession(Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer p = s.createProducer(new WharfQueue(queue));
            p.send(s.createTextMessage(text));
        }
    }

    public Message receive(String queue, long timeoutMillis) throws JMSException {
        try (Session s = observer.createSession(Session.AUTO_ACKNOWLEDGE);
             MessageConsumer c = s.createConsumer(new WharfQueue(queue))) {
            return c.receive(timeoutMillis);
        }
    }

    public int depth(String queue) throws JMSException {
        try (Session s = observer.createSession(Session.AUTO_ACKNOWLEDGE)) {
            Queue q = new WharfQueue(queue);
            try (QueueBrowser b = s.createBrowser(q)) {
                return Collections.list(b.getEnumeration()).size();
            }
        }
    }
}
