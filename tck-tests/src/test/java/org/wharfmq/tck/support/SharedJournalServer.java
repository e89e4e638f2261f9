package org.wharfmq.tck.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * The PostgreSQL of the suite's {@code wharf-pg} run: PostgreSQL 17 from Maven artifacts, started once per JVM with
 * the settings a durable journal needs, an empty database for the run; or the server named by
 * {@code -Dwharf.test.postgres.url=jdbc:postgresql://host:5432/{database}?user=…} (the provider's tests' property).
 */
final class SharedJournalServer {

    private SharedJournalServer() {
    }

    static String databaseUrl() throws Exception {
        String template = System.getProperty("wharf.test.postgres.url");
        if (template == null || template.isBlank()) {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (java.io.IOException ignored) {
                    // the JVM ends anyway
                }
            }));
            template = "jdbc:postgresql://localhost:" + pg.getPort() + "/{database}?user=postgres";
        }
        String database = "wharf_tck_" + ProcessHandle.current().pid();
        try (Connection admin = DriverManager.getConnection(template.replace("{database}", "postgres"));
             Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
            s.execute("CREATE DATABASE " + database);
        }
        return template.replace("{database}", database);
    }
}
