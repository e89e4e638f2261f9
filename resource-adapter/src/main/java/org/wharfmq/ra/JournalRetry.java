package org.wharfmq.ra;

import jakarta.resource.spi.work.Work;

/**
 * Opens the adapter's shared journal when PostgreSQL could not be reached at {@code start()}: a Work on the
 * container's WorkManager (Connectors 2.1 §11: an adapter uses the container's threads) that tries again every
 * {@link #RETRY_MILLIS} until the journal opens or the adapter stops. Activations made meanwhile wait for it instead
 * of failing the deployment; a database that is down for a moment must not need a redeployment once it is back.
 */
final class JournalRetry implements Work {

    /** Between two attempts: often enough to start soon after the database, rarely enough not to flood its log. */
    static final long RETRY_MILLIS = 2_000;

    private final WharfResourceAdapter ra;
    private volatile boolean released;
    private volatile Thread running;

    JournalRetry(WharfResourceAdapter ra) {
        this.ra = ra;
    }

    @Override
    public void run() {
        running = Thread.currentThread();
        try {
            while (!released && !ra.tryOpen()) {
                try {
                    Thread.sleep(RETRY_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        } finally {
            running = null;
        }
    }

    /** Stops trying (the adapter stops, or the container asks). */
    @Override
    public void release() {
        released = true;
        Thread t = running;
        if (t != null) {
            t.interrupt();
        }
    }
}
