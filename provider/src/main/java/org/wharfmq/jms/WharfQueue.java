package org.wharfmq.jms;

import jakarta.jms.Queue;

/** A Wharf queue (JMS 3.1 §4.2, {@link Queue}): {@code new WharfQueue("orders")}. */
public class WharfQueue extends WharfDestination implements Queue {

    private static final long serialVersionUID = 1L;

    /** For administered-object definitions, which set {@code name} afterwards. */
    public WharfQueue() {
    }

    public WharfQueue(String name) {
        super(name);
    }

    @Override
    public String getQueueName() {
        return getName();
    }

    @Override
    public boolean isTopic() {
        return false;
    }
}
