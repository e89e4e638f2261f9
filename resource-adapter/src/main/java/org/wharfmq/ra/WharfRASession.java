package org.wharfmq.ra;

import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionRolledBackException;
import jakarta.resource.ResourceException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.wharfmq.jms.WharfXASession;

/**
 * The session of a {@link WharfRAConnection} (JMS 3.1 §12.3): it works through its managed connection's XA
 * session. In a JTA transaction — or a container local transaction — its sends and receives belong to that
 * transaction, and commit, rollback and recover are refused. Outside one, a session created transacted has a
 * local transaction of its own (announced to the container as Connectors 2.1 §6.5.6 requires); any other is
 * non-transacted and acknowledges automatically. Listeners and asynchronous sends are the container's (§12.2) and
 * are refused. Closing it closes what was created from it and deletes its temporary destinations.
 */
public class WharfRASession implements QueueSession, TopicSession {

    private static final Logger LOG = Logger.getLogger(WharfRASession.class.getName());

    private final WharfRAConnection connection;
    private final boolean transacted;
    private final int mode;
    private final List<AutoCloseable> children = new ArrayList<>();
    private final List<Object> temporaries = new ArrayList<>();
    private volatile boolean closed;

    WharfRASession(WharfRAConnection connection, boolean transacted, int mode) throws JMSException {
        this.connection = connection;
        this.transacted = transacted;
        this.mode = mode;
        if (transacted && !connection.managed().inContainerTransaction()) {
            try {
                connection.managed().applicationTransaction().begin();
            } catch (ResourceException e) {
                throw jms("the local transaction could not begin", e);
            }
        }
    }

    private static JMSException jms(String what, ResourceException e) {
        JMSException j = new JMSException(what + ": " + e.getMessage());
        j.setLinkedException(e);
        j.initCause(e);
        return j;
    }

    void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
        connection.checkOpen();
    }

    private WharfXASession physical() throws JMSException {
        checkOpen();
        return connection.managed().session();
    }

    private boolean inContainerTransaction() throws JMSException {
        return connection.managed().inContainerTransaction();
    }

    private boolean inLocalTransaction() throws JMSException {
        return connection.managed().applicationTransaction().active();
    }

    private synchronized <T> T track(T child) {
        @SuppressWarnings("unchecked")
        T guarded = (T) ContainerRules.guard(child, this::checkOpen);
        if (child instanceof AutoCloseable c) {
            children.add(c);
        }
        return guarded;
    }

    // ---- messages ---------------------------------------------------------------------------------------

    @Override
    public BytesMessage createBytesMessage() throws JMSException {
        return physical().createBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() throws JMSException {
        return physical().createMapMessage();
    }

    @Override
    public Message createMessage() throws JMSException {
        return physical().createMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() throws JMSException {
        return physical().createObjectMessage();
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        return physical().createObjectMessage(object);
    }

    @Override
    public StreamMessage createStreamMessage() throws JMSException {
        return physical().createStreamMessage();
    }

    @Override
    public TextMessage createTextMessage() throws JMSException {
        return physical().createTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) throws JMSException {
        return physical().createTextMessage(text);
    }

    // ---- transactions -----------------------------------------------------------------------------------

    @Override
    public boolean getTransacted() throws JMSException {
        checkOpen();
        return inContainerTransaction() || inLocalTransaction();
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        checkOpen();
        if (getTransacted()) {
            return Session.SESSION_TRANSACTED;
        }
        return mode == Session.DUPS_OK_ACKNOWLEDGE ? Session.DUPS_OK_ACKNOWLEDGE : Session.AUTO_ACKNOWLEDGE;
    }

    private void checkLocalTransaction(String what) throws JMSException {
        checkOpen();
        if (inContainerTransaction()) {
            throw new TransactionInProgressException(what + " is not allowed in a JTA transaction: the transaction "
                    + "manager commits or rolls back the session's work (JMS 3.1 §12.3)");
        }
        if (!inLocalTransaction()) {
            throw new IllegalStateException(what + " needs a transacted session");
        }
    }

    @Override
    public void commit() throws JMSException {
        checkLocalTransaction("commit()");
        WharfLocalTransaction tx = connection.managed().applicationTransaction();
        try {
            tx.commit();
        } catch (ResourceException e) {
            TransactionRolledBackException t = new TransactionRolledBackException("the local transaction was rolled "
                    + "back: " + e.getMessage());
            t.setLinkedException(e);
            t.initCause(e);
            throw t;
        } finally {
            beginAgain(tx);
        }
    }

    @Override
    public void rollback() throws JMSException {
        checkLocalTransaction("rollback()");
        WharfLocalTransaction tx = connection.managed().applicationTransaction();
        try {
            tx.rollback();
        } catch (ResourceException e) {
            throw jms("the local transaction could not roll back", e);
        } finally {
            beginAgain(tx);
        }
    }

    private void beginAgain(WharfLocalTransaction tx) throws JMSException {
        try {
            tx.begin();
        } catch (ResourceException e) {
            throw jms("the next local transaction could not begin", e);
        }
    }

    @Override
    public void recover() throws JMSException {
        checkOpen();
        if (getTransacted()) {
            throw new IllegalStateException("recover() is not allowed on a transacted session");
        }
        physical().recover("the session was recovered");
    }

    // ---- forbidden in the container ----------------------------------------------------------------------

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        throw WharfRAConnection.forbidden("Session.getMessageListener");
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        checkOpen();
        throw WharfRAConnection.forbidden("Session.setMessageListener");
    }

    @Override
    public void run() {
        throw new UnsupportedOperationException("Session.run must not be called by an application in a Jakarta EE "
                + "container (JMS 3.1 §12.2)");
    }

    // ---- producers, consumers, browsers ------------------------------------------------------------------

    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        return track(physical().createProducer(destination));
    }

    @Override
    public MessageConsumer createConsumer(Destination destination) throws JMSException {
        return track(physical().createConsumer(destination));
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String selector) throws JMSException {
        return track(physical().createConsumer(destination, selector));
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String selector, boolean noLocal)
            throws JMSException {
        return track(physical().createConsumer(destination, selector, noLocal));
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String name) throws JMSException {
        return track(physical().createSharedConsumer(topic, name));
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String name, String selector) throws JMSException {
        return track(physical().createSharedConsumer(topic, name, selector));
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        return track(physical().createDurableSubscriber(topic, name));
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String selector, boolean noLocal)
            throws JMSException {
        return track(physical().createDurableSubscriber(topic, name, selector, noLocal));
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        return track(physical().createDurableConsumer(topic, name));
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name, String selector, boolean noLocal)
            throws JMSException {
        return track(physical().createDurableConsumer(topic, name, selector, noLocal));
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        return track(physical().createSharedDurableConsumer(topic, name));
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name, String selector)
            throws JMSException {
        return track(physical().createSharedDurableConsumer(topic, name, selector));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        return track(physical().createBrowser(queue));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String selector) throws JMSException {
        return track(physical().createBrowser(queue, selector));
    }

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        return track(physical().createReceiver(queue));
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String selector) throws JMSException {
        return track(physical().createReceiver(queue, selector));
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        return track(physical().createSender(queue));
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        return track(physical().createSubscriber(topic));
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String selector, boolean noLocal) throws JMSException {
        return track(physical().createSubscriber(topic, selector, noLocal));
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        return track(physical().createPublisher(topic));
    }

    // ---- destinations -------------------------------------------------------------------------------------

    @Override
    public Queue createQueue(String name) throws JMSException {
        return physical().createQueue(name);
    }

    @Override
    public Topic createTopic(String name) throws JMSException {
        return physical().createTopic(name);
    }

    @Override
    public synchronized TemporaryQueue createTemporaryQueue() throws JMSException {
        TemporaryQueue q = physical().createTemporaryQueue();
        temporaries.add(q);
        return q;
    }

    @Override
    public synchronized TemporaryTopic createTemporaryTopic() throws JMSException {
        TemporaryTopic t = physical().createTemporaryTopic();
        temporaries.add(t);
        return t;
    }

    @Override
    public void unsubscribe(String name) throws JMSException {
        physical().unsubscribe(name);
    }

    // ---- close --------------------------------------------------------------------------------------------

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        closeFromConnection();
        connection.sessionClosed(this);
    }

    /** Closes what the application created and rolls back its open local transaction; the XA session stays. */
    void closeFromConnection() throws JMSException {
        release();
        if (transacted) {
            WharfLocalTransaction tx = connection.current().applicationTransaction();
            if (tx.active()) {
                try {
                    tx.rollback();
                } catch (ResourceException e) {
                    throw jms("the session's local transaction could not roll back", e);
                }
            }
        }
    }

    /** Closes children and deletes temporary destinations; nothing is thrown (the container may be cleaning up). */
    synchronized void release() {
        closed = true;
        for (AutoCloseable c : children) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "closing " + c, e);
            }
        }
        children.clear();
        for (Object t : temporaries) {
            try {
                if (t instanceof TemporaryQueue q) {
                    q.delete();
                } else if (t instanceof TemporaryTopic tt) {
                    tt.delete();
                }
            } catch (JMSException e) {
                LOG.log(Level.FINE, "deleting " + t, e);
            }
        }
        temporaries.clear();
    }

    @Override
    public String toString() {
        return "WharfRASession[" + connection + (closed ? ", closed" : "") + "]";
    }
}
