package org.wharfmq.bench;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The nine workloads of docs/benchmarks.md, each written once against {@code jakarta.jms} and run unchanged on
 * every provider. Messages carry a sequence number and their send time; every run checks that each message
 * arrived exactly once, or reports itself void.
 */
final class Workloads {

    static final List<String> ALL = List.of("W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8", "W9");

    private static final String PAYLOAD = "x".repeat(1024);
    private static final long RECEIVE_TIMEOUT = 30_000;

    private final BenchProvider provider;
    private final double scale;
    private final Histogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);
    private final AtomicReference<String> failure = new AtomicReference<>();

    Workloads(BenchProvider provider, double scale) {
        this.provider = provider;
        this.scale = scale;
    }

    private int count(int full) {
        return (int) Math.max(20, Math.round(full * scale));
    }

    Result run(String workload) throws Exception {
        resetPeakHeap();
        return switch (workload) {
            case "W1" -> pointToPoint("W1", count(5_000), DeliveryMode.PERSISTENT, false, 1, false);
            case "W2" -> pointToPoint("W2", count(20_000), DeliveryMode.PERSISTENT, true, 1, false);
            case "W3" -> pointToPoint("W3", count(50_000), DeliveryMode.NON_PERSISTENT, false, 1, false);
            case "W4" -> pointToPoint("W4", count(8_000), DeliveryMode.PERSISTENT, false, 4, false);
            case "W5" -> topicFanOut(count(5_000));
            case "W6" -> selective(count(100_000));
            case "W7" -> backlog(count(1_000_000));
            case "W8" -> restart(count(1_000_000));
            case "W9" -> pointToPoint("W9", count(10_000), DeliveryMode.PERSISTENT, false, 1, true);
            default -> throw new IllegalArgumentException("unknown workload " + workload);
        };
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private Message message(Session s, long seq, int mode) throws JMSException {
        Message m = s.createTextMessage(PAYLOAD);
        m.setLongProperty("seq", seq);
        m.setLongProperty("sentAt", System.nanoTime());
        return m;
    }

    /** Records a received message; false once a duplicate or an unknown sequence number shows up. */
    private void received(Message m, BitSet seen) throws JMSException {
        long seq = m.getLongProperty("seq");
        latency.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - m.getLongProperty("sentAt"))));
        synchronized (seen) {
            if (seq < 0 || seq > Integer.MAX_VALUE || seen.get((int) seq)) {
                failure.compareAndSet(null, "duplicate or unknown message " + seq);
            }
            seen.set((int) seq);
        }
    }

    private String check(BitSet seen, int expected) {
        if (failure.get() != null) {
            return "VOID: " + failure.get();
        }
        int got;
        synchronized (seen) {
            got = seen.cardinality();
        }
        return got == expected ? "ok" : "VOID: received " + got + " of " + expected;
    }

    private Result result(String workload, long messages, long startNanos, String check) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return new Result(workload, provider.name(), messages, seconds, latency.getValueAtPercentile(50),
                latency.getValueAtPercentile(99), check, peakHeap());
    }

    private Thread thread(String name, ThrowingRunnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Exception e) {
                failure.compareAndSet(null, name + ": " + e);
            }
        }, name);
        t.start();
        return t;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    // ---- W1, W2, W3, W4, W9: producers and consumers on one queue ------------------------------------

    private Result pointToPoint(String name, int total, int mode, boolean transacted, int pairs, boolean async)
            throws Exception {
        ConnectionFactory cf = provider.start();
        try (Connection c = cf.createConnection()) {
            c.start();
            Destination q = c.createSession().createQueue("bench." + name);
            BitSet seen = new BitSet(total);
            AtomicLong remaining = new AtomicLong(total);
            List<Thread> threads = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < pairs; i++) {
                threads.add(thread("consumer-" + i, () -> {
                    Session s = c.createSession(transacted ? Session.SESSION_TRANSACTED : Session.AUTO_ACKNOWLEDGE);
                    MessageConsumer consumer = s.createConsumer(q);
                    int sinceCommit = 0;
                    while (remaining.get() > 0) {
                        Message m = consumer.receive(pairs == 1 ? RECEIVE_TIMEOUT : 200);
                        if (m == null) {
                            if (pairs == 1) {
                                failure.compareAndSet(null, "a receive timed out");
                                break;
                            }
                            continue;
                        }
                        received(m, seen);
                        remaining.decrementAndGet();
                        if (transacted && (++sinceCommit == 100 || remaining.get() == 0)) {
                            s.commit();
                            sinceCommit = 0;
                        }
                    }
                    if (transacted) {
                        s.commit();
                    }
                    s.close();
                }));
            }
            for (int i = 0; i < pairs; i++) {
                int producer = i;
                threads.add(thread("producer-" + i, () -> {
                    Session s = c.createSession(transacted ? Session.SESSION_TRANSACTED : Session.AUTO_ACKNOWLEDGE);
                    MessageProducer p = s.createProducer(q);
                    p.setDeliveryMode(mode);
                    Semaphore window = new Semaphore(500);
                    for (int seq = producer; seq < total; seq += pairs) {
                        if (async) {
                            window.acquire();
                            p.send(message(s, seq, mode), new CompletionListener() {
                                @Override
                                public void onCompletion(Message message) {
                                    window.release();
                                }

                                @Override
                                public void onException(Message message, Exception exception) {
                                    failure.compareAndSet(null, "async send failed: " + exception);
                                    window.release();
                                }
                            });
                        } else {
                            p.send(message(s, seq, mode));
                        }
                        if (transacted && seq / pairs % 100 == 99) {
                            s.commit();
                        }
                    }
                    if (transacted) {
                        s.commit();
                    }
                    window.acquire(500);
                    s.close();
                }));
            }
            for (Thread t : threads) {
                t.join(TimeUnit.MINUTES.toMillis(10));
            }
            return result(name, total, start, check(seen, total));
        } finally {
            provider.stop();
        }
    }

    // ---- W5: one publisher, four durable subscribers ----------------------------------------------------

    private Result topicFanOut(int total) throws Exception {
        ConnectionFactory cf = provider.start();
        List<Connection> subscribers = new ArrayList<>();
        try (Connection pc = cf.createConnection()) {
            Topic t = pc.createSession().createTopic("bench.W5");
            List<MessageConsumer> consumers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Connection sc = cf.createConnection();
                sc.setClientID("bench-sub-" + i);
                sc.start();
                subscribers.add(sc);
                consumers.add(sc.createSession().createDurableConsumer(t, "sub-" + i));
            }
            List<BitSet> seen = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            long start = System.nanoTime();
            for (MessageConsumer consumer : consumers) {
                BitSet mine = new BitSet(total);
                seen.add(mine);
                threads.add(thread("subscriber", () -> {
                    for (int i = 0; i < total; i++) {
                        Message m = consumer.receive(RECEIVE_TIMEOUT);
                        if (m == null) {
                            failure.compareAndSet(null, "a subscriber timed out");
                            return;
                        }
                        received(m, mine);
                    }
                }));
            }
            threads.add(thread("publisher", () -> {
                Session s = pc.createSession();
                MessageProducer p = s.createProducer(t);
                for (int seq = 0; seq < total; seq++) {
                    p.send(message(s, seq, DeliveryMode.PERSISTENT));
                }
            }));
            for (Thread th : threads) {
                th.join(TimeUnit.MINUTES.toMillis(10));
            }
            String check = "ok";
            for (BitSet b : seen) {
                String one = check(b, total);
                if (!one.equals("ok")) {
                    check = one;
                }
            }
            Result r = result("W5", total, start, check);
            for (int i = 0; i < consumers.size(); i++) {
                consumers.get(i).close();
                subscribers.get(i).createSession().unsubscribe("sub-" + i);
            }
            return r;
        } finally {
            for (Connection sc : subscribers) {
                sc.close();
            }
            provider.stop();
        }
    }

    // ---- W6: a selective consumer on a large backlog --------------------------------------------------

    private Result selective(int backlog) throws Exception {
        ConnectionFactory cf = provider.start();
        try (Connection c = cf.createConnection()) {
            c.start();
            Session tx = c.createSession(Session.SESSION_TRANSACTED);
            Destination q = tx.createQueue("bench.W6");
            MessageProducer p = tx.createProducer(q);
            int matches = 0;
            for (int i = 0; i < backlog; i++) {
                Message m = message(tx, i, DeliveryMode.PERSISTENT);
                boolean match = i % 100 == 0;
                m.setStringProperty("color", match ? "red" : "blue");
                matches += match ? 1 : 0;
                p.send(m);
                if (i % 1000 == 999) {
                    tx.commit();
                }
            }
            tx.commit();
            BitSet seen = new BitSet(backlog);
            Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
            long start = System.nanoTime();
            MessageConsumer consumer = s.createConsumer(q, "color = 'red'");
            for (int i = 0; i < matches; i++) {
                Message m = consumer.receive(RECEIVE_TIMEOUT);
                if (m == null) {
                    failure.compareAndSet(null, "the selective consumer timed out after " + i);
                    break;
                }
                received(m, seen);
            }
            return result("W6", matches, start, check(seen, matches));
        } finally {
            provider.stop();
        }
    }

    // ---- W7: a backlog of persistent messages, enqueued and drained -----------------------------------

    private void fill(Connection c, Destination q, int count) throws JMSException {
        Session tx = c.createSession(Session.SESSION_TRANSACTED);
        MessageProducer p = tx.createProducer(q);
        for (int i = 0; i < count; i++) {
            p.send(message(tx, i, DeliveryMode.PERSISTENT));
            if (i % 1000 == 999) {
                tx.commit();
            }
        }
        tx.commit();
        tx.close();
    }

    private Result backlog(int count) throws Exception {
        ConnectionFactory cf = provider.start();
        try (Connection c = cf.createConnection()) {
            c.start();
            Destination q = c.createSession().createQueue("bench.W7");
            long start = System.nanoTime();
            fill(c, q, count);
            BitSet seen = new BitSet(count);
            Session tx = c.createSession(Session.SESSION_TRANSACTED);
            MessageConsumer consumer = tx.createConsumer(q);
            for (int i = 0; i < count; i++) {
                Message m = consumer.receive(RECEIVE_TIMEOUT);
                if (m == null) {
                    failure.compareAndSet(null, "drain timed out after " + i);
                    break;
                }
                received(m, seen);
                if (i % 1000 == 999) {
                    tx.commit();
                }
            }
            tx.commit();
            return result("W7", count, start, check(seen, count));
        } finally {
            provider.stop();
        }
    }

    // ---- W8: restart with a large backlog --------------------------------------------------------------

    private Result restart(int count) throws Exception {
        ConnectionFactory cf = provider.start();
        try (Connection c = cf.createConnection()) {
            fill(c, c.createSession().createQueue("bench.W8"), count);
        }
        provider.stop();
        System.gc();
        long start = System.nanoTime();
        ConnectionFactory again = provider.start();
        try (Connection c = again.createConnection()) {
            c.start();
            Session s = c.createSession();
            Message first = s.createConsumer(s.createQueue("bench.W8")).receive(RECEIVE_TIMEOUT);
            double seconds = (System.nanoTime() - start) / 1e9;
            String check = first == null ? "VOID: no message after the restart" : "ok";
            return new Result("W8", provider.name(), 1, seconds, 0, 0, check, peakHeap());
        } finally {
            provider.stop();
        }
    }

    // ---- heap --------------------------------------------------------------------------------------------

    /**
     * The largest heap in use at any moment of the run, sampled every 20 ms. (Summing each memory pool's own peak
     * would add peaks that happened at different times.)
     */
    private static final java.util.concurrent.atomic.AtomicLong PEAK = new java.util.concurrent.atomic.AtomicLong();

    static {
        Thread sampler = new Thread(() -> {
            java.lang.management.MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            while (true) {
                PEAK.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private static void resetPeakHeap() {
        System.gc();
        PEAK.set(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    private static long peakHeap() {
        return PEAK.get();
    }
}
