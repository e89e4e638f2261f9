package org.wharfmq.jms;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The thread that runs one session's MessageListeners, one message at a time (JMS 3.1 §6.2.5: a session
 * delivers serially). It sleeps until a queue it listens to signals new messages, so an idle session costs a
 * parked thread, not a poll loop; it ends when the session closes.
 */
final class ListenerDispatcher implements Runnable {

    private final WharfSession session;
    private final Semaphore signal = new Semaphore(0);
    private volatile boolean running;

    ListenerDispatcher(WharfSession session) {
        this.session = session;
    }

    /** The callback queues run when messages become ready. */
    void wakeup() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    synchronized void start() {
        if (running) {
            wakeup();
            return;
        }
        running = true;
        try {
            session.connection.engine.workers().execute(this);
        } catch (RejectedExecutionException e) {
            running = false;
        }
    }

    void stop() {
        running = false;
        wakeup();
    }

    @Override
    public void run() {
        try {
            while (running && !session.isClosed()) {
                if (!session.connection.isStarted()) {
                    signal.tryAcquire(1, TimeUnit.SECONDS);
                    continue;
                }
                boolean delivered = false;
                for (WharfMessageConsumer c : session.consumers()) {
                    if (!running || !session.connection.isStarted()) {
                        break;
                    }
                    delivered |= session.dispatchOne(c);
                }
                if (!delivered) {
                    // a timed wait: scheduled messages and expiry are re-checked at least every second
                    signal.tryAcquire(1, TimeUnit.SECONDS);
                    signal.drainPermits();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                running = false;
            }
        }
    }
}
