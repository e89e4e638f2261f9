package org.wharfmq.ra;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.wharfmq.jms.WharfQueue;
import org.wharfmq.jms.WharfTopic;
import org.wharfmq.jms.WharfXAConnection;

/**
 * One activated message-driven bean (Connectors 2.1 §13.4): a Wharf connection of its own and up to
 * {@code maxSession} {@link DeliveryWorker}s on the container's WorkManager, each with a session and consumer,
 * delivering one message at a time to its endpoint. {@link #stop} — undeployment — lets deliveries in progress
 * finish for a bounded time, then closes the connection, which gives every message not yet consumed back to
 * its queue.
 */
final class EndpointActivation {

    private static final Logger LOG = Logger.getLogger(EndpointActivation.class.getName());
    static final Method ON_MESSAGE;

    static {
        try {
            ON_MESSAGE = MessageListener.class.getMethod("onMessage", Message.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final WharfResourceAdapter ra;
    private final MessageEndpointFactory endpointFactory;
    private final WharfActivationSpec spec;
    private WharfXAConnection connection;
    private Destination destination;
    private boolean transacted;
    private CountDownLatch finished;
    private volatile boolean active;

    EndpointActivation(WharfResourceAdapter ra, MessageEndpointFactory endpointFactory, WharfActivationSpec spec) {
        this.ra = ra;
        this.endpointFactory = endpointFactory;
        this.spec = spec;
    }

    void start() throws ResourceException {
        destination = resolveDestination();
        try {
            transacted = endpointFactory.isDeliveryTransacted(ON_MESSAGE);
        } catch (NoSuchMethodException e) {
            throw new NotSupportedException("the endpoint is not a jakarta.jms.MessageListener: " + e.getMessage());
        }
        try {
            connection = (WharfXAConnection) ra.factory().createXAConnection();
            if (spec.getClientId() != null && !spec.getClientId().isBlank()) {
                connection.setClientID(spec.getClientId());
            }
            Map<String, String> policy = spec.policyOverrides();
            if (!policy.isEmpty()) {
                connection.overrideDeliveryPolicy(destinationName(), policy);
            }
            probe();
        } catch (JMSException e) {
            closeQuietly();
            throw WharfManagedConnection.resourceException("the activation of " + spec + " failed", e);
        }
        int sessions = sessions();
        finished = new CountDownLatch(sessions);
        active = true;
        WorkManager wm = ra.bootstrap().getWorkManager();
        for (int i = 0; i < sessions; i++) {
            DeliveryWorker worker = new DeliveryWorker(this, i);
            try {
                wm.scheduleWork(worker, WorkManager.INDEFINITE, null, worker);
            } catch (WorkException e) {
                stop(0);
                throw new ResourceException("the WorkManager refused a delivery session for " + spec + ": "
                        + e.getMessage(), e);
            }
        }
        try {
            connection.start();
        } catch (JMSException e) {
            stop(0);
            throw WharfManagedConnection.resourceException("the activation of " + spec + " could not start", e);
        }
        LOG.info(() -> "Wharf activation started: " + spec + ", " + sessions + " session(s), "
                + (transacted ? "transacted (XA)" : "not transacted"));
    }

    /** Creates the consumer once, so that a bad selector or a subscription conflict fails the deployment. */
    private void probe() throws JMSException {
        Session s = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        try {
            consumer(s).close();
        } finally {
            s.close();
        }
    }

    /** A non-shared topic subscription has exactly one consumer; everything else gets maxSession. */
    private int sessions() {
        return spec.isTopic() && !spec.getShareSubscriptions() ? 1 : spec.getMaxSession();
    }

    private Destination resolveDestination() throws ResourceException {
        String lookup = spec.getDestinationLookup();
        if (lookup != null && !lookup.isBlank()) {
            try {
                Object found = new InitialContext().lookup(lookup);
                if (found instanceof Destination d) {
                    return d;
                }
                throw new ResourceException("destinationLookup '" + lookup + "' names a "
                        + (found == null ? "null" : found.getClass().getName()) + ", not a jakarta.jms.Destination");
            } catch (NamingException e) {
                throw new ResourceException("destinationLookup '" + lookup + "' could not be looked up: "
                        + e.getMessage(), e);
            }
        }
        return spec.isTopic() ? new WharfTopic(spec.getDestination().trim()) : new WharfQueue(spec.getDestination().trim());
    }

    private String destinationName() throws JMSException {
        return destination instanceof Topic t ? t.getTopicName() : ((jakarta.jms.Queue) destination).getQueueName();
    }

    /** The consumer a delivery session reads from, as the activation's subscription properties say. */
    MessageConsumer consumer(Session s) throws JMSException {
        String selector = spec.getMessageSelector();
        if (!spec.isTopic()) {
            return s.createConsumer(destination, selector);
        }
        Topic topic = (Topic) destination;
        if (spec.isDurable()) {
            return spec.getShareSubscriptions()
                    ? s.createSharedDurableConsumer(topic, spec.getSubscriptionName(), selector)
                    : s.createDurableConsumer(topic, spec.getSubscriptionName(), selector, false);
        }
        if (spec.getShareSubscriptions()) {
            String name = spec.getSubscriptionName();
            if (name == null || name.isBlank()) {
                name = "wharf-mdb-" + endpointFactory.getActivationName();
            }
            return s.createSharedConsumer(topic, name, selector);
        }
        return s.createConsumer(topic, selector);
    }

    WharfXAConnection connection() {
        return connection;
    }

    MessageEndpointFactory endpointFactory() {
        return endpointFactory;
    }

    WharfActivationSpec spec() {
        return spec;
    }

    boolean transacted() {
        return transacted;
    }

    boolean active() {
        return active;
    }

    WharfResourceAdapter adapter() {
        return ra;
    }

    void workerFinished() {
        finished.countDown();
    }

    /**
     * Undeployment: no new deliveries; those in progress get {@code timeoutMillis} to finish; then the connection
     * closes and every message not consumed — including one whose delivery is still running — goes back to its
     * queue. Nothing is lost; an unfinished delivery may be redelivered.
     */
    void stop(long timeoutMillis) {
        active = false;
        boolean done = true;
        if (finished != null) {
            try {
                done = finished.await(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done = false;
            }
        }
        if (!done) {
            LOG.warning(() -> "Wharf activation " + spec + ": " + finished.getCount() + " delivery session(s) still "
                    + "busy after " + timeoutMillis + " ms; their messages are given back for redelivery");
        }
        closeQuietly();
        LOG.info(() -> "Wharf activation stopped: " + spec);
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException e) {
                LOG.log(Level.WARNING, "the connection of " + spec + " did not close cleanly", e);
            }
        }
    }
}
