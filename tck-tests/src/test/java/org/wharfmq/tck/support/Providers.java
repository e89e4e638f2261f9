package org.wharfmq.tck.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.InitialContext;

/**
 * The provider under test, chosen with {@code -Dtck.provider=wharf|wharf-pg|artemis} (wharf-pg: Wharf on the shared
 * journal, a PostgreSQL started for the run), and the JNDI environment that names
 * its connection factories. This is the only class that knows providers exist: everything else uses JNDI
 * names and {@code jakarta.jms} types.
 *
 * <ul>
 *   <li>{@code ConnectionFactory} — no client ID;</li>
 *   <li>{@code DurableConnectionFactory} — client ID {@value #DURABLE_CLIENT_ID} preset;</li>
 *   <li>{@code XAConnectionFactory} — an XA connection factory;</li>
 *   <li>{@code dynamicQueues/NAME}, {@code dynamicTopics/NAME} — any destination.</li>
 * </ul>
 * Both providers are configured to redeliver at once (as Artemis does by default), so that rollback and
 * recover tests do not wait out Wharf's default redelivery delay.
 */
public final class Providers {

    public static final String PROVIDER = System.getProperty("tck.provider", "wharf");
    public static final String DURABLE_CLIENT_ID = "tck-durable";

    private static Context jndi;
    private static AutoCloseable server;

    private Providers() {
    }

    public static boolean isArtemis() {
        return PROVIDER.equals("artemis");
    }

    /** The JNDI context of the provider under test, created once per JVM. */
    public static synchronized Context jndi() throws Exception {
        if (jndi == null) {
            Path dir = Files.createTempDirectory("tck-" + PROVIDER + "-");
            Hashtable<String, String> env = new Hashtable<>();
            switch (PROVIDER) {
                case "wharf" -> {
                    String url = "jdbc:h2:file:" + dir.resolve("journal").toAbsolutePath();
                    env.put(Context.INITIAL_CONTEXT_FACTORY, "org.wharfmq.jndi.WharfInitialContextFactory");
                    env.put("connectionFactory.ConnectionFactory", url + "?redeliveryDelay=0");
                    env.put("connectionFactory.DurableConnectionFactory",
                            url + "?redeliveryDelay=0&clientID=" + DURABLE_CLIENT_ID);
                    env.put("xaConnectionFactory.XAConnectionFactory", url + "?redeliveryDelay=0");
                }
                case "wharf-pg" -> {
                    String url = SharedJournalServer.databaseUrl();
                    env.put(Context.INITIAL_CONTEXT_FACTORY, "org.wharfmq.jndi.WharfInitialContextFactory");
                    env.put("connectionFactory.ConnectionFactory", url + "&redeliveryDelay=0");
                    env.put("connectionFactory.DurableConnectionFactory",
                            url + "&redeliveryDelay=0&clientID=" + DURABLE_CLIENT_ID);
                    env.put("xaConnectionFactory.XAConnectionFactory", url + "&redeliveryDelay=0");
                }
                case "artemis" -> {
                    server = EmbeddedArtemis.start(dir);
                    env.put(Context.INITIAL_CONTEXT_FACTORY,
                            "org.apache.activemq.artemis.jndi.ActiveMQInitialContextFactory");
                    env.put("connectionFactory.ConnectionFactory", "vm://0");
                    env.put("connectionFactory.DurableConnectionFactory", "vm://0?clientID=" + DURABLE_CLIENT_ID);
                    env.put("connectionFactory.XAConnectionFactory", "vm://0?type=XA_CF");
                }
                default -> throw new IllegalArgumentException("unknown tck.provider '" + PROVIDER
                        + "': use wharf, wharf-pg or artemis");
            }
            jndi = new InitialContext(env);
            Runtime.getRuntime().addShutdownHook(new Thread(Providers::shutdown));
        }
        return jndi;
    }

    private static void shutdown() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (Exception ignored) {
            // the JVM is going away
        }
    }
}
