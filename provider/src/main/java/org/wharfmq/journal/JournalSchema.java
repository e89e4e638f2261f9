package org.wharfmq.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** The journal's tables when it opens: created, upgraded from an older version, or refused if newer. */
final class JournalSchema {

    private JournalSchema() {
    }

    /**
     * Creates the schema in an empty database, or upgrades an older one in place; refuses a newer one. Returns the
     * journal's identity.
     */
    static String prepare(Connection c, SqlDialect dialect, String configuredUrl) throws SQLException, JournalException {
        c.setAutoCommit(false);
        boolean exists;
        try (ResultSet rs = c.getMetaData().getTables(null, null, "WHARF_META", null)) {
            exists = rs.next();
        }
        if (!exists) {
            try (Statement s = c.createStatement()) {
                for (String ddl : dialect.createSchema()) {
                    s.execute(ddl);
                }
            }
            String id = UUID.randomUUID().toString();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO WHARF_META(NAME, VAL) VALUES(?, ?)")) {
                ps.setString(1, "schema.version");
                ps.setString(2, String.valueOf(Journal.SCHEMA_VERSION));
                ps.executeUpdate();
                ps.setString(1, "journal.id");
                ps.setString(2, id);
                ps.executeUpdate();
            }
            c.commit();
            dialect.forceToDisk(c);
            return id;
        }
        String version = meta(c, "schema.version");
        int v;
        try {
            v = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw new JournalException("journal " + configuredUrl + " has an unreadable schema version '" + version + "'");
        }
        if (v > Journal.SCHEMA_VERSION) {
            throw new JournalException("journal " + configuredUrl + " was written by a newer Wharf (schema version " + v
                    + "; this Wharf understands up to " + Journal.SCHEMA_VERSION + "): upgrade Wharf to open it");
        }
        for (int to = v + 1; to <= Journal.SCHEMA_VERSION; to++) {
            try (Statement s = c.createStatement()) {
                for (String ddl : dialect.migrateTo(to)) {
                    s.execute(ddl);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE WHARF_META SET VAL = ? WHERE NAME = 'schema.version'")) {
                ps.setString(1, String.valueOf(to));
                ps.executeUpdate();
            }
            c.commit();
            dialect.forceToDisk(c);
        }
        c.commit();
        return meta(c, "journal.id");
    }

    /** A message whose last entry was deleted in an earlier group may remain after a crash; it is garbage. */
    static void collectGarbage(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM WHARF_MESSAGE M WHERE NOT EXISTS"
                    + " (SELECT 1 FROM WHARF_ENTRY E WHERE E.MESSAGE_ID = M.ID) AND NOT EXISTS"
                    + " (SELECT 1 FROM WHARF_XA_ENTRY X WHERE X.MESSAGE_ID = M.ID)");
        }
        c.commit();
    }

    private static String meta(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT VAL FROM WHARF_META WHERE NAME = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
