package org.wharfmq.cli;

import com.google.gson.JsonParser;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.wharfmq.jms.WharfQueue;
import org.wharfmq.management.MessageSummary;
import org.wharfmq.management.QueueControlMXBean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wharf}: see and steer what is in the queues. Offline with {@code --journal <jdbc url>} on a journal that
 * no Wharf has open, online with {@code --jmx <service:jmx:...>} on a running one. Every change is journalled like
 * a consumer's acknowledgement or a producer's send.
 */
@Command(name = "wharf", mixinStandardHelpOptions = true, version = "wharf 0.1.0",
        description = "See and steer the queues of a Wharf journal, offline or through JMX.",
        subcommands = {WharfCli.Stat.class, WharfCli.Browse.class, WharfCli.Purge.class, WharfCli.Move.class,
                WharfCli.Delete.class, WharfCli.Pause.class, WharfCli.Resume.class, WharfCli.Export.class,
                WharfCli.Import.class, WharfCli.RequeueDlq.class})
public final class WharfCli {

    @Option(names = "--journal", scope = CommandLine.ScopeType.INHERIT,
            description = "JDBC URL of a journal no Wharf has open (offline), e.g. jdbc:h2:file:./wharf-data/journal")
    String journal;

    @Option(names = "--jmx", scope = CommandLine.ScopeType.INHERIT,
            description = "JMX service URL of a running Wharf (online), e.g."
                    + " service:jmx:rmi:///jndi/rmi://localhost:9010/jmxrmi")
    String jmx;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs a command line; returns the exit code (0 ok, 1 failed, 2 wrong usage). */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new WharfCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("wharf: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        return cl.execute(args);
    }

    /** What every subcommand shares: where the journal is, and where to print. */
    abstract static class Base implements Callable<Integer> {

        @CommandLine.ParentCommand
        WharfCli root;

        @Spec
        CommandLine.Model.CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        @Override
        public Integer call() throws Exception {
            try (Journals journals = Journals.open(root.journal, root.jmx)) {
                return run(journals);
            }
        }

        abstract int run(Journals journals) throws Exception;
    }

    @Command(name = "stat", description = "Every queue and durable subscription: messages, ready, scheduled, in flight, consumers, rates.")
    static final class Stat extends Base {
        @Override
        int run(Journals journals) throws Exception {
            out().printf("%-30s %-22s %9s %9s %9s %9s %9s %10s %10s%n", "NAME", "KIND", "MESSAGES", "READY",
                    "SCHEDULED", "IN-FLIGHT", "CONSUMERS", "IN/s 1m", "OUT/s 1m");
            for (Journals.Named n : journals.all()) {
                QueueControlMXBean q = n.control();
                out().printf("%-30s %-22s %9d %9d %9d %9d %9d %10.1f %10.1f%s%n", q.getName(), q.getKind(),
                        q.getMessageCount(), q.getReadyCount(), q.getScheduledCount(), q.getInFlightCount(),
                        q.getConsumerCount(), q.getEnqueueRate1m(), q.getAcknowledgeRate1m(),
                        q.isPaused() ? "  (paused)" : "");
            }
            return 0;
        }
    }

    @Command(name = "browse", description = "The first messages of a queue, without taking them.")
    static final class Browse extends Base {
        @Parameters(index = "0", description = "queue or durable subscription name")
        String queue;

        @Option(names = {"-n", "--max"}, defaultValue = "20", description = "how many (default ${DEFAULT-VALUE})")
        int max;

        @Override
        int run(Journals journals) throws Exception {
            for (String line : journals.queue(queue).browse(max)) {
                out().println(line);
            }
            return 0;
        }
    }

    @Command(name = "purge", description = "Delete every message of a queue that is not in flight.")
    static final class Purge extends Base {
        @Parameters(index = "0", description = "queue or durable subscription name")
        String queue;

        @Option(names = "--yes", required = true, description = "confirm: the messages are gone for good")
        boolean yes;

        @Override
        int run(Journals journals) throws Exception {
            out().println("purged " + journals.queue(queue).purge() + " message(s) from " + queue);
            return 0;
        }
    }

    @Command(name = "move", description = "Move the messages of one queue (matching a selector) to another; "
            + "requeue dead letters with: move wharf.dlq orders --selector \"JMS_WharfOriginalDestination = 'orders'\"")
    static final class Move extends Base {
        @Parameters(index = "0", description = "from: queue or durable subscription name")
        String from;

        @Parameters(index = "1", description = "to: queue name")
        String to;

        @Option(names = "--selector", description = "only messages matching this JMS selector")
        String selector;

        @Override
        int run(Journals journals) throws Exception {
            out().println("moved " + journals.queue(from).moveMessages(selector == null ? "" : selector, to)
                    + " message(s) from " + from + " to " + to);
            return 0;
        }
    }

    @Command(name = "requeue-dlq", description = "Move every dead letter of a dead-letter queue back to the queue it "
            + "came from (JMS_WharfOriginalDestination); dead letters of topic subscriptions stay.")
    static final class RequeueDlq extends Base {
        @Parameters(index = "0", defaultValue = "wharf.dlq", description = "the dead-letter queue (default wharf.dlq)")
        String dlq;

        @Override
        int run(Journals journals) throws Exception {
            QueueControlMXBean q = journals.queue(dlq);
            Set<String> origins = new TreeSet<>();
            for (MessageSummary m : q.browseMessages(Integer.MAX_VALUE)) {
                if (m.getOriginalDestination() != null) {
                    origins.add(m.getOriginalDestination());
                }
            }
            int total = 0;
            for (String origin : origins) {
                int n = q.moveMessages("JMS_WharfOriginalDestination = '" + origin.replace("'", "''")
                        + "' AND JMS_WharfOriginalSubscription IS NULL", origin);
                if (n > 0) {
                    out().println("moved " + n + " message(s) from " + dlq + " back to " + origin);
                }
                total += n;
            }
            out().println("requeued " + total + " message(s); " + q.getMessageCount() + " left in " + dlq);
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete one message by JMSMessageID.")
    static final class Delete extends Base {
        @Parameters(index = "0", description = "queue or durable subscription name")
        String queue;

        @Parameters(index = "1", description = "JMSMessageID (as browse shows it) or journal id")
        String messageId;

        @Override
        int run(Journals journals) throws Exception {
            boolean deleted = journals.queue(queue).deleteMessage(messageId);
            out().println(deleted ? "deleted " + messageId : "no message " + messageId + " ready in " + queue);
            return deleted ? 0 : 1;
        }
    }

    @Command(name = "pause", description = "Stop delivery from a queue (online; sends still arrive).")
    static final class Pause extends Base {
        @Parameters(index = "0")
        String queue;

        @Override
        int run(Journals journals) throws Exception {
            journals.queue(queue).pause();
            out().println("paused " + queue);
            return 0;
        }
    }

    @Command(name = "resume", description = "Deliver from a paused queue again.")
    static final class Resume extends Base {
        @Parameters(index = "0")
        String queue;

        @Override
        int run(Journals journals) throws Exception {
            journals.queue(queue).resume();
            out().println("resumed " + queue);
            return 0;
        }
    }

    @Command(name = "export", description = "Write a queue's messages as JSON lines (offline; the queue keeps them).")
    static final class Export extends Base {
        @Parameters(index = "0", description = "queue name")
        String queue;

        @Parameters(index = "1", description = "file to write")
        Path file;

        @Override
        int run(Journals journals) throws Exception {
            Connection c = journals.jms("export");
            Session s = c.createSession();
            int n = 0;
            try (QueueBrowser browser = s.createBrowser(new WharfQueue(queue));
                 BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (Object o : Collections.list(browser.getEnumeration())) {
                    w.write(JsonLines.toJson((Message) o).toString());
                    w.newLine();
                    if (++n % 1000 == 0) {
                        spec.commandLine().getErr().print("\rexported " + n);
                        spec.commandLine().getErr().flush();
                    }
                }
            }
            out().println("exported " + n + " message(s) from " + queue + " to " + file);
            return 0;
        }
    }

    @Command(name = "import", description = "Send the messages of a JSON lines file to a queue (offline), "
            + "persistent, in transactions of 500.")
    static final class Import extends Base {
        @Parameters(index = "0", description = "queue name")
        String queue;

        @Parameters(index = "1", description = "file written by export")
        Path file;

        @Override
        int run(Journals journals) throws Exception {
            Connection c = journals.jms("import");
            Session s = c.createSession(Session.SESSION_TRANSACTED);
            MessageProducer p = s.createProducer(new WharfQueue(queue));
            int n = 0;
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.isBlank()) {
                        continue;
                    }
                    var o = JsonParser.parseString(line).getAsJsonObject();
                    p.send(JsonLines.fromJson(o, s), o.get("deliveryMode").getAsInt(), o.get("priority").getAsInt(), 0);
                    if (++n % 500 == 0) {
                        s.commit();
                        spec.commandLine().getErr().print("\rimported " + n);
                        spec.commandLine().getErr().flush();
                    }
                }
            }
            s.commit();
            out().println("imported " + n + " message(s) into " + queue + " from " + file);
            return 0;
        }
    }
}
