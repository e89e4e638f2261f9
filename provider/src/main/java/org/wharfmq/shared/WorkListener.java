package org.wharfmq.shared;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens for other nodes' hints ({@code NOTIFY wharf_work}, one per commit group that stored entries, with the
 * queues' ids) and wakes this node's consumers of those queues; and for changes of a topic's durable subscriptions
 * ({@code wharf_registry}), which the engine reloads. A hint is only a hint: when the connection breaks
 * notifications are lost, so after reconnecting every queue is woken, and the engine's poll covers the time between.
 */
final class WorkListener implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WorkListener.class.getName());

    private final Connections connections;
    private final SharedClaims claims;
    private final long retryMillis;
    private final Thread thread;
    private volatile boolean stopping;

    WorkListener(Connections connections, SharedClaims claims, String node, long retryMillis) {
        this.connections = connections;
        this.claims = claims;
        this.retryMillis = retryMillis;
        this.thread = new Thread(this::run, "wharf-notifications[" + node + "]");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        boolean failing = false;
        while (!stopping) {
            try (Connection c = connections.open()) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + SharedWriter.CHANNEL);
                    s.execute("LISTEN " + SharedQueues.CHANNEL);
                }
                if (failing) {
                    LOG.info("listening for the shared journal's notifications again");
                    failing = false;
                }
                claims.workMayBeReady(-1); // whatever was sent while no one listened
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!stopping) {
                    PGNotification[] got = pg.getNotifications(250);
                    if (got == null) {
                        continue;
                    }
                    for (PGNotification n : got) {
                        if (n.getName().equals(SharedQueues.CHANNEL)) {
                            claims.subscriptionsChanged(n.getParameter());
                        } else {
                            deliver(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (stopping) {
                    return;
                }
                LOG.log(failing ? Level.FINE : Level.WARNING, "lost the shared journal's notifications; polling"
                        + " until they are back", e);
                failing = true;
                try {
                    Thread.sleep(retryMillis);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void deliver(String payload) {
        if (payload == null || payload.isEmpty() || payload.equals("*")) {
            claims.workMayBeReady(-1);
            return;
        }
        for (String id : payload.split(",")) {
            try {
                claims.workMayBeReady(Long.parseLong(id.trim()));
            } catch (NumberFormatException e) {
                claims.workMayBeReady(-1);
            }
        }
    }

    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
