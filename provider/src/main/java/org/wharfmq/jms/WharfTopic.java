package org.wharfmq.jms;

import jakarta.jms.Topic;

/** A Wharf topic (JMS 3.1 §4.2, {@link Topic}): {@code new WharfTopic("events")}. */
public class WharfTopic extends WharfDestination implements Topic {

    private static final long serialVersionUID = 1L;

    /** For administered-object definitions, which set {@code name} afterwards. */
    public WharfTopic() {
    }

    public WharfTopic(String name) {
        super(name);
    }

    @Override
    public String getTopicName() {
        return getName();
    }

    @Override
    public boolean isTopic() {
        return true;
    }
}
