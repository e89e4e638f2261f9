package org.wharfmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.MessageListener;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.wharfmq.engine.QueueEntry;
import org.wharfmq.jms.message.WharfMessage;

/**
 * The thread that runs one session's MessageListeners, one message at a time (JMS 3.1 §6.2.5: a session
 * delivers serially). It sleeps until a queue it listens to signals new messages, so an idle session costs a
 * parked thread, not a poll loop; it ends when the session closes.
 */
final class ListenerDispatcher implements Runnable {

    private static final Logger LOG = Logger.getLogger(ListenerDispatcher.class.getName());

    /** The dispatcher whose MessageListener runs on this thread. */
    private static final ThreadLocal<ListenerDispatcher> DELIVERING = new ThreadLocal<>();

    private final WharfSession session;
    private final Semaphore signal = new Semaphore(0);
    /** Held while a MessageListener runs; connection stop and session close wait on it. */
    private final ReentrantLock deliveryLock = new ReentrantLock();
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
                    delivered |= dispatchOne(c);
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

    boolean isDeliveryThread() {
        return DELIVERING.get() == this;
    }

    /** Waits for a MessageListener in progress, unless called from it. */
    void awaitIdle() {
        if (!deliveryLock.isHeldByCurrentThread()) {
            deliveryLock.lock();
            deliveryLock.unlock();
        }
    }

    /** Delivers at most one message of {@code c} to its listener; true if one was delivered. */
    private boolean dispatchOne(WharfMessageConsumer c) {
        deliveryLock.lock();
        try {
            MessageListener listener = c.listener();
            if (listener == null || c.isClosed() || session.isClosed() || !session.connection.isStarted()) {
                return false;
            }
            QueueEntry e = c.receiver.poll();
            if (e == null) {
                return false;
            }
            WharfMessage m;
            try {
                m = session.delivered(e, false);
            } catch (JMSException ex) {
                session.connection.reportAsync(ex);
                return true;
            }
            DELIVERING.set(this);
            try {
                listener.onMessage(m);
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "the MessageListener of " + c + " threw; the message will be redelivered", ex);
                session.listenerFailed(e, ex);
                return true;
            } finally {
                DELIVERING.remove();
            }
            try {
                session.completeDelivery(e);
            } catch (JMSException ex) {
                session.connection.reportAsync(ex);
            }
            return true;
        } finally {
            deliveryLock.unlock();
        }
    }
}
