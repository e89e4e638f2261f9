package org.wharfmq.sample.orderdesk;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Processes orders from the queue {@code orders} in a container-managed transaction (Required, the default): the
 * order row, the "processed" event on the topic {@code events} and the consumption of the message commit together
 * or not at all. An invalid order throws, so the message is redelivered after the redelivery delay and, after three
 * attempts, kept in {@code orders.dlq} with the exception as its failure reason.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "destination", propertyValue = "orders"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4"),
    @ActivationConfigProperty(propertyName = "maxDeliveryAttempts", propertyValue = "3"),
    @ActivationConfigProperty(propertyName = "redeliveryDelay", propertyValue = "500"),
    @ActivationConfigProperty(propertyName = "deadLetterQueue", propertyValue = "orders.dlq")})
public class OrderProcessor implements MessageListener {

    @EJB
    private Orders orders;

    @EJB
    private DeliveryLog log;

    @Resource(name = "jms/OrderDeskCF")
    private ConnectionFactory cf;

    @Override
    public void onMessage(Message message) {
        Order order;
        try {
            order = Order.readFrom(message);
        } catch (JMSException e) {
            throw new IllegalArgumentException("not an order: " + e.getMessage(), e);
        }
        log.started(order.id());
        try {
            orders.insert(order, message.getJMSRedelivered());
            if (order.quantity() <= 0) {
                throw new IllegalArgumentException("invalid order " + order.id() + ": quantity must be positive, not "
                        + order.quantity());
            }
            if (order.processingMillis() > 0) {
                Thread.sleep(order.processingMillis());
            }
            try (JMSContext ctx = cf.createContext()) {
                ctx.createProducer().setProperty("kind", "processed").setProperty("orderId", order.id())
                        .setProperty("region", order.region()).send(ctx.createTopic("events"), order.summary());
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            log.finished();
        }
    }
}
