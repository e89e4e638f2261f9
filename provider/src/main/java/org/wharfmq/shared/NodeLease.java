package org.wharfmq.shared;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A node of the shared journal: one row of {@code wharf_node} with the node's name (unique among live nodes), host,
 * pid and a lease it renews by a heartbeat. A node whose lease has lapsed is dead: its claims go back to the
 * others ({@link SharedEntries#reclaimFrom}) and its name may be taken. Times are the database's clock, never a
 * node's, so that nodes with skewed clocks agree.
 */
public final class NodeLease {

    private final String name;
    private final int leaseSeconds;

    public NodeLease(String name, int leaseSeconds) {
        this.name = name;
        this.leaseSeconds = leaseSeconds;
    }

    public String name() {
        return name;
    }

    /**
     * Registers the node: its row is created, or taken over if the node of that name is dead; refused while a live
     * node has the name. Commits on {@code c}.
     */
    public void register(Connection c, String host, long pid) throws SQLException, SharedJournalException {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO wharf_node(name, host, pid, started, renewed,"
                + " lease_seconds) VALUES(?, ?, ?, clock_timestamp(), clock_timestamp(), ?)"
                + " ON CONFLICT (name) DO UPDATE SET host = EXCLUDED.host, pid = EXCLUDED.pid,"
                + " started = EXCLUDED.started, renewed = EXCLUDED.renewed, lease_seconds = EXCLUDED.lease_seconds"
                + " WHERE wharf_node.renewed < clock_timestamp() - wharf_node.lease_seconds * interval '1 second'")) {
            ps.setString(1, name);
            ps.setString(2, host);
            ps.setLong(3, pid);
            ps.setInt(4, leaseSeconds);
            if (ps.executeUpdate() == 1) {
                c.commit();
                return;
            }
        }
        if (takeOverDeadProcess(c, host, pid)) {
            c.commit();
            return;
        }
        String holder = describe(c);
        c.rollback();
        throw new SharedJournalException("node name '" + name + "' is in use by a live node (" + holder + "): give"
                + " each node its own nodeName");
    }

    /**
     * The name's holder ran on this host and its process is gone (a crash, and a restart under the same name): it is
     * known dead without waiting for its lease to lapse.
     */
    private boolean takeOverDeadProcess(Connection c, String host, long pid) throws SQLException {
        long holderPid;
        try (PreparedStatement ps = c.prepareStatement("SELECT pid FROM wharf_node WHERE name = ? AND host = ?")) {
            ps.setString(1, name);
            ps.setString(2, host);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                holderPid = rs.getLong(1);
            }
        }
        if (holderPid == pid || ProcessHandle.of(holderPid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE wharf_node SET pid = ?, started = clock_timestamp(),"
                + " renewed = clock_timestamp(), lease_seconds = ? WHERE name = ? AND host = ? AND pid = ?")) {
            ps.setLong(1, pid);
            ps.setInt(2, leaseSeconds);
            ps.setString(3, name);
            ps.setString(4, host);
            ps.setLong(5, holderPid);
            return ps.executeUpdate() == 1;
        }
    }

    /** Renews the lease; false if the row is gone or no longer this node's (it was taken after a lapse). */
    public boolean renew(Connection c, long pid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE wharf_node SET renewed = clock_timestamp()"
                + " WHERE name = ? AND pid = ? AND renewed >= clock_timestamp() - lease_seconds * interval '1 second'")) {
            ps.setString(1, name);
            ps.setLong(2, pid);
            boolean renewed = ps.executeUpdate() == 1;
            c.commit();
            return renewed;
        }
    }

    /** The nodes whose lease has lapsed. */
    public static List<String> deadNodes(Connection c) throws SQLException {
        List<String> dead = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name FROM wharf_node"
                + " WHERE renewed < clock_timestamp() - lease_seconds * interval '1 second' ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                dead.add(rs.getString(1));
            }
        }
        return dead;
    }

    /** Leaves at a clean close: the row goes, so the name is free at once. Commits on {@code c}. */
    public void leave(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM wharf_node WHERE name = ?")) {
            ps.setString(1, name);
            ps.executeUpdate();
            c.commit();
        }
    }

    private String describe(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT host, pid, started,"
                + " extract(epoch from clock_timestamp() - renewed)::int FROM wharf_node WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? "host " + rs.getString(1) + ", pid " + rs.getLong(2) + ", since "
                        + rs.getObject(3, java.time.OffsetDateTime.class) + ", last heartbeat " + rs.getInt(4)
                        + " s ago" : "gone meanwhile";
            }
        }
    }
}
