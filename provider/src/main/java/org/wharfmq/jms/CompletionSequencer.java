package org.wharfmq.jms;

import jakarta.jms.CompletionListener;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Calls a session's CompletionListeners (JMS 3.1 §7.3): once each send is durable, on a worker thread, strictly
 * in send order for the session, one at a time. It also knows, per producer, the last callback it has scheduled,
 * so that {@code MessageProducer.close} can wait for that producer's incomplete sends, and whose callback the
 * current thread is running, for the calls §7.3.5 forbids there.
 */
final class CompletionSequencer {

    private static final Logger LOG = Logger.getLogger(CompletionSequencer.class.getName());

    /** The session and producer whose CompletionListener runs on this thread (§7.3.5 forbids it some calls). */
    private static final ThreadLocal<Running> COMPLETING = new ThreadLocal<>();

    private record Running(Object session, Object producer) {
    }

    private final Object session;
    private final Executor executor;
    private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
    private final Map<Object, CompletableFuture<Void>> lastByProducer = new HashMap<>();

    CompletionSequencer(Object session, Executor executor) {
        this.session = session;
        this.executor = executor;
    }

    boolean isCompletionThread() {
        Running r = COMPLETING.get();
        return r != null && r.session() == session;
    }

    /** Whether this thread runs a CompletionListener of a send made by {@code producer}. */
    boolean isCompletionThreadOf(Object producer) {
        Running r = COMPLETING.get();
        return r != null && r.producer() == producer;
    }

    /**
     * Schedules {@code listener} for when {@code sent} completes, after every earlier one of this session;
     * {@code producer} is the producer that sent it.
     */
    synchronized void after(Object producer, CompletableFuture<Void> sent, Message message,
                            CompletionListener listener) {
        CompletableFuture<Throwable> outcome = sent.handle((v, failure) -> failure);
        Running running = new Running(session, producer);
        CompletableFuture<Void> callback = last.thenCombine(outcome, (previous, failure) -> failure).thenAcceptAsync(failure -> {
            COMPLETING.set(running);
            try {
                if (failure == null) {
                    listener.onCompletion(message);
                } else {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    JMSException e = new JMSException("the message could not be stored: " + cause.getMessage());
                    e.initCause(cause);
                    listener.onException(message, e);
                }
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "a CompletionListener threw", ex);
            } finally {
                COMPLETING.remove();
            }
        }, executor);
        last = callback;
        lastByProducer.put(producer, callback);
        callback.whenComplete((v, e) -> forget(producer, callback));
    }

    private synchronized void forget(Object producer, CompletableFuture<Void> callback) {
        lastByProducer.remove(producer, callback);
    }

    /** Waits until every scheduled listener has run (close and commit wait for incomplete sends, §7.3.4). */
    void await() {
        CompletableFuture<Void> pending;
        synchronized (this) {
            pending = last;
        }
        join(pending);
    }

    /**
     * Waits until every callback scheduled for {@code producer}'s sends has returned (the
     * {@code MessageProducer.close} javadoc). From another CompletionListener of this session it returns at once:
     * callbacks run one at a time, so the ones still to come cannot run before the current one returns.
     */
    void await(Object producer) {
        if (isCompletionThread()) {
            return;
        }
        CompletableFuture<Void> pending;
        synchronized (this) {
            pending = lastByProducer.get(producer);
        }
        if (pending != null) {
            join(pending);
        }
    }

    private static void join(CompletableFuture<Void> pending) {
        try {
            pending.join();
        } catch (RuntimeException ignored) {
            // failures went to the CompletionListener
        }
    }
}
