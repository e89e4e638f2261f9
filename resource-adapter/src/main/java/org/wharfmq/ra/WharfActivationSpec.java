package org.wharfmq.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a message-driven bean is fed (Connectors 2.1 §13.4.2; the standard JMS activation properties of
 * Jakarta EE's {@code @MessageDriven(activationConfig=...)}, plus Wharf's). {@link #validate()} refuses
 * contradictions with an InvalidPropertyException that names the property.
 *
 * <p>{@code destination} is the Wharf destination's name; {@code destinationLookup}, its JNDI name, wins when
 * both are given. {@code connectionFactoryLookup} is accepted for portability: an activation always reads the
 * resource adapter's own journal.
 */
public class WharfActivationSpec implements ActivationSpec, Serializable {

    private static final long serialVersionUID = 1L;

    static final String QUEUE = "jakarta.jms.Queue";
    static final String TOPIC = "jakarta.jms.Topic";
    static final String AUTO = "Auto-acknowledge";
    static final String DUPS_OK = "Dups-ok-acknowledge";
    static final String DURABLE = "Durable";
    static final String NON_DURABLE = "NonDurable";

    private transient ResourceAdapter ra;
    private String destinationLookup;
    private String destination;
    private String destinationType = QUEUE;
    private String connectionFactoryLookup;
    private String messageSelector;
    private String acknowledgeMode = AUTO;
    private String subscriptionDurability = NON_DURABLE;
    private String subscriptionName;
    private String clientId;
    private Boolean shareSubscriptions = Boolean.FALSE;
    private Integer maxSession = 10;
    private Integer maxDeliveryAttempts;
    private Long redeliveryDelay;
    private String deadLetterQueue;
    private Integer transactionTimeout = 0;

    @Override
    public void validate() throws InvalidPropertyException {
        if (blank(destination) && blank(destinationLookup)) {
            throw invalid("destination", "set 'destination' (the queue or topic name) or 'destinationLookup' (its JNDI name)");
        }
        if (!QUEUE.equals(destinationType) && !TOPIC.equals(destinationType)) {
            throw invalid("destinationType", "'destinationType' must be jakarta.jms.Queue or jakarta.jms.Topic, not '"
                    + destinationType + "'");
        }
        if (!AUTO.equals(acknowledgeMode) && !DUPS_OK.equals(acknowledgeMode)) {
            throw invalid("acknowledgeMode", "'acknowledgeMode' must be Auto-acknowledge or Dups-ok-acknowledge, not '"
                    + acknowledgeMode + "'");
        }
        if (!DURABLE.equals(subscriptionDurability) && !NON_DURABLE.equals(subscriptionDurability)) {
            throw invalid("subscriptionDurability", "'subscriptionDurability' must be Durable or NonDurable, not '"
                    + subscriptionDurability + "'");
        }
        if (isDurable()) {
            if (!isTopic()) {
                throw invalid("subscriptionDurability", "'subscriptionDurability' Durable needs destinationType "
                        + "jakarta.jms.Topic; a queue keeps its messages anyway");
            }
            if (blank(subscriptionName)) {
                throw invalid("subscriptionName", "a durable subscription needs 'subscriptionName'");
            }
            if (!shareSubscriptions && blank(clientId)) {
                throw invalid("clientId", "an unshared durable subscription needs 'clientId' (JMS 3.1 §6.1.2); set it, "
                        + "or set 'shareSubscriptions' to true for a shared durable subscription");
            }
        }
        if (maxSession < 1) {
            throw invalid("maxSession", "'maxSession' must be >= 1, not " + maxSession);
        }
        if (maxDeliveryAttempts != null && maxDeliveryAttempts < 0) {
            throw invalid("maxDeliveryAttempts", "'maxDeliveryAttempts' must be >= 0 (0 = unlimited), not "
                    + maxDeliveryAttempts);
        }
        if (redeliveryDelay != null && redeliveryDelay < 0) {
            throw invalid("redeliveryDelay", "'redeliveryDelay' must be >= 0 milliseconds, not " + redeliveryDelay);
        }
        if (deadLetterQueue != null && deadLetterQueue.isBlank()) {
            throw invalid("deadLetterQueue", "'deadLetterQueue' must name a queue");
        }
        if (transactionTimeout < 0) {
            throw invalid("transactionTimeout", "'transactionTimeout' must be >= 0 seconds, not " + transactionTimeout);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private InvalidPropertyException invalid(String property, String message) {
        InvalidPropertyException e = new InvalidPropertyException("Wharf activation spec: " + message);
        try {
            e.setInvalidPropertyDescriptors(new java.beans.PropertyDescriptor[] {
                new java.beans.PropertyDescriptor(property, WharfActivationSpec.class)});
        } catch (java.beans.IntrospectionException ignored) {
            // the message names the property anyway
        }
        return e;
    }

    boolean isTopic() {
        return TOPIC.equals(destinationType);
    }

    boolean isDurable() {
        return DURABLE.equals(subscriptionDurability);
    }

    /** The delivery-policy overrides this activation carries, as Wharf settings (none when all are unset). */
    Map<String, String> policyOverrides() {
        Map<String, String> m = new LinkedHashMap<>();
        if (maxDeliveryAttempts != null) {
            m.put("maxDeliveryAttempts", maxDeliveryAttempts.toString());
        }
        if (redeliveryDelay != null) {
            m.put("redeliveryDelay", redeliveryDelay.toString());
        }
        if (deadLetterQueue != null) {
            m.put("deadLetterQueue", deadLetterQueue.trim());
        }
        return m;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return ra;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) throws ResourceException {
        this.ra = ra;
    }

    // ---- properties ----------------------------------------------------------------------------------------

    public String getDestinationLookup() {
        return destinationLookup;
    }

    public void setDestinationLookup(String destinationLookup) {
        this.destinationLookup = destinationLookup;
    }

    public String getDestination() {
        return destination;
    }

    public void setDestination(String destination) {
        this.destination = destination;
    }

    public String getDestinationType() {
        return destinationType;
    }

    public void setDestinationType(String destinationType) {
        this.destinationType = destinationType;
    }

    public String getConnectionFactoryLookup() {
        return connectionFactoryLookup;
    }

    public void setConnectionFactoryLookup(String connectionFactoryLookup) {
        this.connectionFactoryLookup = connectionFactoryLookup;
    }

    public String getMessageSelector() {
        return messageSelector;
    }

    public void setMessageSelector(String messageSelector) {
        this.messageSelector = messageSelector;
    }

    public String getAcknowledgeMode() {
        return acknowledgeMode;
    }

    public void setAcknowledgeMode(String acknowledgeMode) {
        this.acknowledgeMode = acknowledgeMode;
    }

    public String getSubscriptionDurability() {
        return subscriptionDurability;
    }

    public void setSubscriptionDurability(String subscriptionDurability) {
        this.subscriptionDurability = subscriptionDurability;
    }

    public String getSubscriptionName() {
        return subscriptionName;
    }

    public void setSubscriptionName(String subscriptionName) {
        this.subscriptionName = subscriptionName;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public Boolean getShareSubscriptions() {
        return shareSubscriptions;
    }

    public void setShareSubscriptions(Boolean shareSubscriptions) {
        this.shareSubscriptions = Boolean.TRUE.equals(shareSubscriptions);
    }

    public Integer getMaxSession() {
        return maxSession;
    }

    public void setMaxSession(Integer maxSession) {
        this.maxSession = maxSession == null ? 10 : maxSession;
    }

    public Integer getMaxDeliveryAttempts() {
        return maxDeliveryAttempts;
    }

    public void setMaxDeliveryAttempts(Integer maxDeliveryAttempts) {
        this.maxDeliveryAttempts = maxDeliveryAttempts;
    }

    public Long getRedeliveryDelay() {
        return redeliveryDelay;
    }

    public void setRedeliveryDelay(Long redeliveryDelay) {
        this.redeliveryDelay = redeliveryDelay;
    }

    public String getDeadLetterQueue() {
        return deadLetterQueue;
    }

    public void setDeadLetterQueue(String deadLetterQueue) {
        this.deadLetterQueue = deadLetterQueue;
    }

    /** Seconds; given to the XAResource of transacted deliveries (0 = the transaction manager's default). */
    public Integer getTransactionTimeout() {
        return transactionTimeout;
    }

    public void setTransactionTimeout(Integer transactionTimeout) {
        this.transactionTimeout = transactionTimeout == null ? 0 : transactionTimeout;
    }

    @Override
    public String toString() {
        return "WharfActivationSpec[" + (destinationLookup != null ? destinationLookup : destination) + ", "
                + destinationType + (messageSelector == null ? "" : ", selector=" + messageSelector)
                + (isDurable() ? ", durable " + subscriptionName : "") + ", maxSession=" + maxSession + "]";
    }
}
