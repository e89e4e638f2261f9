package org.wharfmq.journal;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.List;
import org.wharfmq.jms.WharfConnectionFactory;
import org.wharfmq.jms.WharfQueue;

/**
 * Runs in a child JVM that the crash test kills. Prints a line to stdout only after the operation it reports
 * has returned, so whatever the parent reads happened:
 * <ul>
 *   <li>{@code sent N} — send of persistent message N returned (it must survive);</li>
 *   <li>{@code consuming N,M,...} then {@code committed} — a transacted consumer committed those messages (they
 *       must be gone); a batch without its {@code committed} line may have gone either way.</li>
 * </ul>
 * Arguments: journal URL, queue name, first sequence number.
 */
public final class CrashChild {

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String queueName = args[1];
        long first = Long.parseLong(args[2]);
        Connection connection = new WharfConnectionFactory(url).createConnection();
        connection.start();
        Queue queue = new WharfQueue(queueName);
        Thread consumer = new Thread(() -> consume(connection, queue), "crash-consumer");
        consumer.setDaemon(true);
        consumer.start();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(queue);
        for (long seq = first; ; seq++) {
            Message m = session.createTextMessage("payload " + seq);
            m.setLongProperty("seq", seq);
            producer.send(m);
            System.out.println("sent " + seq);
            System.out.flush();
        }
    }

    private static void consume(Connection connection, Queue queue) {
        try {
            Session tx = connection.createSession(Session.SESSION_TRANSACTED);
            MessageConsumer c = tx.createConsumer(queue);
            while (true) {
                List<Long> batch = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    Message m = c.receive(20);
                    if (m == null) {
                        break;
                    }
                    batch.add(m.getLongProperty("seq"));
                }
                if (batch.isEmpty()) {
                    continue;
                }
                StringBuilder line = new StringBuilder("consuming ");
                for (int i = 0; i < batch.size(); i++) {
                    line.append(i == 0 ? "" : ",").append(batch.get(i));
                }
                synchronized (System.out) {
                    System.out.println(line);
                    System.out.flush();
                }
                tx.commit();
                synchronized (System.out) {
                    System.out.println("committed");
                    System.out.flush();
                }
            }
        } catch (Exception e) {
            e.printStackTrace();
        }
    }
}
