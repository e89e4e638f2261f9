package org.wharfmq.sample.orderdesk;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The front desk: places orders (a send in the caller's transaction, through an injected JMSContext), publishes
 * events, and shows what waits in a queue or in the dead-letter queue (through the connection factory).
 */
@Stateless
public class OrderDesk {

    @Inject
    @JMSConnectionFactory("java:comp/env/jms/OrderDeskCF")
    private JMSContext context;

    @Resource(name = "jms/OrderDeskCF")
    private ConnectionFactory cf;

    public void place(Order order) {
        TextMessage m = context.createTextMessage(order.summary());
        try {
            order.writeTo(m);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
        context.createProducer().send(context.createQueue("orders"), m);
    }

    /** Places all the orders in one transaction: they reach the queue together, when it commits. */
    public void placeAll(List<Order> batch) {
        batch.forEach(this::place);
    }

    public void publish(String kind, String orderId) {
        context.createProducer().setProperty("kind", kind).setProperty("orderId", orderId)
                .send(context.createTopic("events"), kind + " " + orderId);
    }

    /** The first {@code limit} messages of {@code queue}: id, order id, redelivery count and failure reason. */
    public List<Map<String, Object>> browse(String queue, int limit) {
        List<Map<String, Object>> out = new ArrayList<>();
        try (JMSContext ctx = cf.createContext()) {
            for (Object o : Collections.list(ctx.createBrowser(ctx.createQueue(queue)).getEnumeration())) {
                if (out.size() == limit) {
                    break;
                }
                Message m = (Message) o;
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("messageId", m.getJMSMessageID());
                row.put("orderId", m.getStringProperty("orderId"));
                row.put("summary", m instanceof TextMessage t ? t.getText() : null);
                row.put("deliveryAttempts", m.getObjectProperty("JMS_WharfDeliveryAttempts"));
                row.put("failureReason", m.getStringProperty("JMS_WharfFailureReason"));
                out.add(row);
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    public int depth(String queue) {
        try (JMSContext ctx = cf.createContext()) {
            return Collections.list(ctx.createBrowser(ctx.createQueue(queue)).getEnumeration()).size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
