package org.wharfmq.shared;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wharfmq.store.PreparedBranch;
import org.wharfmq.store.StoredEntry;

/**
 * Prepared XA branches in the shared journal, each the branch of one node ({@code wharf_xa.node}): its sends — the
 * messages are stored, their entries wait in {@code wharf_xa_entry} until the branch commits — and its
 * acknowledgements ({@code wharf_xa_ack}), whose entries stay claimed by that node and are never given to another
 * while the branch is in doubt, also when the node dies ({@link SharedEntries#reclaimFrom} passes them over). A node
 * restarted under the same name finds its branches again ({@link #preparedOf}) for its transaction manager's
 * recovery. Wharf keeps them in its own tables inside ordinary transactions, as the local journal does, so the
 * database's own two-phase commit ({@code max_prepared_transactions}) is not needed. Every method works in the
 * caller's transaction.
 */
final class SharedXa {

    void insertBranch(Connection c, long id, String node, int formatId, byte[] gtrid, byte[] bqual)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO wharf_xa(id, node, format_id, gtrid, bqual)"
                + " VALUES(?, ?, ?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, node);
            ps.setInt(3, formatId);
            ps.setBytes(4, gtrid);
            ps.setBytes(5, bqual);
            ps.executeUpdate();
        }
    }

    /** Records of one kind ({@code wharf_xa_entry} or {@code wharf_xa_ack}): {xaId, queueId, messageId}. */
    void insertRecords(Connection c, String table, List<long[]> records) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + "(xa_id, queue_id, message_id)"
                + " VALUES(?, ?, ?)")) {
            for (long[] r : records) {
                ps.setLong(1, r[0]);
                ps.setLong(2, r[1]);
                ps.setLong(3, r[2]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** A resolved branch: its records go (its sends' entries and acknowledged entries are the caller's). */
    void delete(Connection c, long id) throws SQLException {
        for (String sql : List.of("DELETE FROM wharf_xa_entry WHERE xa_id = ?", "DELETE FROM wharf_xa_ack WHERE xa_id = ?",
                "DELETE FROM wharf_xa WHERE id = ?")) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
        }
    }

    /** The prepared branches of {@code node}, with their sends (and the messages' dispatch fields) and acks. */
    List<PreparedBranch> preparedOf(Connection c, String node) throws SQLException {
        Map<Long, Object[]> heads = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, format_id, gtrid, bqual FROM wharf_xa"
                + " WHERE node = ? ORDER BY id")) {
            ps.setString(1, node);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    heads.put(rs.getLong(1), new Object[] {rs.getInt(2), rs.getBytes(3), rs.getBytes(4)});
                }
            }
        }
        List<PreparedBranch> out = new ArrayList<>();
        for (Map.Entry<Long, Object[]> h : heads.entrySet()) {
            long id = h.getKey();
            List<StoredEntry> sends = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT x.queue_id, x.message_id, m.priority, m.expiration,"
                    + " m.delivery_time, m.group_id, m.created FROM wharf_xa_entry x JOIN wharf_message m"
                    + " ON m.id = x.message_id WHERE x.xa_id = ? ORDER BY x.message_id, x.queue_id")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sends.add(new StoredEntry(rs.getLong(1), rs.getLong(2), 0, rs.getInt(3), rs.getLong(4),
                                rs.getLong(5), rs.getString(6), rs.getLong(7)));
                    }
                }
            }
            List<long[]> acks = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT queue_id, message_id FROM wharf_xa_ack"
                    + " WHERE xa_id = ? ORDER BY message_id")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        acks.add(new long[] {rs.getLong(1), rs.getLong(2)});
                    }
                }
            }
            Object[] head = h.getValue();
            out.add(new PreparedBranch(id, (Integer) head[0], (byte[]) head[1], (byte[]) head[2], sends, acks));
        }
        return out;
    }
}
