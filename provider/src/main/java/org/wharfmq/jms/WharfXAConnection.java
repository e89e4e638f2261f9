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

/** A connection that creates XA sessions (JMS 3.1 §6.2.8, {@link XAConnection}). */
public class WharfXAConnection extends WharfConnection implements XAConnection, XAQueueConnection, XATopicConnection {

    WharfXAConnection(Engine engine, WharfSettings settings) {
        super(engine, settings);
    }

    @Override
    public XASession createXASession() throws JMSException {
        return register(new WharfXASession(this));
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
