package org.wharfmq.shared;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps this node a live member of the shared journal: renews its lease every third of it, gives the claims of
 * nodes whose lease lapsed back to everyone ({@link SharedEntries#reclaimFrom}) and wakes the nodes' consumers for
 * them. A node that could not renew for a whole lease (the database unreachable, a long pause) must assume that
 * the others took its claims: it drops them ({@link SharedClaims#lost}) before it delivers again, and registers
 * anew once the database answers.
 */
final class NodeKeeper implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NodeKeeper.class.getName());

    private final Connections connections;
    private final NodeLease lease;
    private final SharedEntries entries;
    private final SharedClaims claims;
    private final String host;
    private final long pid;
    private final long leaseNanos;
    private final ScheduledExecutorService thread;
    private Connection connection;
    /** When the lease was last renewed (System.nanoTime). */
    private volatile long renewedAt;
    private boolean lost;
    private boolean failing;

    NodeKeeper(Connections connections, NodeLease lease, SharedEntries entries, SharedClaims claims, String host,
               long pid, int leaseSeconds) {
        this.connections = connections;
        this.lease = lease;
        this.entries = entries;
        this.claims = claims;
        this.host = host;
        this.pid = pid;
        this.leaseNanos = TimeUnit.SECONDS.toNanos(leaseSeconds);
        this.renewedAt = System.nanoTime();
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wharf-node-lease[" + lease.name() + "]");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(200, TimeUnit.SECONDS.toMillis(leaseSeconds) / 3);
        thread.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try {
            if (connection == null) {
                connection = connections.open();
            }
            if (lost || !lease.renew(connection, pid)) {
                if (!lost) {
                    lose("its lease had lapsed when it renewed it");
                }
                lease.register(connection, host, pid);
                entries.reclaimFrom(connection, lease.name()); // dropped here when the lease was lost
                connection.commit();
                claims.workMayBeReady(-1);
                lost = false;
                LOG.info("node " + lease.name() + " is a member of the shared journal again");
            }
            renewedAt = System.nanoTime();
            if (failing) {
                failing = false;
                LOG.info("node " + lease.name() + " reaches the shared journal again");
            }
            reclaimDeadNodes();
        } catch (SQLException | SharedJournalException | RuntimeException e) {
            Connections.closeQuietly(connection);
            connection = null;
            LOG.log(failing ? Level.FINE : Level.WARNING, "node " + lease.name() + " cannot renew its lease on the"
                    + " shared journal; it keeps delivering what it holds until the lease would lapse", e);
            failing = true;
            if (!lost && System.nanoTime() - renewedAt > leaseNanos) {
                lose("it could not renew its lease for " + TimeUnit.NANOSECONDS.toSeconds(leaseNanos) + " s");
            }
        }
    }

    private void lose(String why) {
        lost = true;
        LOG.warning("node " + lease.name() + " lost its lease on the shared journal (" + why + "): it drops its"
                + " claims, and acknowledgements of messages it delivered before fail");
        claims.lost();
    }

    /** Another node's lapsed claims go back to everyone, and that node's row with them. */
    private void reclaimDeadNodes() throws SQLException {
        int back = 0;
        for (String dead : NodeLease.deadNodes(connection)) {
            if (dead.equals(lease.name())) {
                continue;
            }
            int n = entries.reclaimFrom(connection, dead);
            new SharedReservations().releaseAll(connection, dead);
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM wharf_node WHERE name = ?"
                    + " AND renewed < clock_timestamp() - lease_seconds * interval '1 second'")) {
                ps.setString(1, dead);
                ps.executeUpdate();
            }
            if (n > 0) {
                try (PreparedStatement ps = connection.prepareStatement("SELECT pg_notify('" + SharedWriter.CHANNEL
                        + "', '*')")) {
                    ps.execute();
                }
            }
            connection.commit();
            if (n > 0) {
                LOG.info(n + " message(s) held by node " + dead + ", whose lease lapsed, are back for every node");
            }
            back += n;
        }
        connection.commit(); // never left idle in a transaction: that would hold back vacuum
        if (back > 0) {
            claims.workMayBeReady(-1);
        }
    }

    /** Whether the lease is current: not lost, and renewed within the lease. */
    boolean holdsLease() {
        return !lost && System.nanoTime() - renewedAt <= leaseNanos;
    }

    /** Stops the heartbeat and leaves: the node's row goes, its name is free at once. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (connection == null) {
                connection = connections.open();
            }
            entries.reclaimFrom(connection, lease.name());
            new SharedReservations().releaseAll(connection, lease.name());
            lease.leave(connection);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "node " + lease.name() + " could not leave the shared journal; its messages go"
                    + " back to the others when its lease lapses", e);
        } finally {
            Connections.closeQuietly(connection);
            connection = null;
        }
    }
}
