package org.wharfmq.torture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.jms.WharfConnectionFactory;
import org.wharfmq.jms.WharfQueue;
import org.wharfmq.jms.WharfTopic;
import org.wharfmq.jms.WharfXAConnectionFactory;
import org.wharfmq.support.ChildJvm;
import org.wharfmq.support.WharfJournal;

/**
 * Crash torture: one journal, {@value #DEFAULT_KILLS} child JVMs in a row (or {@code -Dwharf.torture.kills=N}),
 * each running every kind of work at once ({@link TortureChild}) and killed with destroyForcibly at a random moment.
 * After every kill the journal is reopened as it is — no repair — and checked against what the child reported
 * (JMS 3.1 §6.2.7 persistence, §6.2.10 acknowledgement, §6.2.8 transactions; XA through the journal's XAResource):
 * <ul>
 *   <li>every message whose send or commit returned is there, exactly once, unless it was consumed for good;</li>
 *   <li>a consumption acknowledged or committed never comes back; one still in flight does, with
 *       JMSRedelivered set (§3.4.7);</li>
 *   <li>a transacted batch whose commit was under way is there entirely or not at all;</li>
 *   <li>{@code recover()} lists every branch prepared and not finished, nothing else of this round; after they
 *       are finished, the sends of committed branches exist and their receives are gone, and rolled-back ones
 *       left no trace.</li>
 * </ul>
 */
class CrashTortureTest {

    static final int DEFAULT_KILLS = 50;

    @RegisterExtension
    final WharfJournal journal = new WharfJournal();

    /** The journal URL the child runs on (the local H2 file here; {@link SharedCrashTortureTest}: PostgreSQL). */
    String childUrl() {
        return journal.url();
    }

    /** The URL the check opens the journal with after a kill (the engine closes with the check's connections). */
    String checkUrl() {
        return journal.factoryUrl();
    }

    /** Keeps the journal as the kill left it, for a round that finds a violation; null if it cannot be kept. */
    Path copyAsKilled() throws java.io.IOException {
        return copyJournal(journal.directory(), journal.directory().resolve("as-killed"));
    }

    /** What this run is, for its report line. */
    String kind() {
        return "crash torture";
    }

    private final Figures figures = new Figures();

    private static final class Figures {
        int kills;
        int sendsChecked;
        int consumptionsChecked;
        int branchesChecked;
        int inDoubt;
        int inFlightBack;
        int inFlightBackRedelivered;
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // 50 kills take ~90 s; the long form turns timeouts off
    @DisplayName("JMS 3.1 §6.2.7, §6.2.8, §6.2.10, XA: kill -9 at random moments under mixed work — the invariants hold after every restart")
    void everyRestartKeepsTheInvariants() throws Exception {
        int kills = Integer.getInteger("wharf.torture.kills", DEFAULT_KILLS);
        long seed = Long.getLong("wharf.torture.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int round = 0; round < kills; round++) {
            TortureLedger ledger = runAndKill(round, random);
            // the journal as the kill left it (database file and redo log), kept if this round finds a violation
            // or cannot open it at all (the check changes it)
            Path asKilled = copyAsKilled();
            Path kept = Path.of("target", "torture-failures", "seed-" + seed + "-round-" + round);
            List<String> violations;
            try {
                violations = check(round, ledger);
            } catch (Exception e) {
                keep(asKilled, kept, ledger);
                throw new AssertionError("round " + round + " (seed " + seed + "): the journal as the kill left it"
                        + " could not be checked; it is kept with the child's report in " + kept.toAbsolutePath(), e);
            }
            if (!violations.isEmpty()) {
                keep(asKilled, kept, ledger);
                violations.add("journal as killed and the child's report kept in " + kept.toAbsolutePath());
            }
            assertTrue(violations.isEmpty(), "round " + round + " (seed " + seed + ", " + ledger.lines
                    + " lines): " + violations);
            figures.kills++;
        }
        System.out.printf(kind() + ": %d kills survived, %d sends and %d consumptions checked, %d XA branches "
                        + "(%d in doubt at the restart), %d in-flight messages came back (%d marked redelivered), "
                        + "0 violations (seed %d)%n", figures.kills, figures.sendsChecked,
                figures.consumptionsChecked, figures.branchesChecked, figures.inDoubt, figures.inFlightBack,
                figures.inFlightBackRedelivered, seed);
    }

    private TortureLedger runAndKill(int round, Random random) throws Exception {
        Process child = ChildJvm.start(TortureChild.class, childUrl(), String.valueOf(round),
                String.valueOf(random.nextLong()));
        TortureLedger ledger = new TortureLedger();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    ledger.read(line);
                }
            } catch (Exception e) {
                synchronized (ledger) {
                    ledger.unreadable.add("reader failed: " + e);
                }
            }
        });
        reader.start();
        long deadline = System.currentTimeMillis() + 30_000;
        while (ledger.sentCount() < 40 && child.isAlive() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(child.isAlive(), "round " + round + ": the child died on its own (exit " + exitOf(child) + ")");
        Thread.sleep(random.nextInt(400));
        // SIGKILL through the handle: Process.destroyForcibly() would also close our end of the child's stdout
        child.toHandle().destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        reader.join(10_000);
        return ledger;
    }

    /** Copies the journal's files (the database file and the redo log's segments) from {@code dir} into {@code to}. */
    private static Path copyJournal(Path dir, Path to) throws java.io.IOException {
        Files.createDirectories(to);
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("journal.")).toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return to;
    }

    private static void keep(Path asKilled, Path kept, TortureLedger ledger) throws java.io.IOException {
        Files.createDirectories(kept);
        if (asKilled != null) {
            copyJournal(asKilled, kept);
        }
        Files.write(kept.resolve("report.txt"), ledger.reportLines());
    }

    private static String exitOf(Process p) {
        return p.isAlive() ? "running" : String.valueOf(p.exitValue());
    }

    private List<String> check(int round, TortureLedger ledger) throws Exception {
        List<String> violations = new ArrayList<>();
        if (ledger.unreadable.size() > 1) {
            violations.add("the child's report could not be read: " + ledger.unreadable);
        }
        Map<Long, Boolean> outcomes = finishBranches(round, ledger, violations);
        Map<String, List<Message>> present = new HashMap<>();
        WharfConnectionFactory factory = new WharfConnectionFactory(checkUrl());
        factory.setRedeliveryDelay(0);
        try (Connection c = factory.createConnection()) {
            c.setClientID(TortureChild.CLIENT_ID);
            c.start();
            Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
            for (String lane : List.of("auto", "client", "tx", "xa-in", "xa-out")) {
                present.put(lane, drain(s.createConsumer(new WharfQueue(TortureChild.dest(lane, round)))));
            }
            MessageConsumer sub = s.createDurableConsumer(new WharfTopic(TortureChild.dest("durable", round)),
                    TortureChild.dest("sub", round));
            present.put("durable", drain(sub));
            sub.close();
            s.unsubscribe(TortureChild.dest("sub", round));
        }
        // the xa lane's queues follow from the branches' outcomes
        TortureLedger.Lane in = ledger.lane("xa-in");
        Set<Long> committedIns = new HashSet<>();
        outcomes.forEach((n, commit) -> {
            long seq = ledger.branches.get(n).in;
            if (commit && seq >= 0 && !committedIns.add(seq)) {
                violations.add("xa-in " + seq + " was consumed by two committed branches");
            }
        });
        in.gone.addAll(committedIns);
        // what a branch received and did not commit was delivered: it comes back marked redelivered
        ledger.branches.forEach((n, b) -> {
            if (b.ended && b.in >= 0 && !outcomes.get(n)) {
                in.inFlight.add(b.in);
            }
        });
        in.inFlight.removeAll(committedIns);
        for (String lane : List.of("auto", "client", "tx", "durable", "xa-in")) {
            checkLane(lane, ledger.lane(lane), present.get(lane), violations);
        }
        Set<Long> expectedOut = new TreeSet<>();
        outcomes.forEach((n, commit) -> {
            if (commit) {
                expectedOut.add(n);
            }
        });
        Set<Long> out = new TreeSet<>(seqs(present.get("xa-out")));
        if (!out.equals(expectedOut) || out.size() != present.get("xa-out").size()) {
            violations.add("xa-out holds " + out + " but the committed branches sent " + expectedOut);
        }
        figures.branchesChecked += ledger.branches.size();
        return violations;
    }

    /**
     * Lists the prepared branches, checks them against the report, and finishes them the way the child meant
     * (a branch prepared with no decision yet is rolled back — presumed abort). Returns each branch's outcome.
     */
    private Map<Long, Boolean> finishBranches(int round, TortureLedger ledger, List<String> violations)
            throws Exception {
        WharfXAConnectionFactory xaFactory = new WharfXAConnectionFactory(checkUrl());
        xaFactory.setRedeliveryDelay(0);
        Map<Long, Boolean> outcomes = new HashMap<>();
        try (XAConnection c = xaFactory.createXAConnection()) {
            XASession s = c.createXASession();
            XAResource xa = s.getXAResource();
            Map<Long, Xid> recovered = new HashMap<>();
            for (Xid xid : xa.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)) {
                String gtrid = new String(xid.getGlobalTransactionId(), StandardCharsets.UTF_8);
                String prefix = "torture-" + round + "-";
                if (!gtrid.startsWith(prefix)) {
                    violations.add("recover() lists a branch of another round: " + gtrid);
                    continue;
                }
                recovered.put(Long.parseLong(gtrid.substring(prefix.length())), xid);
            }
            figures.inDoubt += recovered.size();
            for (Map.Entry<Long, TortureLedger.Branch> e : ledger.branches.entrySet()) {
                long n = e.getKey();
                TortureLedger.Branch b = e.getValue();
                Xid xid = recovered.remove(n);
                if (b.done && xid != null) {
                    violations.add("branch " + n + " was finished (" + (b.commit ? "committed" : "rolled back")
                            + ", the call returned) but recover() still lists it");
                }
                if (b.prepared && b.commit == null && xid == null) {
                    violations.add("branch " + n + " was prepared but recover() does not list it");
                }
                // no decision reported: presumed abort, as a transaction manager would
                boolean commit = b.commit != null && b.commit;
                if (xid != null) {
                    if (commit) {
                        xa.commit(xid, false);
                    } else {
                        xa.rollback(xid);
                    }
                }
                outcomes.put(n, commit);
            }
            if (!recovered.isEmpty()) {
                violations.add("recover() lists branches the child never began: " + recovered.keySet());
            }
        }
        return outcomes;
    }

    private void checkLane(String name, TortureLedger.Lane lane, List<Message> messages, List<String> violations)
            throws Exception {
        List<Long> seqs = seqs(messages);
        Set<Long> present = new TreeSet<>(seqs);
        if (present.size() != seqs.size()) {
            violations.add(name + ": duplicates in " + seqs);
        }
        Set<Long> couldExist = new HashSet<>(lane.sent);
        couldExist.addAll(lane.maybeSent);
        couldExist.addAll(lane.committing);
        for (long q : present) {
            if (!couldExist.contains(q)) {
                violations.add(name + ": " + q + " exists but its send never returned nor began to commit");
            }
            if (lane.gone.contains(q)) {
                violations.add(name + ": " + q + " came back after its consumption was acknowledged or committed");
            }
        }
        long ofBatch = lane.committing.stream().filter(present::contains).count();
        if (ofBatch != 0 && ofBatch != lane.committing.size()) {
            violations.add(name + ": only part of the transacted batch " + lane.committing + " exists");
        }
        Set<Long> required = new TreeSet<>(lane.sent);
        required.removeAll(lane.gone);
        required.removeAll(lane.maybeGone);
        Set<Long> missing = new TreeSet<>(required);
        missing.removeAll(present);
        // an AUTO_ACKNOWLEDGE receive under way may have taken the head of the queue without reporting it
        if (lane.receiving && missing.size() == 1 && missing.iterator().next().equals(required.iterator().next())) {
            missing.clear();
        }
        if (!missing.isEmpty()) {
            violations.add(name + ": sends that returned are lost: " + missing);
        }
        for (Message m : messages) {
            if (lane.inFlight.contains(m.getLongProperty("seq"))) {
                figures.inFlightBack++;
                if (m.getJMSRedelivered()) {
                    figures.inFlightBackRedelivered++;
                } else {
                    violations.add(name + ": " + m.getLongProperty("seq") + " was delivered before the kill but "
                            + "came back without JMSRedelivered");
                }
            }
        }
        figures.sendsChecked += lane.sent.size();
        figures.consumptionsChecked += lane.gone.size();
    }

    private static List<Message> drain(MessageConsumer consumer) throws Exception {
        List<Message> out = new ArrayList<>();
        for (Message m; (m = consumer.receive(100)) != null; ) {
            out.add(m);
        }
        return out;
    }

    private static List<Long> seqs(List<Message> messages) throws Exception {
        List<Long> out = new ArrayList<>();
        for (Message m : messages) {
            out.add(m.getLongProperty("seq"));
        }
        return out;
    }
}
