package org.wharfmq.sample.orderdesk;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.io.Serializable;

/**
 * An order as it travels: a JMS message whose properties carry the fields (so that selectors can see them) and
 * whose body is a one-line summary for people browsing the queue.
 */
public record Order(String id, String customer, String item, int quantity, String region, long processingMillis)
        implements Serializable {

    /** Writes the fields into {@code m}'s properties. */
    public void writeTo(Message m) throws JMSException {
        m.setStringProperty("orderId", id);
        m.setStringProperty("customer", customer);
        m.setStringProperty("item", item);
        m.setIntProperty("quantity", quantity);
        m.setStringProperty("region", region);
        m.setLongProperty("processingMillis", processingMillis);
    }

    public static Order readFrom(Message m) throws JMSException {
        return new Order(m.getStringProperty("orderId"), m.getStringProperty("customer"), m.getStringProperty("item"),
                m.getIntProperty("quantity"), m.getStringProperty("region"),
                m.propertyExists("processingMillis") ? m.getLongProperty("processingMillis") : 0);
    }

    public String summary() {
        return quantity + " x " + item + " for " + customer + " (" + region + ")";
    }
}
