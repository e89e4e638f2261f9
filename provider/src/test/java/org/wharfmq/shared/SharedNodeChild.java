package org.wharfmq.shared;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.wharfmq.jms.WharfConnectionFactory;

/**
 * One node of the shared journal in a JVM of its own, for {@link SharedNodesTest}: {@code producers} threads each
 * send {@code perProducer} persistent messages to queue {@code work}, {@code consumers} threads receive in
 * transacted sessions until "stop" comes on stdin. Each fact is a line on stdout written before the next step, so
 * that a kill leaves the parent knowing everything that happened: {@code S <text>} once its send returned,
 * {@code R <text> <redelivered> <count>} once received (before the commit), {@code C <text>} once committed.
 * {@code READY} when every consumer listens, {@code SENT} when the producers are done.
 * With a sixth argument {@code hold}, one more session receives a message without ever acknowledging it
 * ({@code H <text>}), so that a kill always leaves one in flight.
 * <p>Arguments: url nodeName producers perProducer consumers [hold].
 */
public final class SharedNodeChild {

    private static final PrintStream OUT = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out),
            false, StandardCharsets.UTF_8);

    private static volatile boolean stopping;

    private static void line(String s) {
        synchronized (OUT) {
            OUT.println(s);
            OUT.flush();
        }
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String node = args[1];
        int producers = Integer.parseInt(args[2]);
        int perProducer = Integer.parseInt(args[3]);
        int consumers = Integer.parseInt(args[4]);
        WharfConnectionFactory f = new WharfConnectionFactory(url + "&engineLingerMillis=0&nodeName=" + node
                + "&nodeLeaseSeconds=3&redeliveryDelay=0&maxDeliveryAttempts=0");
        Connection c = f.createConnection();
        c.start();
        List<Thread> threads = new ArrayList<>();
        java.util.concurrent.CountDownLatch listening = new java.util.concurrent.CountDownLatch(consumers);
        for (int i = 0; i < consumers; i++) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = s.createConsumer(s.createQueue("work"));
            listening.countDown();
            threads.add(start(node + "-consumer-" + i, () -> consume(s, consumer)));
        }
        listening.await();
        if (args.length > 5 && args[5].equals("hold")) {
            Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer holder = s.createConsumer(s.createQueue("work"));
            threads.add(start(node + "-holder", () -> {
                Message m = null;
                while (m == null && !stopping) {
                    m = holder.receive(200);
                }
                if (m != null) {
                    line("H " + ((TextMessage) m).getText());
                }
            }));
        }
        line("READY");
        List<Thread> sending = new ArrayList<>();
        for (int i = 0; i < producers; i++) {
            String prefix = node + "-p" + i + "-";
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue("work");
            sending.add(start(prefix, () -> produce(s, q, prefix, perProducer)));
        }
        for (Thread t : sending) {
            t.join();
        }
        line("SENT");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String l; (l = in.readLine()) != null; ) {
            if (l.equals("stop")) {
                break;
            }
        }
        stopping = true;
        for (Thread t : threads) {
            t.join();
        }
        c.close();
        line("CLOSED");
    }

    private interface Work {
        void run() throws Exception;
    }

    private static Thread start(String name, Work w) {
        Thread t = new Thread(() -> {
            try {
                w.run();
            } catch (Exception e) {
                e.printStackTrace();
                line("FAILED " + name + " " + e);
            }
        }, name);
        t.start();
        return t;
    }

    private static void produce(Session s, Queue q, String prefix, int n) throws JMSException {
        MessageProducer p = s.createProducer(q);
        for (int i = 0; i < n; i++) {
            String text = prefix + i;
            p.send(s.createTextMessage(text));
            line("S " + text);
        }
    }

    private static void consume(Session s, MessageConsumer consumer) throws JMSException {
        while (!stopping) {
            Message m = consumer.receive(200);
            if (m == null) {
                continue;
            }
            String text = ((TextMessage) m).getText();
            line("R " + text + " " + m.getJMSRedelivered() + " " + m.getIntProperty("JMSXDeliveryCount"));
            try {
                s.commit();
                line("C " + text);
            } catch (JMSException e) {
                line("X " + text + " " + e.getMessage().replace('\n', ' '));
                try {
                    s.rollback();
                } catch (JMSException ignored) {
                    // the session goes on; its next receive tells
                }
            }
        }
    }
}
