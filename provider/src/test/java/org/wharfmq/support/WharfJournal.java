package org.wharfmq.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.wharfmq.engine.EngineRegistry;
import org.wharfmq.jms.WharfConnectionFactory;

/**
 * The shared fixture: a real H2 file journal in a fresh directory per test, connections that are closed after
 * the test, and a check that closing them closed the engine (no Wharf thread may outlive its connections).
 *
 * <pre>
 * {@literal @}RegisterExtension final WharfJournal journal = new WharfJournal();
 * </pre>
 */
public final class WharfJournal implements BeforeEachCallback, AfterEachCallback {

    private Path directory;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        directory = Files.createTempDirectory("wharf-test-");
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        closeAll();
        assertEquals(0, EngineRegistry.openEngines(), "an engine is still open after every connection was closed");
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Closes every connection and context opened through this fixture (a simulated clean restart). */
    public void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        opened.clear();
    }

    public Path directory() {
        return directory;
    }

    public String url() {
        return "jdbc:h2:file:" + directory.resolve("journal").toAbsolutePath();
    }

    /**
     * The journal URL for a factory a test makes itself (an XA factory, say): with {@code engineLingerMillis=0},
     * so that closing the test's connections closes the journal, as the fixture checks.
     */
    public String factoryUrl() {
        return url() + "?engineLingerMillis=0";
    }

    /**
     * A factory for this journal that redelivers at once (redeliveryDelay 0), so that tests of other behaviour
     * do not wait out the default delay; {@link #defaultFactory()} keeps every default.
     */
    public WharfConnectionFactory factory() {
        WharfConnectionFactory f = defaultFactory();
        f.setRedeliveryDelay(0);
        return f;
    }

    /**
     * A factory for this journal with every default setting but one: the engine closes with the last connection
     * ({@code engineLingerMillis=0}), so that {@link #closeAll()} is a real restart of the journal.
     */
    public WharfConnectionFactory defaultFactory() {
        return new WharfConnectionFactory(factoryUrl());
    }

    /** A connection that the fixture closes after the test. */
    public Connection connection() throws JMSException {
        return track(factory().createConnection());
    }

    /** A started connection. */
    public Connection started() throws JMSException {
        Connection c = connection();
        c.start();
        return c;
    }

    public Session session(int mode) throws JMSException {
        return started().createSession(mode);
    }

    public <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }
}
