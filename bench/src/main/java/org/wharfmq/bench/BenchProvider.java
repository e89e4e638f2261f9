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
