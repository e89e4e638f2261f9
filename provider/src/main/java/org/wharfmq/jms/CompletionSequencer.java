package org.wharfmq.jms;

import jakarta.jms.CompletionListener;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Calls a session's CompletionListeners (JMS 3.1 §7.3): once each send is durable, on a worker thread, strictly
 * in send order for the session, one at a time.
 */
final class CompletionSequencer {

    private static final Logger LOG = Logger.getLogger(CompletionSequencer.class.getName());

    /** The session whose CompletionListener runs on this thread (§7.3.5 forbids it some calls). */
    private static final ThreadLocal<Object> COMPLETING = new ThreadLocal<>();

    private final Object session;
    private final Executor executor;
    private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

    CompletionSequencer(Object session, Executor executor) {
        this.session = session;
        this.executor = executor;
    }

    boolean isCompletionThread() {
        return COMPLETING.get() == session;
    }

    /** Schedules {@code listener} for when {@code sent} completes, after every earlier one of this session. */
    synchronized void after(CompletableFuture<Void> sent, Message message, CompletionListener listener) {
        CompletableFuture<Throwable> outcome = sent.handle((v, failure) -> failure);
        last = last.thenCombine(outcome, (previous, failure) -> failure).thenAcceptAsync(failure -> {
            COMPLETING.set(session);
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
    }

    /** Waits until every scheduled listener has run (close and commit wait for incomplete sends, §7.3.4). */
    void await() {
        CompletableFuture<Void> pending;
        synchronized (this) {
            pending = last;
        }
        try {
            pending.join();
        } catch (RuntimeException ignored) {
            // failures went to the CompletionListener
        }
    }
}
