package org.wharfmq.shared;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The shared journal's tables in PostgreSQL, created by the first node that opens an empty database and checked by
 * every other. Nodes may start at the same moment: the schema is prepared under a transaction-scoped advisory lock,
 * and PostgreSQL's DDL is transactional, so the second node waits and then finds the complete schema.
 *
 * <ul>
 *   <li>{@code wharf_meta}: schema version and the journal's identity;</li>
 *   <li>{@code wharf_node}: the nodes and their leases ({@link NodeLease});</li>
 *   <li>{@code wharf_queue}: queues and durable subscriptions, one id per kind and name for every node, and
 *       {@code wharf_topic}: per topic, the version of its set of durable subscriptions ({@link SharedQueues});</li>
 *   <li>{@code wharf_message}: one row per stored message (its body and dispatch fields);</li>
 *   <li>{@code wharf_entry}: one row per message per queue or durable subscription, with its delivery count,
 *       visibility time and, while a node holds it, that node and the claim's token ({@link SharedEntries}). The
 *       rows churn (insert, claim, delete), so the table vacuums early and leaves room for updates in place;</li>
 *   <li>{@code wharf_reservation}: client IDs and unshared durable subscriptions' consumers, one live node each
 *       ({@link SharedReservations});</li>
 *   <li>{@code wharf_group}: which node delivers a message group of a queue ({@link SharedEntries#claim});</li>
 *   <li>{@code wharf_xa}, {@code wharf_xa_entry}, {@code wharf_xa_ack}: prepared XA branches ({@link SharedXa}).</li>
 * </ul>
 */
public final class SharedSchema {

    /** The schema this code writes; a database with a higher version is refused. */
    public static final int VERSION = 1;

    /** The advisory lock (any constant of Wharf's own) under which a node prepares the schema. */
    private static final long SCHEMA_LOCK = 0x5748_4152_4601L;

    private static final List<String> CREATE = List.of(
            "CREATE TABLE wharf_meta(name text PRIMARY KEY, val text NOT NULL)",
            "CREATE TABLE wharf_node(name text PRIMARY KEY, host text NOT NULL, pid bigint NOT NULL,"
                    + " started timestamptz NOT NULL, renewed timestamptz NOT NULL, lease_seconds int NOT NULL)",
            "CREATE TABLE wharf_queue(id bigint PRIMARY KEY, kind char(1) NOT NULL, name text NOT NULL, topic text,"
                    + " client_id text, subscription_name text, selector text, no_local boolean NOT NULL,"
                    + " shared boolean NOT NULL, UNIQUE(kind, name))",
            "CREATE INDEX wharf_queue_topic ON wharf_queue(topic) WHERE topic IS NOT NULL",
            "CREATE TABLE wharf_topic(name text PRIMARY KEY, version bigint NOT NULL)",
            "CREATE TABLE wharf_message(id bigint PRIMARY KEY, priority smallint NOT NULL, expiration bigint NOT NULL,"
                    + " delivery_time bigint NOT NULL, group_id text, body bytea NOT NULL, created bigint NOT NULL,"
                    + " note text)",
            "CREATE TABLE wharf_entry(queue_id bigint NOT NULL, message_id bigint NOT NULL, priority smallint NOT NULL,"
                    + " visible_at bigint NOT NULL, delivery_count int NOT NULL DEFAULT 0, claim_token bigint,"
                    + " claimed_by text, group_id text, PRIMARY KEY(queue_id, message_id))"
                    + " WITH (fillfactor = 80, autovacuum_vacuum_scale_factor = 0.01)",
            // a message group's entries in send order: whether an entry is the head of its group
            "CREATE INDEX wharf_entry_group ON wharf_entry(queue_id, group_id, message_id) WHERE group_id IS NOT NULL",
            // which node delivers a message group of a queue (JMSXGroupID): one in the cluster at a time
            "CREATE TABLE wharf_group(queue_id bigint NOT NULL, group_id text NOT NULL, node text NOT NULL,"
                    + " PRIMARY KEY(queue_id, group_id))",
            "CREATE INDEX wharf_group_node ON wharf_group(node)",
            // names one live node at a time holds: client IDs, unshared durable subscriptions' consumers
            "CREATE TABLE wharf_reservation(kind text NOT NULL, name text NOT NULL, node text NOT NULL,"
                    + " PRIMARY KEY(kind, name))",
            "CREATE INDEX wharf_reservation_node ON wharf_reservation(node)",
            // the claim's shape: the ready entries of one queue in delivery order (priority, then send order)
            "CREATE INDEX wharf_entry_ready ON wharf_entry(queue_id, priority DESC, message_id)"
                    + " WHERE claim_token IS NULL",
            "CREATE INDEX wharf_entry_claimed ON wharf_entry(claimed_by) WHERE claimed_by IS NOT NULL",
            "CREATE INDEX wharf_entry_message ON wharf_entry(message_id)",
            // prepared XA branches, each of one node (SharedXa)
            "CREATE TABLE wharf_xa(id bigint PRIMARY KEY, node text NOT NULL, format_id int NOT NULL,"
                    + " gtrid bytea NOT NULL, bqual bytea NOT NULL)",
            "CREATE INDEX wharf_xa_node ON wharf_xa(node)",
            "CREATE TABLE wharf_xa_entry(xa_id bigint NOT NULL, queue_id bigint NOT NULL, message_id bigint NOT NULL,"
                    + " PRIMARY KEY(xa_id, queue_id, message_id))",
            "CREATE TABLE wharf_xa_ack(xa_id bigint NOT NULL, queue_id bigint NOT NULL, message_id bigint NOT NULL,"
                    + " PRIMARY KEY(xa_id, queue_id, message_id))",
            "CREATE INDEX wharf_xa_ack_entry ON wharf_xa_ack(queue_id, message_id)",
            // ids are handed out in blocks, so that a node asks for one per thousand messages
            "CREATE SEQUENCE wharf_id INCREMENT BY " + SharedIds.BLOCK);

    private SharedSchema() {
    }

    /**
     * Creates the schema in an empty database, or checks an existing one; refuses a database that would not keep
     * a commit ({@code synchronous_commit} off) unless {@code allowAsynchronousCommit}, and a newer schema. Returns
     * the journal's identity. Commits on {@code c}.
     */
    public static String prepare(Connection c, boolean allowAsynchronousCommit)
            throws SQLException, SharedJournalException {
        c.setAutoCommit(false);
        String sync = setting(c, "synchronous_commit");
        if (sync.equals("off") && !allowAsynchronousCommit) {
            c.rollback();
            throw new SharedJournalException("the PostgreSQL database runs with synchronous_commit = off, so a commit"
                    + " that returned can be lost in a crash of the database server; Wharf stores a persistent message"
                    + " only once it is durable: set synchronous_commit to on (or local, remote_write, remote_apply)");
        }
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
            boolean exists;
            try (ResultSet rs = s.executeQuery("SELECT to_regclass('wharf_meta') IS NOT NULL")) {
                rs.next();
                exists = rs.getBoolean(1);
            }
            if (!exists) {
                for (String ddl : CREATE) {
                    s.execute(ddl);
                }
                String id = java.util.UUID.randomUUID().toString();
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO wharf_meta(name, val) VALUES(?, ?)")) {
                    ps.setString(1, "schema.version");
                    ps.setString(2, String.valueOf(VERSION));
                    ps.addBatch();
                    ps.setString(1, "journal.id");
                    ps.setString(2, id);
                    ps.addBatch();
                    ps.executeBatch();
                }
                c.commit();
                return id;
            }
            int version = Integer.parseInt(meta(c, "schema.version"));
            if (version > VERSION) {
                c.rollback();
                throw new SharedJournalException("the shared journal was written by a newer Wharf (schema version "
                        + version + "; this Wharf understands up to " + VERSION + "): upgrade Wharf on every node");
            }
            String id = meta(c, "journal.id");
            c.commit();
            return id;
        }
    }

    private static String setting(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT current_setting(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static String meta(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT val FROM wharf_meta WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
