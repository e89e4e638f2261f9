package org.wharfmq.engine;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One engine per journal per JVM. Connection factories acquire the engine of their journal when a connection
 * opens and release it when the connection closes; the last release closes the engine, which stops all of
 * its threads, so a Java SE program exits when main returns. A JVM shutdown hook closes engines still open.
 */
public final class EngineRegistry {

    private static final Map<String, Handle> ENGINES = new HashMap<>();

    private static final class Handle {
        final Engine engine;
        final Thread shutdownHook;
        int users;

        Handle(Engine engine) {
            this.engine = engine;
            this.shutdownHook = new Thread(engine::close, "wharf-shutdown[" + engine.journalUrl() + "]");
        }
    }

    private EngineRegistry() {
    }

    /** The engine of {@code config}'s journal, opened if no connection uses it yet. */
    public static synchronized Engine acquire(EngineConfig config) throws EngineException {
        String key = key(config.journalUrl());
        Handle h = ENGINES.get(key);
        if (h == null || h.engine.isClosed()) {
            h = new Handle(Engine.open(config));
            ENGINES.put(key, h);
            Runtime.getRuntime().addShutdownHook(h.shutdownHook);
        }
        h.users++;
        return h.engine;
    }

    /** Gives back an engine obtained from {@link #acquire}; the last user closes it. */
    public static void release(Engine engine) {
        Handle closing = null;
        synchronized (EngineRegistry.class) {
            String key = key(engine.journalUrl());
            Handle h = ENGINES.get(key);
            if (h != null && h.engine == engine && --h.users == 0) {
                ENGINES.remove(key);
                closing = h;
            }
        }
        if (closing != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(closing.shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to; closing twice is harmless
            }
            closing.engine.close();
        }
    }

    /** How many engines are open (for tests of the lifecycle). */
    public static synchronized int openEngines() {
        return ENGINES.size();
    }

    /**
     * Two URLs that name the same H2 file must share one engine, or two engines would write one journal:
     * embedded file URLs are keyed by their absolute path.
     */
    static String key(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:")) {
            return url;
        }
        String rest = url.substring("jdbc:h2:".length());
        int semicolon = rest.indexOf(';');
        if (semicolon >= 0) {
            rest = rest.substring(0, semicolon);
        }
        String restLower = rest.toLowerCase(Locale.ROOT);
        if (restLower.startsWith("tcp:") || restLower.startsWith("ssl:") || restLower.startsWith("mem:")) {
            return "h2:" + rest;
        }
        if (restLower.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        if (rest.startsWith("~")) {
            rest = System.getProperty("user.home") + rest.substring(1);
        }
        return "h2file:" + Path.of(rest).toAbsolutePath().normalize();
    }
}
