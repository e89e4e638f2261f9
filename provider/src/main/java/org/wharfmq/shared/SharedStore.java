package org.wharfmq.shared;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.wharfmq.store.EntrySource;
import org.wharfmq.store.MessageStore;
import org.wharfmq.store.PreparedBranch;
import org.wharfmq.store.QueueRecord;
import org.wharfmq.store.StoreConfig;
import org.wharfmq.store.StoreException;
import org.wharfmq.store.StoreOp;
import org.wharfmq.store.StoredEntry;

/**
 * The shared journal: one PostgreSQL database that several engines — nodes, in as many JVMs — use at once, the
 * database being the only thing they share. Each node registers under its name with a lease ({@link NodeKeeper});
 * queues are defined once for all ({@code wharf_queue}); messages and entries are rows that nodes claim in batches
 * for their consumers ({@link SharedClaims}) and settle with their claim's token; a node's units of work share one
 * transaction per commit ({@link SharedWriter}); other nodes hear of new entries by NOTIFY ({@link WorkListener}).
 * A persistent send or a commit returns once PostgreSQL committed it ({@code synchronous_commit} must be on,
 * checked at open by {@link SharedSchema}).
 */
public final class SharedStore implements MessageStore {

    /** Connections for claims, bodies and definitions from the engine's threads, besides the dedicated ones. */
    private static final int POOLED = 4;

    private final String shownUrl;
    private final String identity;
    private final Connections connections;
    private final SharedEntries entries = new SharedEntries();
    private final SharedQueues queues = new SharedQueues();
    private final SharedXa xa = new SharedXa();
    private final SharedIds ids = new SharedIds();
    private final SharedClaims claims;
    private final SharedWriter writer;
    private final NodeKeeper keeper;
    private final WorkListener listener;
    private final String node;
    private volatile Recorder latencies;
    private volatile boolean closed;

    private SharedStore(StoreConfig config, Connections connections, String identity, NodeLease lease) {
        this.shownUrl = redacted(config.url());
        this.connections = connections;
        this.identity = identity;
        this.node = lease.name();
        this.claims = new SharedClaims(connections, entries, queues, node, config.pollMillis());
        this.writer = new SharedWriter(connections, entries, queues, claims, shownUrl, node);
        long pid = ProcessHandle.current().pid();
        this.keeper = new NodeKeeper(connections, lease, entries, claims, host(), pid,
                (int) config.lease().toSeconds());
        this.listener = new WorkListener(connections, claims, node, config.pollMillis());
    }

    /**
     * Opens the shared journal at {@code config.url()} as a node: prepares or checks the schema, registers the node
     * (refused while a live node has its name) and starts its heartbeat, writer and listener.
     */
    public static SharedStore open(StoreConfig config) throws StoreException {
        Connections connections = new Connections(config.url(), credentials(config), POOLED);
        String name = config.nodeName() == null || config.nodeName().isBlank()
                ? host() + "-" + ProcessHandle.current().pid() : config.nodeName().trim();
        NodeLease lease = new NodeLease(name, (int) config.lease().toSeconds());
        try (Connection c = connections.open()) {
            String identity = SharedSchema.prepare(c, Boolean.getBoolean("wharf.shared.allowAsynchronousCommit"));
            lease.register(c, host(), ProcessHandle.current().pid());
            // what an earlier node of this name held goes back to everyone (but what its prepared branches hold)
            new SharedEntries().reclaimFrom(c, name);
            new SharedReservations().releaseAll(c, name);
            c.commit();
            return new SharedStore(config, connections, identity, lease);
        } catch (SQLException e) {
            connections.close();
            throw new StoreException("cannot open the shared journal " + redacted(config.url()) + ": "
                    + e.getMessage(), e);
        } catch (SharedJournalException e) {
            connections.close();
            throw new StoreException("cannot open the shared journal " + redacted(config.url()) + ": "
                    + e.getMessage(), e);
        }
    }

    /** The database user and password: the URL's own if it names them, else the journalUser settings. */
    private static Properties credentials(StoreConfig config) {
        Properties p = new Properties();
        String query = config.url().indexOf('?') < 0 ? "" : config.url().substring(config.url().indexOf('?'));
        if (!query.contains("?user=") && !query.contains("&user=") && config.user() != null
                && !config.user().isBlank()) {
            p.setProperty("user", config.user());
            if (config.password() != null) {
                p.setProperty("password", config.password());
            }
        }
        return p;
    }

    /** The URL without its password, for messages and logs. */
    static String redacted(String url) {
        return url.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    /** This node's name among the nodes of the journal. */
    public String nodeName() {
        return node;
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public String url() {
        return shownUrl;
    }

    @Override
    public EntrySource entrySource() {
        return claims;
    }

    @Override
    public List<QueueRecord> loadQueues() throws StoreException {
        return read(c -> {
            List<QueueRecord> all = queues.all(c);
            c.commit();
            return all;
        });
    }

    /** None: entries are claimed when consumers want them ({@link #entrySource}), never loaded at open. */
    @Override
    public void loadEntries(Consumer<StoredEntry> visitor) {
    }

    /** This node's prepared branches: those it prepared before it stopped or died, under the same node name. */
    @Override
    public List<PreparedBranch> loadPreparedBranches() throws StoreException {
        return read(c -> {
            List<PreparedBranch> mine = xa.preparedOf(c, node);
            c.commit();
            return mine;
        });
    }

    @Override
    public long nextXaId() {
        return nextMessageId(); // one sequence for every id: unique across nodes and restarts
    }

    @Override
    public long nextMessageId() {
        try {
            return ids.next(connections);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take message ids from the shared journal " + shownUrl + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public QueueRecord defineQueue(QueueRecord p) throws StoreException {
        return read(c -> {
            QueueRecord stored = queues.define(c, p);
            c.commit();
            return stored;
        });
    }

    @Override
    public byte[] loadBody(long messageId) throws StoreException {
        return read(c -> {
            byte[] b = entries.body(c, messageId);
            c.commit();
            return b;
        });
    }

    @Override
    public CompletableFuture<Void> write(List<StoreOp> ops) {
        return writer.submit(ops);
    }

    /** As {@link #write}: a PostgreSQL commit of the group is the only way to make them visible to other nodes. */
    @Override
    public CompletableFuture<Void> writeUnforced(List<StoreOp> ops) {
        return writer.submit(ops);
    }

    @Override
    public void recordDelivery(long queueId, long messageId, int count) {
        writer.lazily(new StoreOp.RecordDelivery(queueId, messageId, count));
    }

    @Override
    public void forgetDelivery(long queueId, long messageId) {
        // the row goes with the acknowledgement; a count still queued for it updates nothing
    }

    @Override
    public void recordCommitLatencies() {
        latencies = new Recorder(3);
        writer.recordLatencies(latencies);
    }

    @Override
    public Histogram commitLatenciesSinceLastCall() {
        Recorder r = latencies;
        return r == null ? new Histogram(3) : r.getIntervalHistogram();
    }

    @Override
    public long[] writeFigures() {
        return writer.figures();
    }

    @Override
    public long bytesOnDisk() {
        return -1;
    }

    private <T> T read(Connections.Work<T> work) throws StoreException {
        if (closed) {
            throw new StoreException("the shared journal " + shownUrl + " is closed");
        }
        try {
            return connections.with(work);
        } catch (SQLException e) {
            throw new StoreException("the shared journal " + shownUrl + " failed: " + e.getMessage(), e);
        }
    }

    /** Writes what was submitted, gives this node's claims back, leaves, and closes every connection. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        listener.close();
        writer.close();
        keeper.close();
        connections.close();
    }

    @Override
    public String toString() {
        return "shared journal " + shownUrl + " as node " + node;
    }
}
