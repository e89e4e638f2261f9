package org.wharfmq.engine;

import java.util.Objects;

/**
 * A topic subscription (JMS 3.1 §4.2.2, §8.3): a queue of its own that receives a copy of every message
 * published to the topic it matches. Durable ones live in the journal; non-durable ones (unshared: one per
 * consumer; shared: one per name) live in memory as long as they have consumers.
 */
public final class Subscription extends MessageQueue {

    final TopicRouter topic;
    final String clientId;
    final String subscriptionName;
    final String selector;
    final MessageFilter filter;
    final boolean noLocal;
    final boolean durable;
    final boolean shared;

    Subscription(Engine engine, long id, String key, TopicRouter topic, String clientId, String subscriptionName,
                 String selector, boolean noLocal, boolean durable, boolean shared, long ownerConnection) {
        super(engine, id, key, durable, topic.temporary, ownerConnection, topic.name);
        this.topic = topic;
        this.clientId = clientId;
        this.subscriptionName = subscriptionName;
        this.selector = selector;
        this.filter = selector == null ? null : engine.hooks().filter(selector);
        this.noLocal = noLocal;
        this.durable = durable;
        this.shared = shared;
    }

    /** The subscription's own name (null for a non-durable, unshared one). */
    public String subscriptionName() {
        return subscriptionName;
    }

    /** The client identifier it belongs to (null when shared without one). */
    public String clientId() {
        return clientId;
    }

    public String topicName() {
        return topic.name;
    }

    public boolean isDurable() {
        return durable;
    }

    public boolean isShared() {
        return shared;
    }

    @Override
    String originalDestination() {
        return topic.name;
    }

    /**
     * Whether a published message belongs in this subscription: not local when noLocal is set (§6.11.1), and
     * matching the selector, which filters at publication so a durable subscription stores only matches.
     */
    boolean accepts(StoredMessage m) {
        if (filter != null && !filter.matches(m.cachedBody(), 1)) {
            return false;
        }
        if (!noLocal) {
            return true;
        }
        if (durable) {
            // for a durable subscription "local" means any connection with the same client identifier
            return clientId == null ? m.originConnection != ownerConnection : !Objects.equals(clientId, m.originClientId);
        }
        return m.originConnection != ownerConnection;
    }

    boolean sameDefinition(String topicName, String selector, boolean noLocal) {
        return topic.name.equals(topicName) && Objects.equals(this.selector, selector) && this.noLocal == noLocal;
    }
}
