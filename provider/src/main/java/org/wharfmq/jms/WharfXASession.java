package org.wharfmq.jms;

import jakarta.jms.IllegalStateException;
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
        this(connection, Session.AUTO_ACKNOWLEDGE);
    }

    /** {@code outsideBranch}: how messages received outside a branch are acknowledged (AUTO, DUPS_OK or CLIENT). */
    WharfXASession(WharfConnection connection, int outsideBranch) {
        super(connection, outsideBranch);
        this.resource = new WharfXAResource(this);
    }

    /**
     * Wharf extension for the resource adapter: a JMSContext that works through this session (and so through
     * its XAResource). Closing the view leaves the session open; the session's owner closes it.
     */
    public jakarta.jms.JMSContext contextView() throws JMSException {
        checkOpen();
        return new WharfJMSContext(connection, this);
    }

    /**
     * Wharf extension for the resource adapter: in a session made with CLIENT_ACKNOWLEDGE outside branches, gives
     * back every message received outside a branch and not yet acknowledged, for redelivery after the delay;
     * {@code reason} is kept with them (it becomes the failure reason if they reach the dead-letter queue).
     */
    public void recover(String reason) throws JMSException {
        checkOpen();
        if (resource.associated()) {
            throw new IllegalStateException("recover() is not allowed while the session is associated with an XA "
                    + "branch; the transaction manager rolls the branch back");
        }
        work.rollback(reason);
    }

    /**
     * Wharf extension for the resource adapter: the reason recorded on this session's received messages if the
     * branch it is associated with now is rolled back (for example, the exception a message-driven bean threw).
     */
    public void rollbackReason(String reason) {
        resource.rollbackReason(reason);
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

    /** An XASession is transacted (§6.2.8), and recover() is not for transacted sessions (§6.2.11). */
    @Override
    public void recover() throws JMSException {
        checkOpen();
        throw new IllegalStateException("recover() is not allowed on an XASession, which is transacted (JMS 3.1 "
                + "§6.2.8, §6.2.11); its transaction manager rolls the branch back");
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
