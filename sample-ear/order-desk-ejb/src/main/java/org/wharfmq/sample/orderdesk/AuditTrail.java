package org.wharfmq.sample.orderdesk;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Records "processed" events from the topic {@code events} through a shared durable subscription: events published
 * while the application is stopped are recorded when it comes back. The selector leaves other kinds of events out.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
    @ActivationConfigProperty(propertyName = "destination", propertyValue = "events"),
    @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
    @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = "audit"),
    @ActivationConfigProperty(propertyName = "shareSubscriptions", propertyValue = "true"),
    @ActivationConfigProperty(propertyName = "messageSelector", propertyValue = "kind = 'processed'"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2")})
public class AuditTrail implements MessageListener {

    @EJB
    private Orders orders;

    @Override
    public void onMessage(Message message) {
        try {
            orders.audit(message.getStringProperty("orderId"), message.getStringProperty("kind"));
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
