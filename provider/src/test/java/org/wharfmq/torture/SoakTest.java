package org.wharfmq.torture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.jms.WharfConnectionFactory;
import org.wharfmq.jms.WharfQueue;
import org.wharfmq.jms.WharfTopic;
import org.wharfmq.support.WharfJournal;

/**
 * Soak: 8 producers and 8 consumers for a while on two queues and a topic with two durable subscriptions (one
 * with a selector), every session transacted and rolling back one batch in five; producers wait while more than
 * 20,000 messages are waiting, so the soak is a steady state, not a growing backlog. At the end every committed send
 * was consumed by exactly one committed receive per queue or subscription that takes it, and the heap is back
 * where it started. The CI form runs 60 s; the long form:
 *
 * <pre>mvn -B -pl provider test -Dtest=SoakTest -Dwharf.soak.seconds=600 -Djunit.jupiter.execution.timeout.mode=disabled</pre>
 *
 * (the CI form's timeout, 10 minutes, is several times what it takes; the long form turns timeouts off).
 */
class SoakTest {

    @RegisterExtension
    final WharfJournal journal = new WharfJournal();

    private static final String[] QUEUES = {"soak.q0", "soak.q1"};
    private static final String TOPIC = "soak.t";
    private static final String ALL = "all";
    private static final String EVEN = "even";

    /**
     * Committed sends and committed receives per queue or subscription, as one bit per producer and sequence
     * number: compact, so that the heap the soak measures is Wharf's and not this bookkeeping's.
     */
    private final Ledger sent = new Ledger();
    private final Ledger received = new Ledger();

    private static final class Ledger {
        private final Map<String, java.util.BitSet[]> bits = new ConcurrentHashMap<>();

        /** Records "producer:seq" for {@code source}; false if it was there already. */
        synchronized boolean add(String source, String key) {
            int colon = key.indexOf(':');
            int producer = Integer.parseInt(key.substring(0, colon));
            int seq = Integer.parseInt(key.substring(colon + 1));
            java.util.BitSet b = bits.computeIfAbsent(source, k -> new java.util.BitSet[8])[producer];
            if (b == null) {
                b = new java.util.BitSet();
                bits.get(source)[producer] = b;
            }
            boolean fresh = !b.get(seq);
            b.set(seq);
            return fresh;
        }

        synchronized long count(String source) {
            long n = 0;
            for (java.util.BitSet b : bits.getOrDefault(source, new java.util.BitSet[0])) {
                n += b == null ? 0 : b.cardinality();
            }
            return n;
        }

        /** The keys in this ledger and not in {@code other}, for {@code source}. */
        synchronized Set<String> minus(Ledger other, String source) {
            Set<String> out = new java.util.TreeSet<>();
            java.util.BitSet[] mine = bits.getOrDefault(source, new java.util.BitSet[8]);
            java.util.BitSet[] theirs = other.bits.getOrDefault(source, new java.util.BitSet[8]);
            for (int p = 0; p < mine.length; p++) {
                if (mine[p] == null) {
                    continue;
                }
                java.util.BitSet d = (java.util.BitSet) mine[p].clone();
                if (theirs[p] != null) {
                    d.andNot(theirs[p]);
                }
                for (int i = d.nextSetBit(0); i >= 0 && out.size() < 5; i = d.nextSetBit(i + 1)) {
                    out.add(p + ":" + i);
                }
            }
            return out;
        }
    }
    private final Map<String, AtomicLong> duplicates = new ConcurrentHashMap<>();
    private final AtomicLong rollbacks = new AtomicLong();
    /** Committed sends minus committed receives, over every queue and subscription: the backlog. */
    private final AtomicLong backlog = new AtomicLong();
    /** A soak is a steady state: producers wait while the backlog is above this. */
    private static final long MAX_BACKLOG = 20_000;
    private volatile boolean producing = true;

    private WharfConnectionFactory factory() {
        WharfConnectionFactory f = journal.factory();
        f.setMaxDeliveryAttempts(0); // rollbacks are random; a message must never end in the DLQ here
        return f;
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    @DisplayName("§6.2.7, §6.2.8 soak: 8 producers, 8 consumers, queues, a topic with durable subscriptions and selectors, random rollbacks — every count reconciles and the heap stays bounded")
    void countsReconcileAndHeapStaysBounded() throws Exception {
        long seconds = Long.getLong("wharf.soak.seconds", 60);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Connection subscriberSetup = journal.track(factory().createConnection());
        Session setup = subscriberSetup.createSession(Session.SESSION_TRANSACTED);
        Topic topic = new WharfTopic(TOPIC);
        // shared durable subscriptions: they exist before the first publication, and need no client ID
        setup.createSharedDurableConsumer(topic, ALL).close();
        setup.createSharedDurableConsumer(topic, EVEN, "kind = 'even'").close();
        subscriberSetup.close();
        System.gc();
        long heapAtStart = memory.getHeapMemoryUsage().getUsed();

        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> producers = new ArrayList<>();
        List<Future<?>> consumers = new ArrayList<>();
        long started = System.nanoTime();
        for (int p = 0; p < 8; p++) {
            int id = p;
            producers.add(pool.submit(() -> produce(id)));
        }
        for (int c = 0; c < 6; c++) {
            String queue = QUEUES[c % 2];
            String selector = c < 2 ? "kind = 'even'" : c < 4 ? "kind = 'odd'" : null;
            consumers.add(pool.submit(() -> consume(new WharfQueue(queue), queue, selector, null)));
        }
        consumers.add(pool.submit(() -> consume(topic, TOPIC + "/" + ALL, null, ALL)));
        consumers.add(pool.submit(() -> consume(topic, TOPIC + "/" + EVEN, "kind = 'even'", EVEN)));
        long maxHeap = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            maxHeap = Math.max(maxHeap, memory.getHeapMemoryUsage().getUsed());
        }
        producing = false;
        for (Future<?> f : producers) {
            f.get(60, TimeUnit.SECONDS);
        }
        for (Future<?> f : consumers) {
            f.get(120, TimeUnit.SECONDS); // each drains its source until it stays empty
        }
        pool.shutdown();
        double elapsed = (System.nanoTime() - started) / 1e9;
        journal.closeAll();
        System.gc();
        long heapAtEnd = memory.getHeapMemoryUsage().getUsed();

        long sends = 0;
        long receives = 0;
        Map<String, String> mismatches = new TreeMap<>();
        for (String source : List.of(QUEUES[0], QUEUES[1], TOPIC + "/" + ALL, TOPIC + "/" + EVEN)) {
            sends += sent.count(source);
            receives += received.count(source);
            Set<String> lost = sent.minus(received, source);
            Set<String> extra = received.minus(sent, source);
            if (!lost.isEmpty() || !extra.isEmpty()) {
                mismatches.put(source, "never received " + lost + ", received but never sent " + extra);
            }
        }
        System.out.printf("soak: %.0f s, %d committed sends and %d committed receives reconciled (%.0f msg/s), %d"
                        + " rollbacks, duplicates %s, heap %d MB at start, %d MB at most, %d MB at the end%n", elapsed,
                sends, receives, (sends + receives) / elapsed, rollbacks.get(), duplicates, heapAtStart >> 20,
                maxHeap >> 20, heapAtEnd >> 20);
        assertTrue(mismatches.isEmpty(), "counts do not reconcile: " + mismatches);
        assertTrue(duplicates.isEmpty(), "committed twice: " + duplicates);
        assertTrue(sends > 0);
        assertTrue(heapAtEnd - heapAtStart < 64L << 20, "the heap grew by " + ((heapAtEnd - heapAtStart) >> 20)
                + " MB over the soak, with every message consumed");
    }

    private void produce(int id) {
        Random random = new Random(id);
        try (Connection c = factory().createConnection()) {
            Session s = c.createSession(Session.SESSION_TRANSACTED);
            MessageProducer p = s.createProducer(null);
            long seq = 0;
            while (producing) {
                if (backlog.get() > MAX_BACKLOG) {
                    Thread.sleep(5);
                    continue;
                }
                List<String[]> batch = new ArrayList<>();
                for (int n = 1 + random.nextInt(10); n > 0; n--) {
                    int target = random.nextInt(3);
                    Destination d = target < 2 ? new WharfQueue(QUEUES[target]) : new WharfTopic(TOPIC);
                    String kind = seq % 2 == 0 ? "even" : "odd";
                    Message m = s.createTextMessage("x".repeat(200 + random.nextInt(800)));
                    m.setStringProperty("kind", kind);
                    m.setStringProperty("key", id + ":" + seq);
                    p.send(d, m);
                    batch.add(new String[] {target < 2 ? QUEUES[target] : TOPIC, kind, id + ":" + seq});
                    seq++;
                }
                if (random.nextInt(5) == 0) {
                    s.rollback();
                    rollbacks.incrementAndGet();
                } else {
                    s.commit();
                    for (String[] b : batch) {
                        if (b[0].equals(TOPIC)) {
                            record(sent, TOPIC + "/" + ALL, b[2]);
                            if (b[1].equals("even")) {
                                record(sent, TOPIC + "/" + EVEN, b[2]);
                            }
                        } else {
                            record(sent, b[0], b[2]);
                        }
                    }
                }
            }
        } catch (JMSException e) {
            throw new IllegalStateException("producer " + id + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void consume(Destination from, String source, String selector, String durableName) {
        Random random = new Random(source.hashCode() ^ (selector == null ? 0 : selector.hashCode()));
        try (Connection c = factory().createConnection()) {
            c.start();
            Session s = c.createSession(Session.SESSION_TRANSACTED);
            MessageConsumer consumer = durableName != null
                    ? s.createSharedDurableConsumer((Topic) from, durableName, selector)
                    : s.createConsumer(from, selector);
            drainLoop(s, consumer, source, random);
        } catch (JMSException e) {
            throw new IllegalStateException("consumer of " + source + " failed", e);
        }
    }

    private void drainLoop(Session s, MessageConsumer consumer, String source, Random random) throws JMSException {
        int emptyPolls = 0;
        while (producing || emptyPolls < 5) {
            List<String> batch = new ArrayList<>();
            for (int n = 1 + random.nextInt(10); n > 0; n--) {
                Message m = consumer.receive(200);
                if (m == null) {
                    break;
                }
                batch.add(m.getStringProperty("key"));
            }
            emptyPolls = batch.isEmpty() ? emptyPolls + 1 : 0;
            if (!batch.isEmpty() && random.nextInt(5) == 0) {
                s.rollback();
                rollbacks.incrementAndGet();
            } else {
                s.commit();
                for (String key : batch) {
                    backlog.decrementAndGet();
                    if (!received.add(source, key)) {
                        duplicates.computeIfAbsent(source, k -> new AtomicLong()).incrementAndGet();
                    }
                }
            }
        }
    }

    private void record(Ledger ledger, String source, String key) {
        ledger.add(source, key);
        backlog.incrementAndGet();
    }
}
