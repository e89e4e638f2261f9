package org.wharfmq.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.wharfmq.store.Stores;

/**
 * One engine per journal per JVM. Connection factories acquire the engine of their journal when a connection
 * opens and release it when the connection closes. After the last release the engine stays open for the linger
 * time that release gives (its factory's {@code engineLingerMillis}), so that a connection per operation does not
 * open the journal again each time, and then closes, which stops all of its threads; a release with no linger (the
 * resource adapter's, at undeployment) closes it at once. Every Wharf thread is a daemon and a JVM
 * shutdown hook closes engines still open, so a lingering engine never keeps a Java SE program from exiting.
 */
public final class EngineRegistry {

    private static final Logger LOG = Logger.getLogger(EngineRegistry.class.getName());

    private static final Map<String, Handle> ENGINES = new HashMap<>();

    /** Engines being closed, by key: a journal is opened again only once its previous engine let go of it. */
    private static final Map<String, CompletableFuture<Void>> CLOSING = new ConcurrentHashMap<>();

    /** Runs the closes after a linger; its one daemon thread ends when nothing is scheduled. */
    private static final ScheduledThreadPoolExecutor LINGER = lingerTimer();

    private static final class Handle {
        final Engine engine;
        final Thread shutdownHook;
        int users;
        ScheduledFuture<?> pendingClose;

        Handle(Engine engine) {
            this.engine = engine;
            this.shutdownHook = new Thread(engine::close, "wharf-shutdown[" + engine.journalUrl() + "]");
        }
    }

    private EngineRegistry() {
    }

    private static ScheduledThreadPoolExecutor lingerTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "wharf-engine-linger");
            t.setDaemon(true);
            return t;
        });
        timer.setKeepAliveTime(1, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** The engine of {@code config}'s journal: the one open or lingering, or a new one. */
    public static synchronized Engine acquire(EngineConfig config) throws EngineException {
        String key = key(config.journalUrl());
        Handle h = ENGINES.get(key);
        if (h == null || h.engine.isClosed()) {
            awaitClosed(key);
            h = new Handle(Engine.open(config));
            ENGINES.put(key, h);
            Runtime.getRuntime().addShutdownHook(h.shutdownHook);
        }
        if (h.pendingClose != null) {
            h.pendingClose.cancel(false);
            h.pendingClose = null;
        }
        h.users++;
        return h.engine;
    }

    /**
     * Gives back an engine obtained from {@link #acquire}; after the last user it closes once {@code lingerMillis}
     * have passed with no new user (at once for 0).
     */
    public static void release(Engine engine, long lingerMillis) {
        Handle closing;
        String key = key(engine.journalUrl());
        synchronized (EngineRegistry.class) {
            Handle h = ENGINES.get(key);
            if (h == null || h.engine != engine || --h.users > 0) {
                return;
            }
            if (lingerMillis > 0 && !engine.isClosed()) {
                h.pendingClose = LINGER.schedule(() -> closeIfUnused(key, h), lingerMillis, TimeUnit.MILLISECONDS);
                return;
            }
            closing = detach(key, h);
        }
        close(key, closing);
    }

    private static void closeIfUnused(String key, Handle h) {
        Handle closing;
        synchronized (EngineRegistry.class) {
            if (h.users > 0 || ENGINES.get(key) != h) {
                return;
            }
            closing = detach(key, h);
        }
        close(key, closing);
    }

    /** Removes {@code h} from the open engines and marks its journal as closing; called with the lock held. */
    private static Handle detach(String key, Handle h) {
        ENGINES.remove(key);
        h.pendingClose = null;
        CLOSING.put(key, new CompletableFuture<>());
        return h;
    }

    private static void close(String key, Handle h) {
        try {
            try {
                Runtime.getRuntime().removeShutdownHook(h.shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to; closing twice is harmless
            }
            h.engine.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the Wharf journal " + h.engine.journalUrl() + " could not be closed cleanly", e);
        } finally {
            // without the registry's lock: acquire may hold it while it waits for this
            CompletableFuture<Void> done = CLOSING.remove(key);
            if (done != null) {
                done.complete(null);
            }
        }
    }

    /** Waits, with the lock held, until a close of the same journal in progress has finished. */
    private static void awaitClosed(String key) {
        CompletableFuture<Void> closing = CLOSING.get(key);
        if (closing != null) {
            closing.join();
        }
    }

    /** How many engines are open (for tests of the lifecycle). */
    public static synchronized int openEngines() {
        return ENGINES.size();
    }

    /**
     * Two URLs that name the same database must share one engine, or two engines would write one journal: the
     * store says which URLs name the same database.
     */
    static String key(String url) {
        return Stores.storeKey(url);
    }
}
