package org.wharfmq.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.jms.WharfQueue;
import org.wharfmq.support.ChildJvm;
import org.wharfmq.support.WharfJournal;

/**
 * The durability contract against a killed JVM: a child sends persistent messages and commits transacted
 * receives, reporting each operation only after it returned; it is killed with destroyForcibly at a random
 * moment; the journal is reopened and must hold every reported send exactly once and no committed receive.
 */
class CrashTest {

    private static final int ROUNDS = 4;

    @RegisterExtension
    final WharfJournal journal = new WharfJournal();

    /** What the child reported before it died. */
    private static final class Report {
        final Set<Long> sent = new HashSet<>();
        final Set<Long> consumed = new HashSet<>();
        final Set<Long> inDoubt = new HashSet<>();
        final List<String> unreadable = new ArrayList<>();
        List<Long> inDoubtBatch = List.of();
        long maxSent = -1;
        int lines;
    }

    @Test
    @DisplayName("durability: every send that returned survives destroyForcibly exactly once; committed receives stay consumed")
    void killedJvmLosesNothing() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int checked = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String queue = "crash-" + round;
            long first = round * 1_000_000L;
            Process child = ChildJvm.start(CrashChild.class, journal.url(), queue, String.valueOf(first));
            Report report = new Report();
            Thread reader = new Thread(() -> read(child, report));
            reader.start();
            // let it start and run a while, then kill it wherever it is
            waitForSends(report, 20, child);
            Thread.sleep(100 + random.nextInt(700));
            // SIGKILL through the handle: Process.destroyForcibly() would also close our end of the child's stdout
            // and throw away report lines still in the pipe
            child.toHandle().destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            reader.join(10_000);

            List<Long> present = drain(queue);
            String context = "round " + round + " (seed " + seed + ", " + report.lines + " lines, max sent "
                    + report.maxSent + ", " + report.sent.size() + " sent, unreadable " + report.unreadable + "): ";
            assertTrue(report.unreadable.size() <= 1 && report.unreadable.stream().noneMatch(u -> u.startsWith("reader")),
                    context + "the child's report could not be read");
            assertEquals(present.size(), new HashSet<>(present).size(), context + "duplicates in " + present);
            for (long seq : present) {
                assertTrue(!report.consumed.contains(seq), context + "committed receive of " + seq + " came back");
                assertTrue(report.sent.contains(seq) || seq == report.maxSent + 1,
                        context + seq + " is present but was never sent");
            }
            Set<Long> mustBePresent = new HashSet<>(report.sent);
            mustBePresent.removeAll(report.consumed);
            mustBePresent.removeAll(report.inDoubt);
            Set<Long> missing = new HashSet<>(mustBePresent);
            missing.removeAll(present);
            assertTrue(missing.isEmpty(), context + "sends that returned were lost: " + missing);
            assertTrue(report.sent.size() >= 20, context + "the child sent too little to test anything");
            checked += report.sent.size();
        }
        System.out.printf("crash test: %d kills survived, %d reported sends checked, 0 violations (seed %d)%n",
                ROUNDS, checked, seed);
    }

    private static void read(Process child, Report report) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (report) {
                    report.lines++;
                    try {
                        parse(line, report);
                    } catch (RuntimeException e) {
                        // only the last line can be cut by the kill; anything else is a finding
                        report.unreadable.add(line);
                    }
                    report.notifyAll();
                }
            }
        } catch (Exception e) {
            synchronized (report) {
                report.unreadable.add("reader failed: " + e);
            }
        }
    }

    private static void parse(String line, Report report) {
        if (line.startsWith("sent ")) {
            long seq = Long.parseLong(line.substring(5));
            report.sent.add(seq);
            report.maxSent = Math.max(report.maxSent, seq);
        } else if (line.startsWith("consuming ")) {
            List<Long> batch = new ArrayList<>();
            for (String s : line.substring(10).split(",")) {
                batch.add(Long.parseLong(s));
            }
            report.inDoubt.addAll(batch);
            report.inDoubtBatch = batch;
        } else if (line.equals("committed")) {
            report.inDoubt.removeAll(report.inDoubtBatch);
            report.consumed.addAll(report.inDoubtBatch);
            report.inDoubtBatch = List.of();
        } else {
            throw new IllegalArgumentException("unexpected line");
        }
    }

    private static void waitForSends(Report report, int count, Process child) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        synchronized (report) {
            while (report.sent.size() < count && child.isAlive() && System.currentTimeMillis() < deadline) {
                report.wait(100);
            }
        }
    }

    private List<Long> drain(String queue) throws Exception {
        List<Long> seqs = new ArrayList<>();
        try (Connection c = journal.factory().createConnection()) {
            c.start();
            MessageConsumer consumer = c.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(new WharfQueue(queue));
            Message m;
            while ((m = consumer.receive(300)) != null) {
                seqs.add(m.getLongProperty("seq"));
            }
        }
        return seqs;
    }
}
