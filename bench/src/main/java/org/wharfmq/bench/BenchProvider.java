package org.wharfmq.bench;

import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.wharfmq.jms.WharfConnectionFactory;

/**
 * A provider under test, started on a data directory of its own. {@link #stop()} and a second {@link #start()}
 * restart it on the same data (workload W8).
 */
abstract class BenchProvider {

    final Path dir;

    BenchProvider(Path dir) {
        this.dir = dir;
    }

    abstract String name();

    /** What a returned persistent send guarantees with these settings. */
    abstract String guarantee();

    abstract ConnectionFactory start() throws Exception;

    abstract void stop() throws Exception;

    static BenchProvider of(String name, Path dir) {
        return switch (name) {
            case "wharf" -> new Wharf(dir, true);
            case "wharf-nometrics" -> new Wharf(dir, false);
            case "wharf-pg" -> new WharfPostgres(dir);
            case "artemis" -> new Artemis(dir, false);
            case "artemis-tuned" -> new Artemis(dir, true);
            default -> throw new IllegalArgumentException("unknown provider " + name);
        };
    }

    /**
     * Wharf with every default: the embedded H2 journal, forced to disk before a send returns; "nometrics" turns
     * the operators' figures off (setting metrics=false), to measure what they cost.
     */
    static final class Wharf extends BenchProvider {
        private final boolean metrics;

        Wharf(Path dir, boolean metrics) {
            super(dir);
            this.metrics = metrics;
        }

        @Override
        String name() {
            return metrics ? "wharf" : "wharf-nometrics";
        }

        @Override
        String guarantee() {
            return "durable on return: committed and fsynced (CHECKPOINT SYNC), shared by group commit";
        }

        @Override
        ConnectionFactory start() {
            WharfConnectionFactory f = new WharfConnectionFactory("jdbc:h2:file:" + dir.resolve("journal").toAbsolutePath());
            f.set("metrics", String.valueOf(metrics));
            f.set("engineLingerMillis", "0");
            return f;
        }

        @Override
        void stop() {
            // the engine closes with its last connection (no linger), which the workload has closed
        }
    }

    /**
     * Wharf on the shared journal, one node: a PostgreSQL 17 that the bench starts once (durable settings: fsync,
     * synchronous_commit and full_page_writes on), a database per run. The same machine's disk as the others.
     */
    static final class WharfPostgres extends BenchProvider {
        private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
        private static int databases;
        private String url;

        WharfPostgres(Path dir) {
            super(dir);
        }

        @Override
        String name() {
            return "wharf-pg";
        }

        @Override
        String guarantee() {
            return "durable on return: PostgreSQL commit with synchronous_commit on, shared by group commit";
        }

        private static synchronized String database() throws Exception {
            if (server == null) {
                server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on")
                        .setServerConfig("max_connections", "100")
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (java.io.IOException ignored) {
                        // the JVM ends anyway
                    }
                }));
            }
            String name = "bench_" + (++databases);
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:"
                    + server.getPort() + "/postgres?user=postgres"); java.sql.Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            return "jdbc:postgresql://localhost:" + server.getPort() + "/" + name + "?user=postgres";
        }

        @Override
        ConnectionFactory start() throws Exception {
            if (url == null) {
                url = database(); // a restart (W8) finds the same database again
            }
            WharfConnectionFactory f = new WharfConnectionFactory(url);
            f.set("engineLingerMillis", "0");
            return f;
        }

        @Override
        void stop() {
            // the engine closes with its last connection (no linger), which the workload has closed
        }
    }

    /** ActiveMQ Artemis embedded in this JVM: NIO journal, defaults; "tuned" sets the journal buffer timeout to 0. */
    static final class Artemis extends BenchProvider {
        private final boolean tuned;
        private EmbeddedActiveMQ server;

        Artemis(Path dir, boolean tuned) {
            super(dir);
            this.tuned = tuned;
        }

        @Override
        String name() {
            return tuned ? "artemis-tuned" : "artemis";
        }

        @Override
        String guarantee() {
            return tuned ? "durable on return (journal-buffer-timeout 0: each sync as soon as it is asked for)"
                    : "durable on return (journal buffer flushed by its 3.3 ms timer; blockOnDurableSend)";
        }

        @Override
        ConnectionFactory start() throws Exception {
            Configuration config = new ConfigurationImpl()
                    .setPersistenceEnabled(true)
                    .setSecurityEnabled(false)
                    .setJournalType(JournalType.NIO)
                    .setJournalDirectory(dir.resolve("journal").toString())
                    .setBindingsDirectory(dir.resolve("bindings").toString())
                    .setPagingDirectory(dir.resolve("paging").toString())
                    .setLargeMessagesDirectory(dir.resolve("large").toString())
                    .addAcceptorConfiguration("in-vm", "vm://0");
            if (tuned) {
                config.setJournalBufferTimeout_NIO(0);
            }
            server = new EmbeddedActiveMQ();
            server.setConfiguration(config);
            server.start();
            return new ActiveMQConnectionFactory("vm://0");
        }

        @Override
        void stop() throws Exception {
            if (server != null) {
                server.stop();
                server = null;
            }
        }
    }
}
