package org.wharfmq.ra;

import java.nio.file.Path;

/**
 * Where the journal goes when {@code journalUrl} is not configured: a file under the application server's own data
 * directory, so that it survives redeployment and is found again after a restart. The server is recognised by
 * the system properties it sets; anything else gets {@code ./wharf-data} in its working directory.
 */
final class DefaultJournal {

    private DefaultJournal() {
    }

    /** Server data directories by the system property that names them, most specific first. */
    private static final String[][] DATA_DIRECTORIES = {
        {"jboss.server.data.dir", ""},               // WildFly
        {"com.sun.aas.instanceRoot", "data"},        // GlassFish, Payara
        {"server.output.dir", "resources"},          // Open Liberty
        {"catalina.base", "data"},                   // TomEE
    };

    static String url() {
        for (String[] d : DATA_DIRECTORIES) {
            String base = System.getProperty(d[0]);
            if (base != null && !base.isBlank()) {
                return "jdbc:h2:file:" + Path.of(base, d[1], "wharf", "journal").toAbsolutePath();
            }
        }
        return "jdbc:h2:file:" + Path.of("wharf-data", "journal").toAbsolutePath();
    }
}
