package org.wharfmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueConnectionFactory;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicConnectionFactory;
import org.wharfmq.config.WharfSettings;

/**
 * A connection factory for XA connections and contexts (JMS 3.1 §6.2.8, {@link XAConnectionFactory}): what a
 * transaction manager — an application server, or Narayana in Java SE — uses to make Wharf one resource of a
 * distributed transaction. It is also an ordinary {@link WharfConnectionFactory}.
 */
public class WharfXAConnectionFactory extends WharfConnectionFactory
        implements XAConnectionFactory, XAQueueConnectionFactory, XATopicConnectionFactory {

    private static final long serialVersionUID = 1L;

    public WharfXAConnectionFactory() {
        super();
    }

    public WharfXAConnectionFactory(String journalUrl) {
        super(journalUrl);
    }

    @Override
    public javax.naming.Reference getReference() throws javax.naming.NamingException {
        javax.naming.Reference generic = super.getReference();
        javax.naming.Reference ref = new javax.naming.Reference(WharfXAConnectionFactory.class.getName(),
                generic.getFactoryClassName(), null);
        for (java.util.Enumeration<javax.naming.RefAddr> e = generic.getAll(); e.hasMoreElements(); ) {
            ref.add(e.nextElement());
        }
        return ref;
    }

    @Override
    public XAConnection createXAConnection() throws JMSException {
        WharfSettings s = settings();
        return createXAConnection(s.user(), s.password());
    }

    @Override
    public XAConnection createXAConnection(String userName, String password) throws JMSException {
        return (XAConnection) open(settings(), true, userName, password);
    }

    @Override
    public XAQueueConnection createXAQueueConnection() throws JMSException {
        return (XAQueueConnection) createXAConnection();
    }

    @Override
    public XAQueueConnection createXAQueueConnection(String userName, String password) throws JMSException {
        return (XAQueueConnection) createXAConnection(userName, password);
    }

    @Override
    public XATopicConnection createXATopicConnection() throws JMSException {
        return (XATopicConnection) createXAConnection();
    }

    @Override
    public XATopicConnection createXATopicConnection(String userName, String password) throws JMSException {
        return (XATopicConnection) createXAConnection(userName, password);
    }

    @Override
    public XAJMSContext createXAContext() {
        WharfSettings s = settings();
        return createXAContext(s.user(), s.password());
    }

    @Override
    public XAJMSContext createXAContext(String userName, String password) {
        WharfXAConnection c = (WharfXAConnection) JmsExceptions.unchecked(
                () -> open(settings(), true, userName, password));
        try {
            return new WharfXAJMSContext(c);
        } catch (JMSRuntimeException e) {
            JmsExceptions.uncheckedRun(c::close);
            throw e;
        }
    }

}
