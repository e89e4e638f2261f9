package org.wharfmq.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.jms.WharfConnectionFactory;
import org.wharfmq.jms.WharfQueue;
import org.wharfmq.support.WharfJournal;

/**
 * A selector evaluated on a message whose body is not in memory reads the body from the journal; that read must not
 * hold the queue, whose producers and other consumers go on meanwhile. The read is held at the dialect seam
 * ({@link FaultyH2Dialect#bodyReadGate}) so that the test can act while it waits.
 */
class SelectorBodyReadTest {

    @RegisterExtension
    final WharfJournal journal = new WharfJournal();

    @RegisterExtension
    final FaultyH2Dialect.Installed faults = new FaultyH2Dialect.Installed();

    private interface JmsCall<T> {
        T call() throws JMSException;
    }

    private static <T> CompletableFuture<T> async(JmsCall<T> call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call.call();
            } catch (JMSException e) {
                throw new CompletionException(e);
            }
        });
    }

    private static <T> T within(CompletableFuture<T> f, String what) throws Exception {
        try {
            return f.get(20, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return fail(what + " waited for a journal read made for another consumer's selector");
        }
    }

    @Test
    @DisplayName("a new selective consumer reading bodies from the journal does not hold up the queue's producers and other consumers")
    void selectorBodyReadsHoldNoQueueLock() throws Exception {
        // a body cache of 2,000 bytes: the 3,000-byte message's body stays in the journal only
        WharfConnectionFactory f = new WharfConnectionFactory(journal.factoryUrl() + "&bodyCacheBytes=2000");
        CountDownLatch gate = new CountDownLatch(1);
        try (Connection c = f.createConnection(); Connection other = f.createConnection()) {
            // the gate opens before the connections close, also when an assertion fails: closing waits for them
            try {
                c.start();
                other.start();
                Session s = c.createSession();
                MessageProducer p = s.createProducer(new WharfQueue("q"));
                TextMessage big = s.createTextMessage("x".repeat(3000));
                big.setIntProperty("k", 1);
                p.send(big);

                FaultyH2Dialect.bodyReadGate = gate;
                Session selectiveSession = other.createSession();
                CompletableFuture<MessageConsumer> selective = async(
                        () -> selectiveSession.createConsumer(new WharfQueue("q"), "k = 1"));
                assertTrue(FaultyH2Dialect.bodyReadsWaiting.tryAcquire(30, TimeUnit.SECONDS),
                        "the selector's read of the body began");

                TextMessage fresh = s.createTextMessage("fresh");
                fresh.setIntProperty("k", 2);
                within(async(() -> {
                    p.send(fresh, DeliveryMode.PERSISTENT, 9, 0);
                    return null;
                }), "a send to the queue");
                MessageConsumer plain = s.createConsumer(new WharfQueue("q"));
                Message got = within(async(() -> plain.receive(10_000)), "another consumer's receive");
                assertEquals("fresh", ((TextMessage) got).getText());

                gate.countDown();
                MessageConsumer selected = selective.get(30, TimeUnit.SECONDS);
                TextMessage m = (TextMessage) selected.receive(5000);
                assertEquals(3000, m.getText().length(), "the selective consumer gets its match once the body is read");
            } finally {
                gate.countDown();
            }
        }
    }
}
