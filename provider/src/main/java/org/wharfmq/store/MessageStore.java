package org.wharfmq.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * Where an engine keeps what must survive it, in the engine's own terms: queues and durable subscriptions
 * ({@link QueueRecord}), messages and their entries, delivery counts, prepared XA branches. The engine applies
 * sends and acknowledgements in memory only once the store has made them durable ({@link #write}). One store per
 * journal URL and JVM, opened by {@link Stores#open} from the URL's scheme; the local store is the embedded H2
 * journal ({@code org.wharfmq.journal}). Nothing here knows JMS.
 */
public interface MessageStore extends AutoCloseable {

    /** A UUID made when the store was created; it names this resource manager and prefixes message IDs. */
    String identity();

    /** The URL as configured, for messages. */
    String url();

    /** Every queue and durable subscription, in id order. */
    List<QueueRecord> loadQueues() throws StoreException;

    /** Visits every entry in message-ID order (which is send order), without bodies. */
    void loadEntries(Consumer<StoredEntry> visitor) throws StoreException;

    /** Every prepared XA branch, with its pending sends and acknowledgements. */
    List<PreparedBranch> loadPreparedBranches() throws StoreException;

    /**
     * The id of a new message: unique among every engine on this store, also across restarts, growing within one
     * engine (send order). Non-persistent messages take one too.
     */
    long nextMessageId();

    /**
     * Stores a queue or durable subscription described by {@code proposed} (its id is ignored) under a new id,
     * unless one of that kind and name is stored already; returns the stored one. Durable when it returns.
     */
    QueueRecord defineQueue(QueueRecord proposed) throws StoreException;

    /** The id of a new prepared XA branch: unique among every engine on this store, also across restarts. */
    long nextXaId();

    /**
     * How the engine gets entries when other engines share the store: null for a store that only this engine
     * uses, which loads every entry at open ({@link #loadEntries}) and leaves dispatch to the engine.
     */
    default EntrySource entrySource() {
        return null;
    }

    /** The stored form of a message, or null if it is gone. */
    byte[] loadBody(long messageId) throws StoreException;

    /**
     * Applies {@code ops} atomically and durably; the future completes once they are (or fails with a
     * {@link StoreException}, in which case none of them was applied).
     */
    CompletableFuture<Void> write(List<StoreOp> ops);

    /** Applies {@code ops} with the next commit, without waiting for a sync of their own (DUPS_OK). */
    CompletableFuture<Void> writeUnforced(List<StoreOp> ops);

    /** Remembers that an entry has been delivered {@code count} times; written lazily. */
    void recordDelivery(long queueId, long messageId, int count);

    /** The entry is acknowledged: a delivery count not yet written need not be. */
    void forgetDelivery(long queueId, long messageId);

    /** From now on, records how long each write waits until it is durable. */
    void recordCommitLatencies();

    /** The commit latencies (µs) recorded since the last call; empty unless {@link #recordCommitLatencies()}. */
    Histogram commitLatenciesSinceLastCall();

    /** Commits, units they carried, syncs and nanoseconds spent committing, since the store opened. */
    long[] writeFigures();

    /** Bytes the store's files take on disk, or -1 when it keeps none of its own. */
    long bytesOnDisk();

    /** Writes what was submitted and lets go of everything the store holds. */
    @Override
    void close();
}
