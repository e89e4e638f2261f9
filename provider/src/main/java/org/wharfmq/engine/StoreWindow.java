package org.wharfmq.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.wharfmq.store.EntrySource;
import org.wharfmq.store.StoreException;

/**
 * The part of a shared store's queue that this node holds. Other nodes consume the same queue, so the entries are
 * not loaded at start: when a consumer here finds nothing ready, one thread claims a small batch from the store
 * ({@link EntrySource#claim}) and the queue delivers them like its own; while nothing is left to claim, consumers
 * wait for a hint ({@link #mayHaveMore}: a send here, the store's notification, or the engine's poll) instead of
 * asking the database on every receive. Entries claimed here that no consumer here will take — the last one
 * closed, or the engine closes — go back to the store for the other nodes.
 */
final class StoreWindow {

    private static final Logger LOG = Logger.getLogger(StoreWindow.class.getName());

    /**
     * Entries claimed at once: enough to save a round trip per message, few enough that consumers on other nodes
     * are not kept waiting by messages this node holds but has not delivered yet.
     */
    static final int CLAIM_BATCH = 16;

    private final MessageQueue queue;
    private final EntrySource source;
    private boolean filling;
    private boolean mayHaveMore = true;
    /** Hints received; a fill that found little clears {@link #mayHaveMore} only if none came meanwhile. */
    private long hints;
    private long hintsAtFill;
    private boolean failing;
    /**
     * Messages this node claimed and gave back because no consumer here selects them, passed over by its next claims
     * (at most {@link #PASS_OVER} of the newest); forgotten when its consumers or their selectors change.
     */
    private final java.util.LinkedHashSet<Long> passOver = new java.util.LinkedHashSet<>();

    /** How many given-back messages a node remembers to pass over. */
    static final int PASS_OVER = 10_000;

    /**
     * While claims bring only messages no consumer here selects: where the last such claim ended, so that the next
     * goes on from there instead of meeting the same ones again (more of them than {@link #PASS_OVER} would else
     * hide the rest of the queue for ever). Null: from the head. Once such a scan reached the end of the queue it
     * stays there — new messages come after it — and the next scan from the head, for a message before it (a higher
     * priority, another node's id block, one given back), waits {@link #RESCAN_MILLIS}, so that an idle selective
     * consumer facing a large backlog nobody here selects costs one pass over it per that time, not one per poll.
     * Back to the head at once when the consumers here change.
     */
    private EntrySource.Position scanFrom;
    private boolean scanAtEnd;
    private long rescanAt;

    /** How long a scan that found nothing for the selectors here rests at the queue's end before the next. */
    static final long RESCAN_MILLIS = 5_000;

    StoreWindow(MessageQueue queue, EntrySource source) {
        this.queue = queue;
        this.source = source;
    }

    /** True if the caller should {@link #fill}: no other thread is filling and the store may have entries. */
    synchronized boolean startFill() {
        if (filling || !mayHaveMore) {
            return false;
        }
        filling = true;
        hintsAtFill = hints;
        return true;
    }

    /** A hint that the store may have ready entries for this queue. */
    synchronized void mayHaveMore() {
        hints++;
        mayHaveMore = true;
    }

    /** Claims a batch from the store and makes it ready here; after {@link #startFill} returned true. */
    void fill() {
        List<EntrySource.Claimed> got = List.of();
        boolean failed = false;
        List<Long> skip;
        EntrySource.Position from;
        synchronized (this) {
            if (scanAtEnd && System.currentTimeMillis() >= rescanAt) {
                scanFrom = null;
                scanAtEnd = false;
            }
            skip = new ArrayList<>(passOver);
            from = scanFrom;
        }
        try {
            got = source.claim(queue.id, CLAIM_BATCH, skip, from);
        } catch (StoreException | RuntimeException e) {
            failed = true;
            logFailure(e);
        }
        List<QueueEntry> entries = new ArrayList<>(got.size());
        for (EntrySource.Claimed c : got) {
            StoredMessage m = StoredMessage.fromClaim(c.entry(), c.body());
            m.addDurableRef();
            entries.add(DeliveryCounts.fromClaim(m, queue, c.entry().deliveryCount()));
        }
        synchronized (this) {
            filling = false;
            if (!failed && got.size() < CLAIM_BATCH && scanFrom != null && !scanAtEnd) {
                scanAtEnd = true; // rests at the end; the next scan from the head waits
                rescanAt = System.currentTimeMillis() + RESCAN_MILLIS;
            }
            if (failed) {
                // the engine's poll tries again: consumers wait meanwhile, they do not spin on a broken database
                mayHaveMore = false;
            } else {
                failing = false;
                if (got.size() < CLAIM_BATCH && hints == hintsAtFill) {
                    mayHaveMore = false;
                }
            }
        }
        if (!entries.isEmpty()) {
            List<QueueEntry> unwanted = queue.claimedFromStore(entries);
            if (!unwanted.isEmpty()) {
                // no consumer here selects them: back to every node, and not claimed again by this one
                synchronized (this) {
                    for (QueueEntry e : unwanted) {
                        passOver.add(e.message.id);
                    }
                    if (unwanted.size() == entries.size()) {
                        QueueEntry last = entries.get(entries.size() - 1);
                        scanFrom = new EntrySource.Position(last.message.priority, last.message.id);
                        if (got.size() == CLAIM_BATCH) {
                            mayHaveMore = true;
                        }
                    }
                    for (java.util.Iterator<Long> it = passOver.iterator(); passOver.size() > PASS_OVER; ) {
                        it.next();
                        it.remove();
                    }
                }
                giveBack(unwanted); // undelivered: with the count they had before this claim
            }
        }
    }

    /** The consumers here or their selectors changed: a message passed over may be selected now. */
    synchronized void receiversChanged() {
        passOver.clear();
        scanFrom = null;
        scanAtEnd = false;
        mayHaveMore = true;
        hints++;
    }

    private void logFailure(Exception e) {
        boolean first;
        synchronized (this) {
            first = !failing;
            failing = true;
        }
        // once per outage, not once per poll
        LOG.log(first ? Level.WARNING : Level.FINE, "cannot claim messages of " + queue + " from the shared journal;"
                + " its consumers wait and it is tried again", e);
    }

    /** The entries of this queue that no node holds and that are due, in delivery order, as views (not claimed). */
    List<QueueEntry> browse() {
        try {
            List<QueueEntry> out = new ArrayList<>();
            for (org.wharfmq.store.StoredEntry e : source.browse(queue.id)) {
                out.add(new QueueEntry(StoredMessage.fromJournal(e), queue, true, e.deliveryCount()));
            }
            return out;
        } catch (StoreException e) {
            LOG.log(Level.WARNING, "cannot browse " + queue + " in the shared journal; only what this node holds is"
                    + " shown", e);
            return List.of();
        }
    }

    /** The entry of this queue the store holds for a prepared XA branch of this node, or null. */
    QueueEntry held(long messageId) {
        try {
            EntrySource.Claimed c = source.heldForBranch(queue.id, messageId);
            if (c == null) {
                return null;
            }
            StoredMessage m = StoredMessage.fromClaim(c.entry(), c.body());
            m.addDurableRef();
            return new QueueEntry(m, queue, true, c.entry().deliveryCount()); // delivered: its count is the claim's
        } catch (StoreException e) {
            LOG.log(Level.WARNING, "cannot read message " + messageId + " of " + queue + ", acknowledged by a prepared"
                    + " XA branch, from the shared journal", e);
            return null;
        }
    }

    /** Gives claimed entries back to the store, undelivered (or redelivered), with their counts and due times. */
    void giveBack(List<QueueEntry> entries) {
        List<EntrySource.GivenBack> back = new ArrayList<>(entries.size());
        for (QueueEntry e : entries) {
            back.add(new EntrySource.GivenBack(e.message.id, e.deliveryCount, e.visibleAt));
        }
        source.giveBack(queue.id, back);
    }
}
