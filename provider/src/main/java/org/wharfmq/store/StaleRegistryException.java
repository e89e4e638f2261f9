package org.wharfmq.store;

/**
 * A write refused because the sends in it were routed to the subscriptions of a topic as the engine knew them,
 * and another node has created or deleted a subscription of that topic since ({@link StoreOp.RoutedBy}): the engine
 * reloads the topic's subscriptions ({@link EntrySource#subscriptionsOf}) and routes the sends again. Nothing of the
 * refused write was applied.
 */
public final class StaleRegistryException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final String topic;

    public StaleRegistryException(String topic) {
        super("the subscriptions of topic " + topic + " changed on another node");
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }
}
