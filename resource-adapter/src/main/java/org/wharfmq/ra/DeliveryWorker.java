package org.wharfmq.ra;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Session;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkContextProvider;
import jakarta.resource.spi.work.WorkEvent;
import jakarta.resource.spi.work.WorkListener;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import org.wharfmq.jms.WharfXASession;

/**
 * One delivery session of an activation, running as long-lived Work on the container's WorkManager
 * (Connectors 2.1 §11, §13.5): it receives a message, then delivers it to its endpoint between
 * {@code beforeDelivery} and {@code afterDelivery}, always paired.
 *
 * <p>The session is an XA session that holds what it receives outside a branch (CLIENT_ACKNOWLEDGE): for a
 * transacted delivery the container's transaction, begun in {@code beforeDelivery}, enlists the session's
 * XAResource and takes the message into its branch, so that consuming it commits or rolls back with the bean's
 * own work. For a delivery that is not transacted, or one the container did not enlist, the worker settles the
 * message itself afterwards: acknowledged if onMessage returned, given back for redelivery — after the
 * redelivery delay, to the dead-letter queue at the limit, with the exception as the reason — if it threw.
 */
final class DeliveryWorker implements Work, WorkListener, WorkContextProvider {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class.getName());
    private static final long POLL_MILLIS = 500;
    private static final long ENDPOINT_RETRY_MILLIS = 1000;

    private final EndpointActivation activation;
    private final int index;

    DeliveryWorker(EndpointActivation activation, int index) {
        this.activation = activation;
        this.index = index;
    }

    @Override
    public void run() {
        WharfXASession session = null;
        MessageEndpoint endpoint = null;
        try {
            session = (WharfXASession) activation.connection().createXASession(Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = activation.consumer(session);
            XAResource xa = activation.transacted() ? session.getXAResource() : null;
            if (xa != null && activation.spec().getTransactionTimeout() > 0) {
                xa.setTransactionTimeout(activation.spec().getTransactionTimeout());
            }
            while (activation.active()) {
                if (endpoint == null) {
                    endpoint = createEndpoint(xa);
                    continue;
                }
                Message m = consumer.receive(POLL_MILLIS);
                if (m != null) {
                    deliver(endpoint, session, m);
                }
            }
        } catch (JMSException | XAException e) {
            if (activation.active()) {
                LOG.log(Level.SEVERE, "Wharf delivery session " + index + " of " + activation.spec() + " stopped", e);
            }
        } finally {
            if (endpoint != null) {
                endpoint.release();
            }
            if (session != null) {
                try {
                    session.close();
                } catch (JMSException e) {
                    LOG.log(Level.FINE, "closing a delivery session", e);
                }
            }
            activation.workerFinished();
        }
    }

    /** The endpoint, or null while the application is not ready for messages yet (it is retried). */
    private MessageEndpoint createEndpoint(XAResource xa) {
        try {
            return activation.endpointFactory().createEndpoint(xa);
        } catch (UnavailableException e) {
            LOG.log(Level.FINE, "endpoint not available yet for " + activation.spec(), e);
            try {
                Thread.sleep(ENDPOINT_RETRY_MILLIS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            return null;
        }
    }

    private void deliver(MessageEndpoint endpoint, WharfXASession session, Message m) {
        Throwable failure = null;
        boolean began = false;
        try {
            endpoint.beforeDelivery(EndpointActivation.ON_MESSAGE);
            began = true;
            ((MessageListener) endpoint).onMessage(m);
        } catch (Throwable t) {
            failure = t;
            session.rollbackReason(reason(t));
        } finally {
            if (began) {
                try {
                    endpoint.afterDelivery();
                } catch (Throwable t) {
                    if (failure == null) {
                        failure = t;
                    }
                }
            }
        }
        try {
            if (failure == null) {
                m.acknowledge();
            } else {
                LOG.log(Level.FINE, "delivery failed; the message goes back for redelivery", failure);
                session.recover(reason(failure));
            }
        } catch (JMSException e) {
            LOG.log(Level.WARNING, "a delivered message could not be settled; it will be redelivered", e);
        }
    }

    /** The innermost cause, which is the bean's own exception rather than the container's wrapper. */
    static String reason(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "the message-driven bean failed: " + root.getClass().getName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** The container stops the work when it shuts down; the loop notices through the activation. */
    @Override
    public void release() {
    }

    /** Tells containers that support hints that this work runs for the life of the activation. */
    @Override
    public List<WorkContext> getWorkContexts() {
        if (!activation.adapter().bootstrap().isContextSupported(HintsContext.class)) {
            return null;
        }
        HintsContext hints = new HintsContext();
        hints.setName("Wharf delivery " + index + " for " + activation.spec());
        hints.setHint(HintsContext.LONGRUNNING_HINT, Boolean.TRUE);
        return List.of(hints);
    }

    @Override
    public void workAccepted(WorkEvent e) {
    }

    @Override
    public void workRejected(WorkEvent e) {
        LOG.log(Level.SEVERE, "the WorkManager rejected Wharf delivery session " + index + " of " + activation.spec(),
                e.getException());
        activation.workerFinished();
    }

    @Override
    public void workStarted(WorkEvent e) {
    }

    @Override
    public void workCompleted(WorkEvent e) {
    }
}
