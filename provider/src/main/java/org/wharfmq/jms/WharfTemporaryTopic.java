package org.wharfmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.TemporaryTopic;

/**
 * A topic that lives as long as the connection that created it (JMS 3.1 §6.2.2). Only that connection may
 * consume from it; {@link #delete()} fails while it has consumers.
 */
public final class WharfTemporaryTopic extends WharfTopic implements TemporaryTopic {

    private static final long serialVersionUID = 1L;
    private final transient WharfConnection owner;

    WharfTemporaryTopic(String name, WharfConnection owner) {
        super(name);
        this.owner = owner;
    }

    WharfConnection owner() {
        return owner;
    }

    @Override
    public boolean isTemporary() {
        return true;
    }

    @Override
    public void delete() throws JMSException {
        if (owner == null) {
            throw new jakarta.jms.IllegalStateException("only the connection that created " + this + " can delete it");
        }
        owner.deleteTemporary(this);
    }
}
