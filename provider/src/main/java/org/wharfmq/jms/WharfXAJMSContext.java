package org.wharfmq.jms;

import jakarta.jms.JMSContext;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.XAJMSContext;
import javax.transaction.xa.XAResource;

/** A JMSContext whose session is an XA session (JMS 3.1 §6.2.8, {@link XAJMSContext}). */
public class WharfXAJMSContext extends WharfJMSContext implements XAJMSContext {

    WharfXAJMSContext(WharfXAConnection connection) {
        super(connection, JMSContext.SESSION_TRANSACTED);
    }

    @Override
    WharfSession newSession() throws jakarta.jms.JMSException {
        return (WharfSession) ((WharfXAConnection) connection()).createXASession();
    }

    @Override
    public JMSContext getContext() {
        return this;
    }

    @Override
    public XAResource getXAResource() {
        return ((WharfXASession) session()).getXAResource();
    }

    @Override
    public boolean getTransacted() {
        return true;
    }

    @Override
    public void commit() {
        throw new TransactionInProgressRuntimeException("an XAJMSContext is committed by its transaction manager");
    }

    @Override
    public void rollback() {
        throw new TransactionInProgressRuntimeException("an XAJMSContext is rolled back by its transaction manager");
    }
}
