package org.wharfmq.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.tck.support.Jms;

/**
 * JMS 3.1 §7.3.5 and the {@code MessageProducer.close} javadoc: what a CompletionListener callback may call on
 * the objects that sent its message, and that closing a producer waits for its incomplete asynchronous sends.
 */
class CompletionListenerRulesTest {

    @RegisterExtension
    final Jms jms = new Jms();

    /** A call made from the callback. */
    private interface Call {
        void run() throws Exception;
    }

    /** A CompletionListener that makes {@code call} in onCompletion and keeps what it threw. */
    private static final class Calling implements CompletionListener {
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        final AtomicReference<Exception> sendFailure = new AtomicReference<>();
        private final Call call;

        Calling(Call call) {
            this.call = call;
        }

        @Override
        public void onCompletion(Message message) {
            try {
                call.run();
            } catch (Exception | Error e) {
                thrown.set(e);
            } finally {
                done.countDown();
            }
        }

        @Override
        public void onException(Message message, Exception exception) {
            sendFailure.set(exception);
            done.countDown();
        }

        Throwable await() throws InterruptedException {
            assertTrue(done.await(Jms.ARRIVES, TimeUnit.MILLISECONDS), "the CompletionListener was not called");
            assertNull(sendFailure.get(), "the send failed");
            return thrown.get();
        }
    }

    @Test
    @DisplayName("§7.3.5 a CompletionListener may stop its own JMSContext (only a MessageListener may not)")
    void completionListenerMayStopItsContext() throws Exception {
        JMSContext context = jms.context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue queue = jms.queue("q");
        Calling listener = new Calling(context::stop);
        context.createProducer().setAsync(listener).send(queue, "stop from the callback");
        assertNull(listener.await());
        context.start();
        assertEquals("stop from the callback", context.createConsumer(queue).receiveBody(String.class, Jms.ARRIVES));
    }

    @Test
    @DisplayName("§7.3.5 a CompletionListener may stop its own Connection (only a MessageListener may not)")
    void completionListenerMayStopItsConnection() throws Exception {
        Connection connection = jms.started();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Calling listener = new Calling(connection::stop);
        session.createProducer(jms.queue("q")).send(session.createMessage(), listener);
        assertNull(listener.await());
    }

    @Test
    @DisplayName("§7.3.5 a MessageListener must not stop its own JMSContext: IllegalStateRuntimeException")
    void messageListenerMustNotStopItsContext() throws Exception {
        JMSContext context = jms.context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue queue = jms.queue("q");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        context.createConsumer(queue).setMessageListener(m -> {
            try {
                context.stop();
            } catch (RuntimeException e) {
                thrown.set(e);
            }
            done.countDown();
        });
        context.createProducer().send(queue, "stop from the listener");
        assertTrue(done.await(Jms.ARRIVES, TimeUnit.MILLISECONDS));
        assertTrue(thrown.get() instanceof IllegalStateRuntimeException, String.valueOf(thrown.get()));
    }

    @Test
    @DisplayName("§7.3.5 a CompletionListener must not close its own MessageProducer: IllegalStateException")
    void completionListenerMustNotCloseItsProducer() throws Exception {
        Session session = jms.session(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(jms.queue("q"));
        Calling listener = new Calling(producer::close);
        producer.send(session.createMessage(), listener);
        Throwable thrown = listener.await();
        assertTrue(thrown instanceof IllegalStateException, "close() in the callback: " + thrown);
        producer.send(session.createMessage());
    }

    @Test
    @DisplayName("MessageProducer.close waits until the callbacks of its incomplete asynchronous sends have returned")
    void producerCloseWaitsForIncompleteSends() throws Exception {
        Session session = jms.session(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(jms.queue("q"));
        int sends = 20;
        AtomicInteger returned = new AtomicInteger();
        CompletionListener slow = new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                pause();
                returned.incrementAndGet();
            }

            @Override
            public void onException(Message message, Exception exception) {
                pause();
                returned.incrementAndGet();
            }

            private void pause() {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        for (int i = 0; i < sends; i++) {
            producer.send(session.createTextMessage("m" + i), slow);
        }
        producer.close();
        assertEquals(sends, returned.get(), "callbacks that had returned when close() returned");
    }
}
