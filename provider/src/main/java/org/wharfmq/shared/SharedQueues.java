package org.wharfmq.shared;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.wharfmq.store.EntrySource;
import org.wharfmq.store.QueueRecord;

/**
 * The registry every node shares: queues and durable subscriptions ({@code wharf_queue}, one id per kind and name),
 * and per topic a version of its set of durable subscriptions ({@code wharf_topic}), raised by every creation and
 * deletion of one. A publish names the version its routing was made for; {@link #checkRouting} takes a share lock
 * on the topic's row, so a subscription made concurrently waits for the publish to commit and is then strictly
 * after it, and a publish routed on an older set is refused. Every method works in the caller's transaction.
 */
final class SharedQueues {

    /** The channel on which a node tells the others that a topic's subscriptions changed. */
    static final String CHANNEL = "wharf_registry";

    private static final String COLUMNS = "id, kind, name, topic, client_id, subscription_name, selector, no_local,"
            + " shared";

    /** Every queue and durable subscription, in id order. */
    List<QueueRecord> all(Connection c) throws SQLException {
        List<QueueRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM wharf_queue ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(record(rs));
            }
        }
        return out;
    }

    /**
     * Stores {@code p} under a new id unless one of its kind and name exists; returns the stored one. A new durable
     * subscription raises its topic's version and tells the other nodes.
     */
    QueueRecord define(Connection c, QueueRecord p) throws SQLException {
        int inserted;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO wharf_queue(" + COLUMNS + ")"
                + " VALUES(nextval('wharf_id'), ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, name) DO NOTHING")) {
            ps.setString(1, String.valueOf(p.kind()));
            ps.setString(2, p.name());
            ps.setString(3, p.topic());
            ps.setString(4, p.clientId());
            ps.setString(5, p.subscriptionName());
            ps.setString(6, p.selector());
            ps.setBoolean(7, p.noLocal());
            ps.setBoolean(8, p.shared());
            inserted = ps.executeUpdate();
        }
        if (inserted == 1 && p.kind() == QueueRecord.DURABLE_SUBSCRIPTION) {
            changed(c, p.topic());
        }
        return find(c, p.kind(), p.name());
    }

    QueueRecord find(Connection c, char kind, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM wharf_queue"
                + " WHERE kind = ? AND name = ?")) {
            ps.setString(1, String.valueOf(kind));
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? record(rs) : null;
            }
        }
    }

    /**
     * The topic's durable subscriptions and their version. The version is read first: a subscription made in
     * between is then in the list with the older version, so the next publish is refused and reloads — never the
     * other way round, a newer version without the new subscription.
     */
    EntrySource.TopicSubscriptions subscriptionsOf(Connection c, String topic) throws SQLException {
        long version = version(c, topic, false);
        List<QueueRecord> subs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM wharf_queue"
                + " WHERE kind = ? AND topic = ? ORDER BY id")) {
            ps.setString(1, String.valueOf(QueueRecord.DURABLE_SUBSCRIPTION));
            ps.setString(2, topic);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    subs.add(record(rs));
                }
            }
        }
        return new EntrySource.TopicSubscriptions(version, subs);
    }

    /** True if the topic's subscriptions are still those of {@code version}; holds a share lock until commit. */
    boolean checkRouting(Connection c, String topic, long version) throws SQLException {
        return version(c, topic, true) == version;
    }

    /** Deletes a queue or durable subscription with its entries (and the messages left without one). */
    void delete(Connection c, SharedEntries entries, long queueId) throws SQLException {
        String topic = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT kind, topic FROM wharf_queue WHERE id = ?")) {
            ps.setLong(1, queueId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getString(1).charAt(0) == QueueRecord.DURABLE_SUBSCRIPTION) {
                    topic = rs.getString(2);
                }
            }
        }
        entries.deleteQueueEntries(c, queueId);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM wharf_queue WHERE id = ?")) {
            ps.setLong(1, queueId);
            ps.executeUpdate();
        }
        if (topic != null) {
            changed(c, topic);
        }
    }

    private static long version(Connection c, String topic, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM wharf_topic WHERE name = ?"
                + (lock ? " FOR SHARE" : ""))) {
            ps.setString(1, topic);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static void changed(Connection c, String topic) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO wharf_topic(name, version) VALUES(?, 1)"
                + " ON CONFLICT (name) DO UPDATE SET version = wharf_topic.version + 1")) {
            ps.setString(1, topic);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
            ps.setString(1, topic);
            ps.execute();
        }
    }

    private static QueueRecord record(ResultSet rs) throws SQLException {
        return new QueueRecord(rs.getLong(1), rs.getString(2).charAt(0), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8), rs.getBoolean(9));
    }
}
