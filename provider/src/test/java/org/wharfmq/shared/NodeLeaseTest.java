package org.wharfmq.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.support.Postgres;

/** Nodes of the shared journal: unique names among live nodes, leases judged by the database's clock. */
class NodeLeaseTest {

    @RegisterExtension
    final Postgres postgres = new Postgres();

    @BeforeEach
    void schema() throws Exception {
        try (Connection c = postgres.connect()) {
            SharedSchema.prepare(c, false);
        }
    }

    /** What the database sees when a node has not renewed for an hour. */
    private static void lapse(Connection c, String node) throws Exception {
        c.createStatement().executeUpdate("UPDATE wharf_node SET renewed = renewed - interval '1 hour' WHERE name = '"
                + node + "'");
        c.commit();
    }

    @Test
    @DisplayName("a node name a live node holds is refused, naming that node")
    void liveNameIsRefused() throws Exception {
        try (Connection c = postgres.connect()) {
            new NodeLease("a", 30).register(c, "host-1", 101);
            SharedJournalException e = assertThrows(SharedJournalException.class,
                    () -> new NodeLease("a", 30).register(c, "host-2", 202));
            assertTrue(e.getMessage().contains("'a' is in use by a live node (host host-1, pid 101"), e.getMessage());
            assertTrue(new NodeLease("a", 30).renew(c, 101), "the live node renews");
        }
    }

    @Test
    @DisplayName("a node whose lease lapsed is dead: listed as such, its name may be taken, and it can no longer renew")
    void lapsedNodeIsDead() throws Exception {
        try (Connection c = postgres.connect()) {
            NodeLease first = new NodeLease("a", 30);
            first.register(c, "host-1", 101);
            new NodeLease("b", 30).register(c, "host-2", 202);
            assertEquals(List.of(), NodeLease.deadNodes(c));
            lapse(c, "a");
            assertEquals(List.of("a"), NodeLease.deadNodes(c));
            assertFalse(first.renew(c, 101), "a lapsed lease is not renewed: the node must register again");
            new NodeLease("a", 30).register(c, "host-3", 303);
            assertFalse(first.renew(c, 101), "the name is another process's now");
            assertEquals(List.of(), NodeLease.deadNodes(c));
        }
    }

    @Test
    @DisplayName("a node that leaves frees its name at once")
    void leavingFreesTheName() throws Exception {
        try (Connection c = postgres.connect()) {
            NodeLease a = new NodeLease("a", 30);
            a.register(c, "host-1", 101);
            a.leave(c);
            new NodeLease("a", 30).register(c, "host-2", 202);
        }
    }
}
