package org.wharfmq.shared;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Ids unique across the nodes of a shared journal (messages, queues, XA branches): each node takes blocks of
 * {@link #BLOCK} from the database's sequence {@code wharf_id} and hands them out in memory, so that it asks the
 * database once per thousand ids. Ids grow within a node; across nodes they interleave by block.
 */
public final class SharedIds {

    /** How many ids one call to the sequence reserves (its increment). */
    public static final int BLOCK = 1000;

    private long next;
    private long end;

    /** The next id; takes a new block on {@code c} when this one is used up (that call commits nothing). */
    public synchronized long next(Connection c) throws SQLException {
        if (next >= end) {
            takeBlock(c);
        }
        return next++;
    }

    /** As {@link #next(Connection)}, on a pooled connection when a block must be taken. */
    synchronized long next(Connections pool) throws SQLException {
        if (next >= end) {
            pool.with(c -> {
                takeBlock(c);
                c.commit();
                return null;
            });
        }
        return next++;
    }

    private void takeBlock(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT nextval('wharf_id')")) {
            rs.next();
            next = rs.getLong(1);
            end = next + BLOCK;
        }
    }
}
