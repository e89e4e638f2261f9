package org.wharfmq.torture;

import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.transaction.xa.XAResource;
import org.wharfmq.jms.WharfConnectionFactory;
import org.wharfmq.jms.WharfQueue;
import org.wharfmq.jms.WharfTopic;
import org.wharfmq.jms.WharfXAConnectionFactory;
import org.wharfmq.xa.TestXid;

/**
 * The workload of one torture round, in a child JVM that the parent kills at a random moment. Every lane runs on
 * its own thread and reports what it is about to do and what returned, one line per step, so that the parent
 * knows for each message whether it must exist, must be gone, or may be either ({@link TortureLedger} reads the
 * lines). Lanes, each on its own destinations of this round:
 * <ul>
 *   <li>{@code auto}: persistent sends, an AUTO_ACKNOWLEDGE consumer;</li>
 *   <li>{@code client}: persistent sends, a CLIENT_ACKNOWLEDGE consumer acknowledging batches;</li>
 *   <li>{@code tx}: transacted sends in batches, a transacted consumer committing batches;</li>
 *   <li>{@code durable}: persistent publishes to a topic, a durable subscriber acknowledging batches;</li>
 *   <li>{@code xa}: persistent sends to {@code xa-in}; XA branches that receive one of them and send one message to
 *       {@code xa-out}, are prepared, then committed or rolled back.</li>
 * </ul>
 * Arguments: journal URL, round, seed.
 */
public final class TortureChild {

    static final String CLIENT_ID = "torture";

    private static final PrintStream OUT = System.out;
    private static volatile Throwable failure;

    private TortureChild() {
    }

    static String dest(String lane, int round) {
        return lane + "-" + round;
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int round = Integer.parseInt(args[1]);
        Random random = new Random(Long.parseLong(args[2]));
        WharfConnectionFactory factory = new WharfConnectionFactory(url);
        factory.setRedeliveryDelay(0);
        Connection connection = factory.createConnection();
        connection.setClientID(CLIENT_ID);
        connection.start();
        WharfXAConnectionFactory xaFactory = new WharfXAConnectionFactory(url);
        xaFactory.setRedeliveryDelay(0);
        XAConnection xaConnection = xaFactory.createXAConnection();
        xaConnection.start();

        WharfTopic topic = new WharfTopic(dest("durable", round));
        // the subscription exists before anything is published to the topic
        Session subscriberSession = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer subscriber = subscriberSession.createDurableConsumer(topic, dest("sub", round));

        List<Thread> lanes = List.of(
                lane(() -> send(connection, new WharfQueue(dest("auto", round)), "auto")),
                lane(() -> consumeAuto(connection, new WharfQueue(dest("auto", round)))),
                lane(() -> send(connection, new WharfQueue(dest("client", round)), "client")),
                lane(() -> consumeInBatches(session(connection, Session.CLIENT_ACKNOWLEDGE),
                        new WharfQueue(dest("client", round)), "client", new Random(random.nextLong()))),
                lane(() -> sendTransacted(connection, new WharfQueue(dest("tx", round)), new Random(random.nextLong()))),
                lane(() -> consumeInBatches(session(connection, Session.SESSION_TRANSACTED),
                        new WharfQueue(dest("tx", round)), "tx", new Random(random.nextLong()))),
                lane(() -> send(connection, topic, "durable")),
                lane(() -> consumeInBatches(subscriberSession, subscriber, "durable", new Random(random.nextLong()))),
                lane(() -> send(connection, new WharfQueue(dest("xa-in", round)), "xa-in")),
                lane(() -> branches(xaConnection, round, new Random(random.nextLong()))));
        lanes.forEach(Thread::start);
        while (failure == null) {
            Thread.sleep(20);
        }
        failure.printStackTrace();
        System.exit(3);
    }

    interface Work {
        void run() throws Exception;
    }

    private static Thread lane(Work work) {
        Thread t = new Thread(() -> {
            try {
                work.run();
            } catch (Throwable e) {
                failure = e;
            }
        });
        t.setDaemon(true);
        return t;
    }

    /** One line per step; the trailing " ." tells a whole line from one the kill cut short. */
    static void report(String line) {
        synchronized (OUT) {
            OUT.println(line + " .");
            OUT.flush();
        }
    }

    private static Session session(Connection c, int mode) throws JMSException {
        return mode == Session.SESSION_TRANSACTED ? c.createSession(true, mode) : c.createSession(mode);
    }

    private static Message message(Session s, long seq) throws JMSException {
        Message m = s.createTextMessage("torture payload " + seq + " " + "x".repeat(200));
        m.setLongProperty("seq", seq);
        return m;
    }

    private static void send(Connection c, Destination d, String lane) throws Exception {
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(d);
        for (long seq = 0; ; seq++) {
            report("S " + lane + " " + seq);
            p.send(message(s, seq));
            report("s " + lane + " " + seq);
        }
    }

    private static void sendTransacted(Connection c, Destination d, Random random) throws Exception {
        Session s = c.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer p = s.createProducer(d);
        for (long seq = 0; ; ) {
            List<Long> batch = new ArrayList<>();
            for (int n = 1 + random.nextInt(5); n > 0; n--, seq++) {
                p.send(message(s, seq));
                batch.add(seq);
            }
            report("T tx " + join(batch));
            s.commit();
            report("t tx");
        }
    }

    private static void consumeAuto(Connection c, Destination d) throws Exception {
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(d);
        while (true) {
            report("R auto");
            Message m = consumer.receive(50);
            if (m != null) {
                report("G auto " + m.getLongProperty("seq") + " " + m.getJMSRedelivered());
            }
        }
    }

    private static void consumeInBatches(Session s, Destination d, String lane, Random random) throws Exception {
        consumeInBatches(s, s.createConsumer(d), lane, random);
    }

    private static void consumeInBatches(Session s, MessageConsumer consumer, String lane, Random random)
            throws Exception {
        while (true) {
            List<Long> batch = new ArrayList<>();
            Message last = null;
            for (int n = 1 + random.nextInt(5); n > 0; n--) {
                Message m = consumer.receive(50);
                if (m == null) {
                    break;
                }
                last = m;
                batch.add(m.getLongProperty("seq"));
                report("I " + lane + " " + m.getLongProperty("seq"));
            }
            if (last == null) {
                continue;
            }
            report("a " + lane + " " + join(batch));
            if (s.getTransacted()) {
                s.commit();
            } else {
                last.acknowledge();
            }
            report("A " + lane);
        }
    }

    /** XA branch n: receive one message of xa-in (if any), send message n to xa-out, prepare, then decide. */
    private static void branches(XAConnection c, int round, Random random) throws Exception {
        XASession xs = c.createXASession();
        XAResource xa = xs.getXAResource();
        Session s = xs.getSession();
        MessageConsumer in = s.createConsumer(new WharfQueue(dest("xa-in", round)));
        MessageProducer out = s.createProducer(new WharfQueue(dest("xa-out", round)));
        for (long n = 0; ; n++) {
            TestXid xid = xid(round, n);
            report("X " + n);
            xa.start(xid, XAResource.TMNOFLAGS);
            Message m = in.receive(50);
            out.send(message(s, n));
            xa.end(xid, XAResource.TMSUCCESS);
            report("E " + n + " " + (m == null ? "-" : String.valueOf(m.getLongProperty("seq"))));
            xa.prepare(xid);
            report("P " + n);
            boolean commit = random.nextInt(4) != 0;
            report((commit ? "C " : "B ") + n);
            if (commit) {
                xa.commit(xid, false);
            } else {
                xa.rollback(xid);
            }
            report("D " + n);
        }
    }

    static TestXid xid(int round, long n) {
        return TestXid.of("torture-" + round + "-" + n, "b");
    }

    private static String join(List<Long> seqs) {
        StringBuilder sb = new StringBuilder();
        for (long q : seqs) {
            sb.append(sb.length() == 0 ? "" : ",").append(q);
        }
        return sb.toString();
    }
}
