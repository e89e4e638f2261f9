package org.wharfmq.engine;

/** Decides whether an encoded message matches a consumer's or subscription's selector. */
@FunctionalInterface
public interface MessageFilter {

    /**
     * @param body          the encoded message
     * @param deliveryCount the JMSXDeliveryCount the message would be delivered with
     */
    boolean matches(byte[] body, int deliveryCount);
}
