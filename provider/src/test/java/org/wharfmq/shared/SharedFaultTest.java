package org.wharfmq.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.wharfmq.engine.EngineRegistry;
import org.wharfmq.jms.WharfConnectionFactory;
import org.wharfmq.support.RestartablePostgres;

/**
 * The shared journal when PostgreSQL goes away, on a PostgreSQL of the test's own that it stops and starts: while
 * it is down sends and commits fail with a JMSException and consumers wait; when it is back everything resumes by
 * itself, with no restart of the JVM; nothing whose send returned is lost, nothing committed comes back.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SharedFaultTest {

    private RestartablePostgres postgres;
    private final List<Connection> opened = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (Connection c : opened) {
            try {
                c.close();
            } catch (JMSException e) {
                // a connection whose database is gone still closes
            }
        }
        if (postgres != null) {
            postgres.close();
        }
        assertEquals(0, EngineRegistry.openEngines(), "an engine is still open after every connection was closed");
    }

    private WharfConnectionFactory factory() {
        return new WharfConnectionFactory(postgres.url() + "&engineLingerMillis=0&nodeName=a&redeliveryDelay=0"
                + "&maxDeliveryAttempts=0&connectTimeout=2&socketTimeout=10");
    }

    @Test
    @DisplayName("PostgreSQL restarted under load: failures while it is down, then everything resumes by itself;"
            + " every returned send is received, no commit comes back")
    void restartUnderLoad() throws Exception {
        postgres = new RestartablePostgres();
        Connection c = factory().createConnection();
        opened.add(c);
        c.start();
        Set<String> sent = ConcurrentHashMap.newKeySet();
        Map<String, Integer> committed = new ConcurrentHashMap<>();
        Set<String> received = ConcurrentHashMap.newKeySet();
        AtomicInteger sendFailures = new AtomicInteger();
        AtomicInteger commitFailures = new AtomicInteger();
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicBoolean consuming = new AtomicBoolean(true);
        List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());

        Session ps = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = ps.createProducer(ps.createQueue("work"));
        Thread p = new Thread(() -> {
            int i = 0;
            while (producing.get()) {
                String text = "m" + i++;
                try {
                    producer.send(ps.createTextMessage(text));
                    sent.add(text);
                } catch (JMSException e) {
                    sendFailures.incrementAndGet();
                    pause(50);
                } catch (RuntimeException e) {
                    unexpected.add("send: " + e);
                }
            }
        });
        Session cs = c.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = cs.createConsumer(cs.createQueue("work"));
        Thread r = new Thread(() -> {
            while (consuming.get()) {
                try {
                    Message m = consumer.receive(200);
                    if (m == null) {
                        continue;
                    }
                    String text = ((TextMessage) m).getText();
                    received.add(text);
                    cs.commit();
                    committed.merge(text, 1, Integer::sum);
                } catch (JMSException e) {
                    commitFailures.incrementAndGet();
                    try {
                        cs.rollback();
                    } catch (JMSException ignored) {
                        // tried again with the next receive
                    }
                    pause(50);
                } catch (RuntimeException e) {
                    unexpected.add("receive: " + e);
                }
            }
        });
        p.start();
        r.start();
        awaitSize(committed.keySet(), 200);
        postgres.stop();
        int sentBefore = sent.size();
        pause(3000);
        postgres.start();
        long back = System.nanoTime();
        // resumed by itself: new sends return and new messages are committed
        awaitSize(sent, sentBefore + 200);
        long resumedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back);
        producing.set(false);
        p.join();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!committed.keySet().containsAll(sent) && System.nanoTime() < deadline) {
            pause(100);
        }
        consuming.set(false);
        r.join();
        assertEquals(List.of(), unexpected, "only JMSExceptions may be thrown");
        assertTrue(sendFailures.get() > 0, "no send failed while PostgreSQL was down: the test did not test");
        List<String> lost = sent.stream().filter(t -> !received.contains(t)).toList();
        assertEquals(List.of(), lost, "sends that returned and were never received");
        committed.forEach((text, n) -> assertEquals(1, n, text + " committed " + n + " times"));
        System.out.printf("PostgreSQL stopped for 3 s under load: %d sends and %d receives/commits failed meanwhile;"
                + " %d sends returned, all received; sends returned again %d ms after the restart%n",
                sendFailures.get(), commitFailures.get(), sent.size(), resumedMillis);
    }

    @Test
    @DisplayName("PostgreSQL down when the node starts: createConnection fails with a JMSException naming the"
            + " journal; once it is up, the next attempt works")
    void downAtStart() throws Exception {
        postgres = new RestartablePostgres();
        postgres.stop();
        JMSException e = assertThrows(JMSException.class, () -> factory().createConnection());
        assertTrue(e.getMessage().contains("shared journal") && e.getMessage().contains("localhost"),
                e.getMessage());
        postgres.start();
        Connection c = factory().createConnection();
        opened.add(c);
        c.start();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        s.createProducer(s.createQueue("work")).send(s.createTextMessage("after"));
        assertNotNull(s.createConsumer(s.createQueue("work")).receive(5000));
    }

    private static void awaitSize(Set<String> set, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (set.size() < size) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + set.size() + " of " + size + " after 60 s");
            }
            Thread.sleep(20);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
