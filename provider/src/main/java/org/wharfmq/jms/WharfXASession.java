package org.wharfmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TopicSession;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XASession;
import jakarta.jms.XATopicSession;
import javax.transaction.xa.XAResource;

/**
 * A session whose work is done in XA transaction branches (JMS 3.1 §6.2.8, {@link XASession}): the transaction
 * manager drives it through {@link #getXAResource()}. Between {@code start} and {@code end} its sends and
 * receives belong to the branch; outside a branch it acknowledges each message as AUTO_ACKNOWLEDGE does.
 * {@code commit} and {@code rollback} belong to the transaction manager.
 */
public class WharfXASession extends WharfSession implements XASession, XAQueueSession, XATopicSession {

    private final WharfXAResource resource;

    WharfXASession(WharfConnection connection) {
        super(connection, Session.AUTO_ACKNOWLEDGE);
        this.resource = new WharfXAResource(this);
    }

    @Override
    public Session getSession() throws JMSException {
        checkOpen();
        return this;
    }

    @Override
    public QueueSession getQueueSession() throws JMSException {
        checkOpen();
        return this;
    }

    @Override
    public TopicSession getTopicSession() throws JMSException {
        checkOpen();
        return this;
    }

    @Override
    public XAResource getXAResource() {
        return resource;
    }

    @Override
    public boolean getTransacted() throws JMSException {
        checkOpen();
        return true;
    }

    @Override
    public void commit() throws JMSException {
        checkOpen();
        throw new TransactionInProgressException("an XASession is committed by its transaction manager, not by commit()");
    }

    @Override
    public void rollback() throws JMSException {
        checkOpen();
        throw new TransactionInProgressException("an XASession is rolled back by its transaction manager, not by rollback()");
    }
}
