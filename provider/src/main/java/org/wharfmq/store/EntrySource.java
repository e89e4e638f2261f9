package org.wharfmq.store;

import java.util.List;

/**
 * Dispatch from a store that several engines (nodes) share: no engine holds the store's entries in memory; each
 * claims a few at a time for its own consumers, and the store makes sure no entry is claimed by two nodes at once.
 * A claimed entry is settled by acknowledging it ({@link StoreOp.DeleteEntry}, which the store refuses once the claim
 * is no longer this node's) or given back ({@link #giveBack}); a node that dies loses its claims after its lease.
 * The local store has none of this: it loads every entry at open ({@link MessageStore#entrySource} is null).
 */
public interface EntrySource {

    /**
     * One claimed entry: its dispatch fields with the delivery count this delivery has (1 for the first), and the
     * message's stored form.
     */
    record Claimed(StoredEntry entry, byte[] body) {
    }

    /** A claimed entry given back undelivered or after a delivery: its delivery count so far, and when it is due. */
    record GivenBack(long messageId, int deliveryCount, long visibleAt) {
    }

    /** The durable subscriptions of a topic as the store has them, and the version of that set. */
    record TopicSubscriptions(long version, List<QueueRecord> subscriptions) {
    }

    /** What the store tells the engine; called from the store's threads. */
    interface Watcher {

        /** Another node created or deleted a durable subscription of {@code topic}. */
        default void subscriptionsChanged(String topic) {
        }


        /** Ready entries may have arrived in {@code queueId}, or in any queue when it is -1. */
        void workMayBeReady(long queueId);

        /**
         * This node lost its lease: every claim it held may belong to another node now, so it must deliver none of
         * the entries it claimed (their acknowledgements fail).
         */
        void claimsLost();
    }

    /**
     * Claims up to {@code max} ready entries of {@code queueId} for this node, the first in delivery order (higher
     * priority first, then send order) that no other node holds, passing over the messages in {@code passOver}
     * (ones this node gave back because none of its consumers' selectors takes them) and, when {@code after} is not
     * null, every entry up to that position in delivery order; empty if none is ready.
     */
    List<Claimed> claim(long queueId, int max, java.util.Collection<Long> passOver, Position after)
            throws StoreException;

    /** A place in a queue's delivery order: entries after it have a lower priority, or the same and a higher id. */
    record Position(int priority, long messageId) {
    }

    /**
     * Gives claimed entries back to every node, with their delivery counts and visibility times; the message groups
     * of the queue this node delivered go to whichever node claims them next (no consumer of it is left here).
     */
    void giveBack(long queueId, List<GivenBack> entries);

    /**
     * The durable subscriptions of {@code topic} every node has made, with the version to name in
     * {@link StoreOp.RoutedBy} when sends are routed to exactly these.
     */
    TopicSubscriptions subscriptionsOf(String topic) throws StoreException;

    /** The queue or durable subscription of that kind and name any node has made, or null. */
    QueueRecord find(char kind, String name) throws StoreException;

    /**
     * After a restart under the same node name: the entry a prepared XA branch of this node acknowledged, which the
     * store kept held for this node (no other node takes it while the branch is in doubt), with the claim's token
     * known again; null if there is none.
     */
    Claimed heldForBranch(long queueId, long messageId) throws StoreException;

    /**
     * The entries of {@code queueId} that no node holds and whose visibility time has passed, in delivery order,
     * without bodies (a browser reads them when it looks at them) — not claimed.
     */
    List<StoredEntry> browse(long queueId) throws StoreException;

    /**
     * Reserves {@code name} of {@code kind} for this node among the live nodes — a client identifier, the active
     * consumer of an unshared durable subscription; null if it is this node's now, else the name of the live node
     * that holds it.
     */
    String reserve(String kind, String name) throws StoreException;

    /** Gives a reservation of this node up. */
    void release(String kind, String name);

    /** Registers the engine's watcher (one per store). */
    void watch(Watcher watcher);

    /**
     * How often, in milliseconds, a queue with consumers looks for work without being told: the safety net under
     * the store's notifications, which may be lost.
     */
    long pollMillis();
}
