package org.wharfmq.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A topic: the set of its current subscriptions, and the fan-out of a published message into an entry per
 * subscription that accepts it (JMS 3.1 §4.2.2).
 */
final class TopicRouter implements Target {

    final String name;
    final boolean temporary;
    final long ownerConnection;
    final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    volatile boolean deleted;
    /**
     * On a shared store, the version of the topic's durable subscriptions that {@link #subscriptions} reflects
     * (-1: not loaded yet); a publish names it ({@code StoreOp.RoutedBy}).
     */
    volatile long registryVersion = -1;

    TopicRouter(String name, boolean temporary, long ownerConnection) {
        this.name = name;
        this.temporary = temporary;
        this.ownerConnection = ownerConnection;
    }

    @Override
    public String name() {
        return name;
    }

    /** One entry per subscription that takes the message; durable only for a persistent message. */
    List<QueueEntry> route(StoredMessage m) {
        List<QueueEntry> entries = new ArrayList<>(subscriptions.size());
        for (Subscription s : subscriptions) {
            if (!s.isDeleted() && s.accepts(m)) {
                entries.add(new QueueEntry(m, s, s.durable && m.persistent, 0));
            }
        }
        return entries;
    }

    int consumerCount() {
        int n = 0;
        for (Subscription s : subscriptions) {
            n += s.consumerCount();
        }
        return n;
    }
}
