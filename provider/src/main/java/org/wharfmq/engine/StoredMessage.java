package org.wharfmq.engine;


/**
 * A message as the engine sees it: the fields dispatch needs and the encoded body, which may be dropped from
 * memory once it is in the journal and read back when it is delivered. One StoredMessage is shared by every
 * entry (queue or subscription) that refers to it.
 */
public final class StoredMessage {

    final long id;
    final int priority;
    final long expiration;
    final long deliveryTime;
    final boolean persistent;
    final String groupId;
    final long originConnection;
    final String originClientId;
    private volatile byte[] body;
    final int bodySize;
    /** Entries of this message that live in the journal; the message row goes when the last one does. */
    private volatile int durableRefs;
    /** A plain int field, not an AtomicInteger: 16 bytes less for each of a million messages held in memory. */
    private static final java.util.concurrent.atomic.AtomicIntegerFieldUpdater<StoredMessage> DURABLE_REFS =
            java.util.concurrent.atomic.AtomicIntegerFieldUpdater.newUpdater(StoredMessage.class, "durableRefs");

    int addDurableRef() {
        return DURABLE_REFS.incrementAndGet(this);
    }

    int releaseDurableRef() {
        return DURABLE_REFS.decrementAndGet(this);
    }

    int durableRefCount() {
        return durableRefs;
    }
    volatile boolean bodyCached;
    /** When it was stored (epoch millis): now for a new message, the journal's record for a restored one. */
    volatile long storedAt = System.currentTimeMillis();
    /** Why Wharf moved this copy here (dead-lettered, expired), kept in the journal for operators; else null. */
    volatile String note;
    /** Set once a DeleteMessage has been issued for a message with several entries. */
    volatile boolean bodyDeleted;

    /** A message that is being sent. */
    public StoredMessage(long id, int priority, long expiration, long deliveryTime, boolean persistent,
                         String groupId, long originConnection, String originClientId, byte[] body) {
        this.id = id;
        this.priority = priority;
        this.expiration = expiration;
        this.deliveryTime = deliveryTime;
        this.persistent = persistent;
        this.groupId = groupId;
        this.originConnection = originConnection;
        this.originClientId = originClientId;
        this.body = body;
        this.bodySize = body == null ? 0 : body.length;
    }

    /**
     * A persistent message as the journal keeps it, rebuilt at start-up (for a queue's entries and a prepared XA
     * branch's sends alike): its dispatch fields, no body (read when it is delivered), no origin connection.
     */
    static StoredMessage fromJournal(org.wharfmq.store.StoredEntry e) {
        StoredMessage m = new StoredMessage(e.messageId(), e.priority(), e.expiration(), e.deliveryTime(), true,
                e.groupId(), -1, null, null);
        if (e.created() > 0) {
            m.storedAt = e.created();
        }
        return m;
    }

    /** A message claimed from a shared store: as {@link #fromJournal}, with the body the claim brought. */
    static StoredMessage fromClaim(org.wharfmq.store.StoredEntry e, byte[] body) {
        StoredMessage m = new StoredMessage(e.messageId(), e.priority(), e.expiration(), e.deliveryTime(), true,
                e.groupId(), -1, null, body);
        if (e.created() > 0) {
            m.storedAt = e.created();
        }
        return m;
    }

    public long id() {
        return id;
    }

    byte[] cachedBody() {
        return body;
    }

    void dropBody() {
        body = null;
    }

    boolean isExpired(long now) {
        return expiration != 0 && expiration <= now;
    }
}
