package org.wharfmq.demo;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import org.wharfmq.jms.WharfConnectionFactory;

/**
 * The README's first command until the sample EAR exists: sends persistent messages through the H2 journal
 * under ./wharf-data, receives them back, and prints what happened. Run it twice: messages left unconsumed by
 * the first run (it leaves one on purpose) are received by the second.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        ConnectionFactory factory = new WharfConnectionFactory();
        try (JMSContext context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            Queue orders = context.createQueue("demo.orders");
            JMSConsumer consumer = context.createConsumer(orders);
            int leftOver = 0;
            TextMessage old;
            while ((old = (TextMessage) consumer.receiveNoWait()) != null) {
                leftOver++;
                System.out.println("received from a previous run: \"" + old.getText() + "\" (redelivered="
                        + old.getJMSRedelivered() + ")");
            }
            if (leftOver == 0) {
                System.out.println("the journal held no message from a previous run");
            }
            int count = 5;
            long start = System.nanoTime();
            for (int i = 1; i <= count; i++) {
                context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(orders, "order " + i);
            }
            System.out.printf("sent %d persistent messages to queue demo.orders (each durable on disk when send returned)%n", count);
            for (int i = 1; i < count; i++) {
                TextMessage m = (TextMessage) consumer.receive(5_000);
                System.out.println("received \"" + m.getText() + "\" id=" + m.getJMSMessageID() + " deliveryCount="
                        + m.getIntProperty("JMSXDeliveryCount"));
            }
            System.out.printf("done in %.1f ms; one message stays in ./wharf-data for the next run%n",
                    (System.nanoTime() - start) / 1e6);
        }
    }
}
