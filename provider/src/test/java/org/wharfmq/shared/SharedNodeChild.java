package org.wharfmq.shared;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
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
 * Options after them: {@code hold} — one more session receives a message without ever acknowledging it
 * ({@code H <text>}), so that a kill always leaves one in flight — until "ack" comes on stdin, which acknowledges it
 * ({@code ACKED}, or {@code ACK-FAILED <exception>}); {@code topic=<topic>:<subscription>} — producers
 * publish to the topic and consumers share that durable subscription instead of queue {@code work}; {@code wait} —
 * one message {@code warm-up} is sent first (so the node has routed to the destination before), then the producers
 * wait for "go" on stdin; {@code selector=<expression>} — the consumers' selector; {@code colours} — message {@code i}
 * has the property {@code colour} red (even {@code i}) or blue (odd); {@code clientId=<id>} — the connection's client identifier; {@code groups=<n>} — message {@code i} of a producer has JMSXGroupID {@code g<i % n>}.
 * <p>Arguments: url nodeName producers perProducer consumers [hold] [topic=t:s].
 */
public final class SharedNodeChild {

    private static final PrintStream OUT = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out),
            false, StandardCharsets.UTF_8);

    private static volatile boolean stopping;
    private static volatile Message held;
    private static volatile boolean colours;

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
        List<String> options = List.of(args).subList(5, args.length);
        String topic = null;
        String subscription = null;
        int groupCount = 0;
        String chosen = null;
        for (String o : options) {
            if (o.startsWith("selector=")) {
                chosen = o.substring(9);
            }
            if (o.startsWith("groups=")) {
                groupCount = Integer.parseInt(o.substring(7));
            }
            if (o.startsWith("topic=")) {
                topic = o.substring(6, o.indexOf(':'));
                subscription = o.substring(o.indexOf(':') + 1);
            }
        }
        WharfConnectionFactory f = new WharfConnectionFactory(url + "&engineLingerMillis=0&nodeName=" + node
                + "&nodeLeaseSeconds=3&redeliveryDelay=0&maxDeliveryAttempts=0");
        Connection c = f.createConnection();
        for (String o : options) {
            if (o.startsWith("clientId=")) {
                try {
                    c.setClientID(o.substring(9));
                } catch (JMSException e) {
                    line("REFUSED " + e.getClass().getSimpleName() + ": " + e.getMessage());
                    c.close();
                    return;
                }
            }
        }
        c.start();
        String topicName = topic;
        String subscriptionName = subscription;
        String selector = chosen;
        colours = options.contains("colours");
        java.util.function.Function<Session, MessageConsumer> consumerOf = s -> {
            try {
                return topicName == null ? s.createConsumer(s.createQueue("work"), selector)
                        : s.createSharedDurableConsumer(s.createTopic(topicName), subscriptionName);
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        };
        List<Thread> threads = new ArrayList<>();
        java.util.concurrent.CountDownLatch listening = new java.util.concurrent.CountDownLatch(consumers);
        for (int i = 0; i < consumers; i++) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = consumerOf.apply(s);
            listening.countDown();
            threads.add(start(node + "-consumer-" + i, () -> consume(s, consumer)));
        }
        listening.await();
        if (options.contains("hold")) {
            Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer holder = consumerOf.apply(s);
            threads.add(start(node + "-holder", () -> {
                Message m = null;
                while (m == null && !stopping) {
                    m = holder.receive(200);
                }
                if (m != null) {
                    held = m;
                    line("H " + ((TextMessage) m).getText());
                }
            }));
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (options.contains("wait")) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.createProducer(topicName == null ? s.createQueue("work") : s.createTopic(topicName))
                    .send(s.createTextMessage("warm-up"));
            s.close();
            line("READY");
            for (String l; (l = in.readLine()) != null && !l.equals("go"); ) {
                // waiting for the parent
            }
        } else {
            line("READY");
        }
        List<Thread> sending = new ArrayList<>();
        for (int i = 0; i < producers; i++) {
            String prefix = node + "-p" + i + "-";
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.Destination q = topicName == null ? s.createQueue("work") : s.createTopic(topicName);
            int groups = groupCount;
            sending.add(start(prefix, () -> produce(s, q, prefix, perProducer, groups)));
        }
        for (Thread t : sending) {
            t.join();
        }
        line("SENT");
        for (String l; (l = in.readLine()) != null; ) {
            if (l.equals("stop")) {
                break;
            }
            if (l.equals("ack")) {
                try {
                    held.acknowledge();
                    line("ACKED");
                } catch (JMSException e) {
                    line("ACK-FAILED " + e);
                }
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

    private static void produce(Session s, jakarta.jms.Destination q, String prefix, int n, int groups)
            throws JMSException {
        MessageProducer p = s.createProducer(q);
        for (int i = 0; i < n; i++) {
            String text = prefix + i;
            TextMessage m = s.createTextMessage(text);
            if (groups > 0) {
                m.setStringProperty("JMSXGroupID", "g" + (i % groups));
            }
            if (colours) {
                m.setStringProperty("colour", i % 2 == 0 ? "red" : "blue");
            }
            p.send(m);
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
