package org.wharfmq.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.support.ChildJvm;
import org.wharfmq.support.Postgres;

/**
 * Several nodes on one shared journal, each a JVM of its own ({@link SharedNodeChild}), producers and consumers on
 * every node competing for one queue, on a real PostgreSQL: every message whose send returned is received, and
 * committed exactly once — also when a node is killed ({@code destroyForcibly}) in the middle, whose in-flight
 * messages come back to the others marked redelivered once its lease lapsed.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class SharedNodesTest {

    /** Messages per producer in the tests of one feature; three nodes with one producer each. */
    private static final int PER_PRODUCER = Integer.getInteger("wharf.test.shared.perProducer", 3_000);

    /** Messages of the competing-consumers test, over the three producers (issue 15 asks for 100,000). */
    private static final int MANY = Integer.getInteger("wharf.test.shared.messages", 100_000);

    @RegisterExtension
    final Postgres postgres = new Postgres();

    private final List<Node> nodes = new ArrayList<>();

    /** What the parent knows of one child: its lines, read as they come. */
    private static final class Node {
        final String name;
        final Process process;
        final Writer stdin;
        final CountDownLatch ready = new CountDownLatch(1);
        final CountDownLatch sent = new CountDownLatch(1);
        final CountDownLatch closed = new CountDownLatch(1);
        final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        final java.util.concurrent.BlockingQueue<String> acks = new java.util.concurrent.LinkedBlockingQueue<>();
        final java.util.concurrent.BlockingQueue<String> refused = new java.util.concurrent.LinkedBlockingQueue<>();

        Node(String name, Process process) {
            this.name = name;
            this.process = process;
            this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        }

        void stop() throws Exception {
            tell("stop");
        }

        void tell(String line) throws Exception {
            stdin.write(line + "\n");
            stdin.flush();
        }
    }

    /** Every fact the nodes reported, by message text. */
    private final Set<String> sentTexts = ConcurrentHashMap.newKeySet();
    private final Map<String, List<String>> received = new ConcurrentHashMap<>();
    private final Map<String, List<String>> committed = new ConcurrentHashMap<>();
    /** Every commit as "node text", in the order the lines came (per node, the order the node committed). */
    private final List<String> commitOrder = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Messages a node received and never acknowledged. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    private Node start(String name, int producers, int consumers, String... more) throws Exception {
        return start(name, producers, PER_PRODUCER, consumers, more);
    }

    private Node start(String name, int producers, int perProducer, int consumers, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(postgres.url(), name, String.valueOf(producers),
                String.valueOf(perProducer), String.valueOf(consumers)));
        args.addAll(List.of(more));
        Process p = ChildJvm.start(SharedNodeChild.class, args.toArray(String[]::new));
        Node n = new Node(name, p);
        Thread reader = new Thread(() -> read(n), "reader-" + name);
        reader.setDaemon(true);
        reader.start();
        nodes.add(n);
        return n;
    }

    private void read(Node n) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(n.process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) {
                String[] f = l.split(" ", 3);
                switch (f[0]) {
                    case "S" -> sentTexts.add(f[1]);
                    case "R" -> received.computeIfAbsent(f[1], k -> java.util.Collections.synchronizedList(
                            new ArrayList<>())).add(n.name + " " + f[2]);
                    case "C" -> {
                        committed.computeIfAbsent(f[1], k -> java.util.Collections.synchronizedList(
                                new ArrayList<>())).add(n.name);
                        commitOrder.add(n.name + " " + f[1]);
                    }
                    case "READY" -> n.ready.countDown();
                    case "SENT" -> n.sent.countDown();
                    case "CLOSED" -> n.closed.countDown();
                    case "H" -> held.add(f[1]);
                    case "REFUSED" -> n.refused.add(l);
                    case "ACKED", "ACK-FAILED" -> n.acks.add(l);
                    default -> n.failures.add(l);
                }
            }
        } catch (java.io.IOException e) {
            // the process is gone
        }
    }

    @AfterEach
    void killAll() {
        for (Node n : nodes) {
            n.process.destroyForcibly();
        }
    }

    /** Waits until every message sent has been committed somewhere, or fails after {@code seconds}. */
    private void awaitAllCommitted(int expected, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (sentTexts.size() >= expected && committed.keySet().containsAll(sentTexts)) {
                return;
            }
            Thread.sleep(100);
        }
        fail("after " + seconds + " s, " + sentTexts.stream().filter(t -> !committed.containsKey(t)).count()
                + " of " + sentTexts.size() + " sent messages are not committed by any node");
    }

    private void stopAll(List<Node> live) throws Exception {
        for (Node n : live) {
            n.stop();
        }
        for (Node n : live) {
            assertTrue(n.closed.await(60, TimeUnit.SECONDS), n.name + " did not close");
            assertTrue(n.process.waitFor(30, TimeUnit.SECONDS), n.name + " did not end");
            assertEquals(List.of(), n.failures, n.name + " reported failures");
        }
    }

    @Test
    @DisplayName("three nodes, producers and consumers on each: every message received and committed exactly once")
    void competingConsumersAcrossNodes() throws Exception {
        int perProducer = (MANY + 2) / 3;
        List<Node> all = List.of(start("n1", 1, perProducer, 2), start("n2", 1, perProducer, 2),
                start("n3", 1, perProducer, 2));
        long began = System.nanoTime();
        for (Node n : all) {
            assertTrue(n.sent.await(5, TimeUnit.MINUTES), n.name + " did not finish sending");
        }
        int expected = 3 * perProducer;
        awaitAllCommitted(expected, 180);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        stopAll(all);
        assertEquals(expected, sentTexts.size());
        Map<String, Integer> perNode = new HashMap<>();
        for (Map.Entry<String, List<String>> e : committed.entrySet()) {
            assertEquals(1, e.getValue().size(), e.getKey() + " was committed more than once: " + e.getValue());
            perNode.merge(e.getValue().get(0), 1, Integer::sum);
        }
        for (Map.Entry<String, List<String>> e : received.entrySet()) {
            assertEquals(1, e.getValue().size(), e.getKey() + " was delivered more than once: " + e.getValue());
        }
        assertEquals(expected, committed.size());
        System.out.printf("%d messages over 3 nodes in %d ms (%.0f msg/s); committed per node: %s%n", expected, millis,
                expected * 1000.0 / millis, perNode);
        assertEquals(3, perNode.size(), "every node consumed some: " + perNode);
    }

    @Test
    @DisplayName("a shared durable subscription with consumers on three nodes, publishers on every node: every"
            + " message published after it was made is received and committed exactly once")
    void sharedDurableSubscriptionAcrossNodes() throws Exception {
        // made first, so that every publish comes after it
        try (jakarta.jms.Connection c = new org.wharfmq.jms.WharfConnectionFactory(postgres.url()
                + "&engineLingerMillis=0&nodeName=maker").createConnection()) {
            jakarta.jms.Session s = c.createSession();
            s.createSharedDurableConsumer(s.createTopic("prices"), "grid").close();
        }
        List<Node> all = List.of(start("n1", 1, 2, "topic=prices:grid"), start("n2", 1, 2, "topic=prices:grid"),
                start("n3", 1, 2, "topic=prices:grid"));
        for (Node n : all) {
            assertTrue(n.sent.await(3, TimeUnit.MINUTES), n.name + " did not finish publishing");
        }
        awaitAllCommitted(3 * PER_PRODUCER, 120);
        stopAll(all);
        Map<String, Integer> perNode = new HashMap<>();
        for (Map.Entry<String, List<String>> e : committed.entrySet()) {
            assertEquals(1, e.getValue().size(), e.getKey() + " was committed more than once: " + e.getValue());
            perNode.merge(e.getValue().get(0), 1, Integer::sum);
        }
        assertEquals(3 * PER_PRODUCER, committed.size());
        assertEquals(3, perNode.size(), "every node consumed some: " + perNode);
        assertEquals(0, entriesLeft());
    }

    @Test
    @DisplayName("a durable subscription made on one node while another node publishes to its topic gets every"
            + " message published after it, also while no consumer is connected")
    void durableSubscriptionMadeOnAnotherNode() throws Exception {
        Node publisher = start("b", 1, 0, "topic=prices:unused", "wait");
        assertTrue(publisher.ready.await(60, TimeUnit.SECONDS), "the publishing node did not start");
        // node b has published to the topic already, knowing no subscription; now node a makes one
        org.wharfmq.jms.WharfConnectionFactory f = new org.wharfmq.jms.WharfConnectionFactory(postgres.url()
                + "&engineLingerMillis=0&nodeName=a");
        f.setClientID("audit");
        try (jakarta.jms.Connection c = f.createConnection()) {
            jakarta.jms.Session s = c.createSession();
            s.createDurableConsumer(s.createTopic("prices"), "ledger").close();
            publisher.tell("go");
            assertTrue(publisher.sent.await(3, TimeUnit.MINUTES), "node b did not finish publishing");
            c.start();
            jakarta.jms.MessageConsumer consumer = s.createDurableConsumer(s.createTopic("prices"), "ledger");
            Set<String> got = new java.util.HashSet<>();
            for (jakarta.jms.Message m; (m = consumer.receive(5000)) != null; ) {
                assertTrue(got.add(((jakarta.jms.TextMessage) m).getText()), "twice: " + m);
            }
            assertEquals(sentTexts, got, "every message node b published after the subscription was made");
            assertEquals(PER_PRODUCER, got.size());
        }
        stopAll(List.of(publisher));
    }

    @Test
    @DisplayName("message groups across nodes: each group is consumed on one node, in the order each producer sent")
    void messageGroupsAcrossNodes() throws Exception {
        List<Node> all = List.of(start("n1", 1, 2, "groups=6"), start("n2", 1, 2, "groups=6"),
                start("n3", 1, 2, "groups=6"));
        for (Node n : all) {
            assertTrue(n.sent.await(3, TimeUnit.MINUTES), n.name + " did not finish sending");
        }
        awaitAllCommitted(3 * PER_PRODUCER, 120);
        stopAll(all);
        Map<String, Set<String>> nodesOfGroup = new HashMap<>();
        Map<String, Integer> lastOfProducerInGroup = new HashMap<>();
        List<String> outOfOrder = new ArrayList<>();
        for (String line : commitOrder) {
            String node = line.substring(0, line.indexOf(' '));
            String text = line.substring(line.indexOf(' ') + 1);
            String producer = text.substring(0, text.lastIndexOf('-'));
            int seq = Integer.parseInt(text.substring(text.lastIndexOf('-') + 1));
            String group = "g" + (seq % 6);
            nodesOfGroup.computeIfAbsent(group, g -> new java.util.TreeSet<>()).add(node);
            Integer last = lastOfProducerInGroup.put(producer + "/" + group, seq);
            if (last != null && last > seq) {
                outOfOrder.add(text + " after " + producer + "-" + last);
            }
        }
        assertEquals(List.of(), outOfOrder, "messages of a group committed out of their producer's order");
        for (Map.Entry<String, Set<String>> e : nodesOfGroup.entrySet()) {
            assertEquals(1, e.getValue().size(), "group " + e.getKey() + " was consumed on " + e.getValue());
        }
        assertEquals(3 * PER_PRODUCER, committed.size());
        System.out.println("message groups across 3 nodes: " + nodesOfGroup);
    }

    @Test
    @DisplayName("a node paused for longer than its lease (SIGSTOP): its message goes to another node, marked"
            + " redelivered, and its late acknowledgement fails instead of deleting it")
    void pausedNodeIsFenced() throws Exception {
        org.wharfmq.jms.WharfConnectionFactory f = new org.wharfmq.jms.WharfConnectionFactory(postgres.url()
                + "&engineLingerMillis=0&nodeName=p&redeliveryDelay=0");
        try (jakarta.jms.Connection c = f.createConnection()) {
            c.start();
            jakarta.jms.Session s = c.createSession(true, jakarta.jms.Session.SESSION_TRANSACTED);
            s.createProducer(s.createQueue("work")).send(s.createTextMessage("the-one"));
            s.commit();
            Node paused = start("x", 0, 0, "hold");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (held.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(Set.of("the-one"), held);
            signal("STOP", paused.process.pid());
            try {
                jakarta.jms.MessageConsumer consumer = s.createConsumer(s.createQueue("work"));
                jakarta.jms.Message m = consumer.receive(20_000); // node x's lease is 3 s
                assertTrue(m != null && m.getJMSRedelivered(), "the paused node's message came to node p, redelivered");
                s.commit();
            } finally {
                signal("CONT", paused.process.pid());
            }
            paused.tell("ack");
            String outcome = paused.acks.poll(30, TimeUnit.SECONDS);
            assertTrue(outcome != null && outcome.startsWith("ACK-FAILED"), "the late acknowledgement: " + outcome);
            assertEquals(0, entriesLeft());
            stopAll(List.of(paused));
        }
    }

    private static void signal(String name, long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + name, String.valueOf(pid)).inheritIO().start().waitFor());
    }

    @Test
    @DisplayName("JMS 3.1 §6.1.2 across nodes: a client ID in use on one node is refused on another, and free"
            + " there once its connection closed")
    void clientIdUniqueAcrossNodes() throws Exception {
        org.wharfmq.jms.WharfConnectionFactory f = new org.wharfmq.jms.WharfConnectionFactory(postgres.url()
                + "&engineLingerMillis=0&nodeName=p");
        try (jakarta.jms.Connection holder = f.createConnection()) {
            holder.setClientID("solo");
            Node other = start("x", 0, 0, "clientId=solo");
            String refusal = other.refused.poll(60, TimeUnit.SECONDS);
            assertTrue(refusal != null && refusal.contains("InvalidClientIDException") && refusal.contains("node p"),
                    "node x: " + refusal);
            assertTrue(other.process.waitFor(30, TimeUnit.SECONDS));
        }
        Node again = start("y", 0, 0, "clientId=solo");
        assertTrue(again.ready.await(60, TimeUnit.SECONDS), "the client ID was not free after its connection closed: "
                + again.refused.peek());
        stopAll(List.of(again));
    }

    @Test
    @DisplayName("selective consumers on different nodes (red on one, blue on another) each get every message they"
            + " select: a node gives back what none of its consumers selects")
    void selectorsAcrossNodes() throws Exception {
        Node red = start("red", 0, 2, "selector=colour = 'red'");
        Node blue = start("blue", 0, 2, "selector=colour = 'blue'");
        for (Node n : List.of(red, blue)) {
            assertTrue(n.ready.await(60, TimeUnit.SECONDS), n.name + " did not start");
        }
        Node producer = start("maker", 1, 0, "colours");
        assertTrue(producer.sent.await(3, TimeUnit.MINUTES), "the producer did not finish");
        awaitAllCommitted(PER_PRODUCER, 120);
        stopAll(List.of(red, blue, producer));
        for (Map.Entry<String, List<String>> e : committed.entrySet()) {
            int seq = Integer.parseInt(e.getKey().substring(e.getKey().lastIndexOf('-') + 1));
            assertEquals(List.of(seq % 2 == 0 ? "red" : "blue"), e.getValue(), e.getKey());
        }
        assertEquals(0, entriesLeft());
    }

    @Test
    @DisplayName("a node killed mid-run: every send that returned is committed exactly once, its in-flight ones"
            + " come back to the others marked redelivered")
    void nodeKilledMidRun() throws Exception {
        Node n1 = start("n1", 1, 2);
        Node n2 = start("n2", 1, 2);
        Node victim = start("n3", 1, 2, "hold");
        for (Node n : List.of(n1, n2, victim)) {
            assertTrue(n.ready.await(60, TimeUnit.SECONDS), n.name + " did not start");
        }
        // kill it once it has consumed a good part of what it will, with transactions open
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (committedBy("n3") < PER_PRODUCER / 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        while (held.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        victim.process.destroyForcibly().waitFor();
        long killedAt = System.nanoTime();
        long claimedAtKill = claimedBy("n3");
        for (Node n : List.of(n1, n2)) {
            assertTrue(n.sent.await(3, TimeUnit.MINUTES), n.name + " did not finish sending");
        }
        // done when the queue is empty in PostgreSQL and every message is committed — or was received last on the
        // killed node, which may have committed it without living to say so (at most one per consumer there)
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        List<String> unreported = List.of();
        while (true) {
            if (entriesLeft() == 0) {
                unreported = sentTexts.stream().filter(t -> !committed.containsKey(t)).toList();
                if (unreported.stream().allMatch(this::lastReceivedOnVictim)) {
                    break;
                }
            }
            if (System.nanoTime() > deadline) {
                fail(entriesLeft() + " entries left; not committed: " + unreported);
            }
            Thread.sleep(100);
        }
        long takeover = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        stopAll(List.of(n1, n2));
        assertTrue(unreported.size() <= 2, "more unreported commits than consumers on the killed node: " + unreported);

        int inFlightAtKill = 0;
        for (String text : sentTexts) {
            List<String> commits = committed.get(text);
            List<String> deliveries = received.get(text);
            if (commits == null) {
                continue; // committed by the killed node as it died (checked above)
            }
            assertEquals(1, commits.size(), text + " committed " + commits);
            // every delivery after one on the killed node must say it is a redelivery
            boolean seenOnVictim = false;
            for (String d : deliveries) {
                String node = d.split(" ")[0];
                boolean redelivered = Boolean.parseBoolean(d.split(" ")[1]);
                if (seenOnVictim) {
                    assertTrue(redelivered, text + " came back unmarked: " + deliveries);
                }
                if (node.equals("n3") && !commits.get(0).equals("n3")) {
                    seenOnVictim = true;
                    inFlightAtKill++;
                }
            }
            if (!commits.get(0).equals("n3")) {
                // a commit on a survivor: the killed node never had it committed, so it was delivered once more at most
                assertTrue(deliveries.size() <= 2, text + " delivered " + deliveries);
            }
        }
        assertEquals(1, held.size());
        String heldText = held.iterator().next();
        List<String> afterKill = received.get(heldText);
        assertTrue(afterKill != null && afterKill.get(afterKill.size() - 1).matches("n[12] true [2-9].*"),
                "the message the killed node held unacknowledged came back marked redelivered: " + afterKill);
        System.out.printf("killed n3 after %d commits, holding %d claims; %d in flight came back (marked"
                + " redelivered); all committed %d ms after the kill (lease 3 s)%n", committedBy("n3"), claimedAtKill,
                inFlightAtKill, takeover);
    }

    private boolean lastReceivedOnVictim(String text) {
        List<String> deliveries = received.get(text);
        return deliveries != null && deliveries.get(deliveries.size() - 1).startsWith("n3 ");
    }

    private long claimedBy(String node) throws java.sql.SQLException {
        try (java.sql.Connection c = postgres.connect();
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM wharf_entry WHERE claimed_by = ?")) {
            ps.setString(1, node);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long entriesLeft() throws java.sql.SQLException {
        try (java.sql.Connection c = postgres.connect(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM wharf_entry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long committedBy(String node) {
        return committed.values().stream().filter(l -> l.contains(node)).count();
    }
}
