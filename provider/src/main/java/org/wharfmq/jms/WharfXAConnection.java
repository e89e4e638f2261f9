package org.wharfmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XASession;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicSession;
import org.wharfmq.config.WharfSettings;
import org.wharfmq.engine.Engine;
import org.wharfmq.security.Authorization;

/** A connection that creates XA sessions (JMS 3.1 §6.2.8, {@link XAConnection}). */
public class WharfXAConnection extends WharfConnection implements XAConnection, XAQueueConnection, XATopicConnection {

    WharfXAConnection(Engine engine, WharfSettings settings, Authorization authorization) {
        super(engine, settings, authorization);
    }

    @Override
    public XASession createXASession() throws JMSException {
        return register(new WharfXASession(this));
    }

    /**
     * Wharf extension for the resource adapter: an XA session whose messages received outside a branch are
     * acknowledged as {@code outsideBranch} says: AUTO_ACKNOWLEDGE, DUPS_OK_ACKNOWLEDGE, or CLIENT_ACKNOWLEDGE
     * — which keeps a message received just before {@code XAResource.start} unacknowledged, so the branch takes
     * it (what a message-driven bean's transacted delivery needs).
     */
    public XASession createXASession(int outsideBranch) throws JMSException {
        if (outsideBranch != jakarta.jms.Session.AUTO_ACKNOWLEDGE && outsideBranch != jakarta.jms.Session.DUPS_OK_ACKNOWLEDGE
                && outsideBranch != jakarta.jms.Session.CLIENT_ACKNOWLEDGE) {
            throw new JMSException("an XA session acknowledges outside a branch with AUTO_ACKNOWLEDGE, "
                    + "DUPS_OK_ACKNOWLEDGE or CLIENT_ACKNOWLEDGE, not mode " + outsideBranch);
        }
        return register(new WharfXASession(this, outsideBranch));
    }

    @Override
    public XAQueueSession createXAQueueSession() throws JMSException {
        return (XAQueueSession) createXASession();
    }

    @Override
    public XATopicSession createXATopicSession() throws JMSException {
        return (XATopicSession) createXASession();
    }
}
