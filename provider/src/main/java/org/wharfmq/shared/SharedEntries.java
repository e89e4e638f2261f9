package org.wharfmq.shared;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Messages and their entries in the shared journal, and how nodes compete for them: an entry is ready when no node
 * holds it and its visibility time has passed (a delivery delay or a redelivery delay is a visibility time, not a
 * timer of some node); a node claims a batch of ready entries of a queue in delivery order with
 * {@code FOR UPDATE SKIP LOCKED}, so claimers never wait for each other, stamping its name, a fresh token and the
 * next delivery count; it then settles each (the entry is gone, and the message with its last entry) or releases it
 * (ready again, maybe later). Settling and releasing check the token, so a node that lost its claims changes
 * nothing: they answer false. A dead node's claims become ready again with their delivery counts kept, so the next
 * delivery is marked redelivered. Every method works in the caller's transaction and commits nothing.
 */
public final class SharedEntries {

    /** Now in epoch milliseconds, by the database's clock. */
    private static final String NOW = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

    private final SecureRandom tokens = new SecureRandom();

    /** A message to store: its dispatch fields, its encoded form, and the queues it goes to. */
    public record NewMessage(long id, int priority, long expiration, long deliveryTime, String groupId, byte[] body,
                             long created, List<Long> queueIds) {
    }

    /** Stores messages and their entries; an entry is visible at the message's delivery time (0: at once). */
    public void append(Connection c, List<NewMessage> messages) throws SQLException {
        if (messages.isEmpty()) {
            return; // a group of acknowledgements only
        }
        try (PreparedStatement m = c.prepareStatement("INSERT INTO wharf_message(id, priority, expiration,"
                + " delivery_time, group_id, body, created) VALUES(?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement e = c.prepareStatement("INSERT INTO wharf_entry(queue_id, message_id, priority,"
                     + " visible_at, group_id) VALUES(?, ?, ?, ?, ?)")) {
            for (NewMessage n : messages) {
                m.setLong(1, n.id());
                m.setInt(2, n.priority());
                m.setLong(3, n.expiration());
                m.setLong(4, n.deliveryTime());
                m.setString(5, n.groupId());
                m.setBytes(6, n.body());
                m.setLong(7, n.created());
                m.addBatch();
                for (long q : n.queueIds()) {
                    e.setLong(1, q);
                    e.setLong(2, n.id());
                    e.setInt(3, n.priority());
                    e.setLong(4, n.deliveryTime());
                    e.setString(5, n.groupId());
                    e.addBatch();
                }
            }
            m.executeBatch();
            e.executeBatch();
        }
    }

    /**
     * Claims up to {@code max} ready entries of {@code queueId} for {@code node}, the first in delivery order
     * (higher priority first, then send order) that no other claimer has locked; empty if none is ready.
     */
    public ClaimBatch claim(Connection c, long queueId, String node, int max) throws SQLException {
        return claim(c, queueId, node, max, new long[0], null);
    }

    /**
     * As {@link #claim(Connection, long, String, int)}, passing over the messages {@code passOver} and, if
     * {@code after} is not null, every entry up to that position in delivery order.
     */
    public ClaimBatch claim(Connection c, long queueId, String node, int max, long[] passOver,
                            org.wharfmq.store.EntrySource.Position after) throws SQLException {
        long token = tokens.nextLong() & Long.MAX_VALUE;
        List<ClaimBatch.Claimed> claimed = new ArrayList<>();
        // A message group (JMSXGroupID) is delivered by one node at a time: an entry of a group another node owns
        // is passed over, and an entry of a group nobody owns only if it is the group's first (so that the order
        // within the group holds across nodes); claiming it makes this node the owner (wharf_group).
        try (PreparedStatement ps = c.prepareStatement("WITH ready AS (SELECT e.queue_id, e.message_id FROM wharf_entry e"
                + " WHERE e.queue_id = ? AND e.claim_token IS NULL AND e.visible_at <= " + NOW
                + " AND (e.group_id IS NULL OR EXISTS (SELECT 1 FROM wharf_group g WHERE g.queue_id = e.queue_id"
                + " AND g.group_id = e.group_id AND g.node = ?) OR (NOT EXISTS (SELECT 1 FROM wharf_group g"
                + " WHERE g.queue_id = e.queue_id AND g.group_id = e.group_id) AND NOT EXISTS (SELECT 1 FROM wharf_entry f"
                + " WHERE f.queue_id = e.queue_id AND f.group_id = e.group_id AND f.message_id < e.message_id)))"
                + (passOver.length == 0 ? "" : " AND NOT (e.message_id = ANY(?))")
                + (after == null ? "" : " AND (e.priority < ? OR (e.priority = ? AND e.message_id > ?))")
                + " ORDER BY e.priority DESC, e.message_id LIMIT ? FOR UPDATE SKIP LOCKED),"
                + " claimed AS (UPDATE wharf_entry e SET claim_token = ?, claimed_by = ?,"
                + " delivery_count = e.delivery_count + 1"
                + " FROM ready WHERE e.queue_id = ready.queue_id AND e.message_id = ready.message_id"
                + " RETURNING e.message_id, e.delivery_count, e.group_id),"
                + " owned AS (INSERT INTO wharf_group(queue_id, group_id, node) SELECT DISTINCT ?, group_id, ?"
                + " FROM claimed WHERE group_id IS NOT NULL ON CONFLICT (queue_id, group_id) DO NOTHING)"
                + " SELECT c.message_id, m.priority, c.delivery_count, m.expiration, m.delivery_time, m.group_id,"
                + " m.created, m.body FROM claimed c JOIN wharf_message m ON m.id = c.message_id")) {
            int i = 1;
            ps.setLong(i++, queueId);
            ps.setString(i++, node);
            if (passOver.length > 0) {
                Long[] boxed = new Long[passOver.length];
                for (int k = 0; k < passOver.length; k++) {
                    boxed[k] = passOver[k];
                }
                ps.setArray(i++, c.createArrayOf("bigint", boxed));
            }
            if (after != null) {
                ps.setInt(i++, after.priority());
                ps.setInt(i++, after.priority());
                ps.setLong(i++, after.messageId());
            }
            ps.setInt(i++, max);
            ps.setLong(i++, token);
            ps.setString(i++, node);
            ps.setLong(i++, queueId);
            ps.setString(i, node);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new ClaimBatch.Claimed(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getLong(4),
                            rs.getLong(5), rs.getString(6), rs.getLong(7), rs.getBytes(8)));
                }
            }
        }
        // RETURNING keeps no order
        claimed.sort(Comparator.comparingInt((ClaimBatch.Claimed x) -> -x.priority())
                .thenComparingLong(ClaimBatch.Claimed::messageId));
        return new ClaimBatch(queueId, token, claimed);
    }

    /**
     * Settles a claimed entry: it is gone, and its message with it if that was the message's last entry. False if
     * the token no longer holds the entry (the claim was lost): nothing changed.
     */
    public boolean settle(Connection c, long queueId, long messageId, long token) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM wharf_entry"
                + " WHERE queue_id = ? AND message_id = ? AND claim_token = ?")) {
            ps.setLong(1, queueId);
            ps.setLong(2, messageId);
            ps.setLong(3, token);
            if (ps.executeUpdate() != 1) {
                return false;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM wharf_message m WHERE m.id = ?"
                + " AND NOT EXISTS (SELECT 1 FROM wharf_entry e WHERE e.message_id = m.id)")) {
            ps.setLong(1, messageId);
            ps.executeUpdate();
        }
        return true;
    }

    /**
     * Gives a claimed entry back, ready again after {@code delayMillis}, its delivery count kept. False if the
     * token no longer holds the entry: nothing changed.
     */
    public boolean release(Connection c, long queueId, long messageId, long token, long delayMillis)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE wharf_entry SET claim_token = NULL, claimed_by = NULL,"
                + " visible_at = " + NOW + " + ? WHERE queue_id = ? AND message_id = ? AND claim_token = ?")) {
            ps.setLong(1, Math.max(0, delayMillis));
            ps.setLong(2, queueId);
            ps.setLong(3, messageId);
            ps.setLong(4, token);
            return ps.executeUpdate() == 1;
        }
    }

    /** A claimed entry named with the token of its claim. */
    public record ClaimedKey(long queueId, long messageId, long token) {
    }

    /**
     * Settles claimed entries in one batch (see {@link #settle}); returns the ones whose claim was lost (nothing was
     * changed for them). Their messages go with their last entries ({@link #deleteUnreferenced}).
     */
    public List<ClaimedKey> settleAll(Connection c, List<ClaimedKey> keys) throws SQLException {
        List<ClaimedKey> lost = new ArrayList<>();
        if (keys.isEmpty()) {
            return lost;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM wharf_entry"
                + " WHERE queue_id = ? AND message_id = ? AND claim_token = ?")) {
            for (ClaimedKey k : keys) {
                ps.setLong(1, k.queueId());
                ps.setLong(2, k.messageId());
                ps.setLong(3, k.token());
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] != 1) {
                    lost.add(keys.get(i));
                }
            }
        }
        return lost;
    }

    /** Deletes the messages among {@code messageIds} that no entry refers to any more. */
    public void deleteUnreferenced(Connection c, java.util.Collection<Long> messageIds) throws SQLException {
        if (messageIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM wharf_message m WHERE m.id = ?"
                + " AND NOT EXISTS (SELECT 1 FROM wharf_entry e WHERE e.message_id = m.id)")) {
            for (long id : messageIds) {
                ps.setLong(1, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Sets the delivery counts of claimed entries (a redelivery on the claiming node, or a count taken back); an
     * entry whose claim was lost is left alone. {@code atLeast}: never lowers a count.
     */
    public void setCounts(Connection c, List<ClaimedKey> keys, List<Integer> counts, boolean atLeast)
            throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE wharf_entry SET delivery_count = "
                + (atLeast ? "GREATEST(delivery_count, ?)" : "?")
                + " WHERE queue_id = ? AND message_id = ? AND claim_token = ?")) {
            for (int i = 0; i < keys.size(); i++) {
                ClaimedKey k = keys.get(i);
                ps.setInt(1, counts.get(i));
                ps.setLong(2, k.queueId());
                ps.setLong(3, k.messageId());
                ps.setLong(4, k.token());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Gives claimed entries back in one batch: ready for every node at {@code visibleAt} (epoch millis; 0 or past:
     * at once), with the delivery count given. An entry whose claim was lost is left alone.
     */
    public void giveBackAll(Connection c, List<ClaimedKey> keys, List<Integer> counts, List<Long> visibleAt)
            throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE wharf_entry SET claim_token = NULL, claimed_by = NULL,"
                + " delivery_count = ?, visible_at = ? WHERE queue_id = ? AND message_id = ? AND claim_token = ?")) {
            for (int i = 0; i < keys.size(); i++) {
                ClaimedKey k = keys.get(i);
                ps.setInt(1, counts.get(i));
                ps.setLong(2, visibleAt.get(i));
                ps.setLong(3, k.queueId());
                ps.setLong(4, k.messageId());
                ps.setLong(5, k.token());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Deletes a queue's (or durable subscription's) entries, and the messages left without one. */
    public void deleteQueueEntries(Connection c, long queueId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("WITH gone AS (DELETE FROM wharf_entry WHERE queue_id = ?"
                + " RETURNING message_id) DELETE FROM wharf_message m USING gone WHERE m.id = gone.message_id"
                + " AND NOT EXISTS (SELECT 1 FROM wharf_entry e WHERE e.message_id = m.id AND e.queue_id <> ?)")) {
            ps.setLong(1, queueId);
            ps.setLong(2, queueId);
            ps.executeUpdate();
        }
    }

    /**
     * Makes every entry a dead node held ready again, delivery counts kept (their next delivery is a redelivery);
     * returns how many.
     */
    public int reclaimFrom(Connection c, String deadNode) throws SQLException {
        releaseGroups(c, deadNode, -1);
        // an entry a prepared XA branch acknowledged stays with its node until the branch is resolved
        try (PreparedStatement ps = c.prepareStatement("UPDATE wharf_entry e SET claim_token = NULL, claimed_by = NULL"
                + " WHERE claimed_by = ? AND NOT EXISTS (SELECT 1 FROM wharf_xa_ack a"
                + " WHERE a.queue_id = e.queue_id AND a.message_id = e.message_id)")) {
            ps.setString(1, deadNode);
            return ps.executeUpdate();
        }
    }

    /** The message groups {@code node} owns, of one queue (or of all when -1), go to whoever claims them next. */
    public void releaseGroups(Connection c, String node, long queueId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM wharf_group WHERE node = ?"
                + (queueId < 0 ? "" : " AND queue_id = ?"))) {
            ps.setString(1, node);
            if (queueId >= 0) {
                ps.setLong(2, queueId);
            }
            ps.executeUpdate();
        }
    }

    /** Entries of messages stored earlier (a prepared XA branch's sends, when it commits): ready at once. */
    public void insertEntriesFor(Connection c, List<long[]> queueAndMessage) throws SQLException {
        if (queueAndMessage.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO wharf_entry(queue_id, message_id, priority,"
                + " visible_at, group_id) SELECT ?, m.id, m.priority, m.delivery_time, m.group_id FROM wharf_message m"
                + " WHERE m.id = ?")) {
            for (long[] qm : queueAndMessage) {
                ps.setLong(1, qm[0]);
                ps.setLong(2, qm[1]);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] != 1) {
                    throw new SQLException("message " + queueAndMessage.get(i)[1] + " is missing from the shared journal");
                }
            }
        }
    }

    /**
     * The entry {@code node} holds for a prepared XA branch, with its claim's token and its message; null if there is
     * none.
     */
    public ClaimBatch held(Connection c, String node, long queueId, long messageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT e.claim_token, m.priority, e.delivery_count,"
                + " m.expiration, m.delivery_time, m.group_id, m.created, m.body FROM wharf_entry e"
                + " JOIN wharf_message m ON m.id = e.message_id"
                + " WHERE e.queue_id = ? AND e.message_id = ? AND e.claimed_by = ?")) {
            ps.setLong(1, queueId);
            ps.setLong(2, messageId);
            ps.setString(3, node);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new ClaimBatch(queueId, rs.getLong(1), List.of(new ClaimBatch.Claimed(messageId, rs.getInt(2),
                        rs.getInt(3), rs.getLong(4), rs.getLong(5), rs.getString(6), rs.getLong(7), rs.getBytes(8))));
            }
        }
    }

    /** The ready entries of a queue (no node holds them, their visibility time has passed), in delivery order. */
    public List<org.wharfmq.store.StoredEntry> ready(Connection c, long queueId) throws SQLException {
        List<org.wharfmq.store.StoredEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT e.message_id, e.delivery_count, m.priority,"
                + " m.expiration, m.delivery_time, m.group_id, m.created FROM wharf_entry e"
                + " JOIN wharf_message m ON m.id = e.message_id WHERE e.queue_id = ? AND e.claim_token IS NULL"
                + " AND e.visible_at <= " + NOW + " ORDER BY e.priority DESC, e.message_id")) {
            ps.setLong(1, queueId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new org.wharfmq.store.StoredEntry(queueId, rs.getLong(1), rs.getInt(2), rs.getInt(3),
                            rs.getLong(4), rs.getLong(5), rs.getString(6), rs.getLong(7)));
                }
            }
        }
        return out;
    }

    /** The stored form of a message, or null if it is gone. */
    public byte[] body(Connection c, long messageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT body FROM wharf_message WHERE id = ?")) {
            ps.setLong(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }

    /** Entries of a queue: ready ones, and all of them. */
    public long[] depth(Connection c, long queueId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FILTER (WHERE claim_token IS NULL),"
                + " count(*) FROM wharf_entry WHERE queue_id = ?")) {
            ps.setLong(1, queueId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }
}
