package org.wharfmq.shared;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Names that one live node at a time may hold ({@code wharf_reservation}): a connection's client identifier (JMS
 * 3.1 §6.1.2: unique among the connections of the cluster) and the one active consumer of an unshared durable
 * subscription (§8.3.3). A reservation of a node whose lease has lapsed is free; a node's reservations go when it
 * leaves, when its death is noticed, and when it registers again. Every method works in the caller's transaction.
 */
final class SharedReservations {

    /**
     * Reserves {@code name} of {@code kind} for {@code node}; null if it did (or already had it), else the node that
     * holds it.
     */
    String reserve(Connection c, String kind, String name, String node) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO wharf_reservation(kind, name, node) VALUES(?, ?, ?)"
                + " ON CONFLICT (kind, name) DO UPDATE SET node = EXCLUDED.node WHERE wharf_reservation.node = EXCLUDED.node"
                + " OR NOT EXISTS (SELECT 1 FROM wharf_node n WHERE n.name = wharf_reservation.node"
                + " AND n.renewed >= clock_timestamp() - n.lease_seconds * interval '1 second')")) {
            ps.setString(1, kind);
            ps.setString(2, name);
            ps.setString(3, node);
            if (ps.executeUpdate() == 1) {
                return null;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT node FROM wharf_reservation WHERE kind = ? AND name = ?")) {
            ps.setString(1, kind);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "another node";
            }
        }
    }

    void release(Connection c, String kind, String name, String node) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM wharf_reservation WHERE kind = ? AND name = ?"
                + " AND node = ?")) {
            ps.setString(1, kind);
            ps.setString(2, name);
            ps.setString(3, node);
            ps.executeUpdate();
        }
    }

    /** Every reservation of {@code node} (it left, died, or starts again). */
    void releaseAll(Connection c, String node) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM wharf_reservation WHERE node = ?")) {
            ps.setString(1, node);
            ps.executeUpdate();
        }
    }
}
