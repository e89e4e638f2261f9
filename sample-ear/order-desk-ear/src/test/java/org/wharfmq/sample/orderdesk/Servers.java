package org.wharfmq.sample.orderdesk;

import java.nio.file.Path;

/** Where the server under test keeps things (its home comes from the build; -Dserver names it). */
enum Servers {
    GLASSFISH {
        @Override
        Path home() {
            return Path.of(System.getProperty("glassfish.home"));
        }

        @Override
        Path dataDirectory() {
            return home().resolve("glassfish/domains/domain1/data");
        }
    },
    WILDFLY {
        @Override
        Path home() {
            return Path.of(System.getProperty("jboss.home"));
        }

        @Override
        Path dataDirectory() {
            return home().resolve("standalone/data");
        }
    };

    abstract Path home();

    abstract Path dataDirectory();

    /** The journal the RAR opens by default: {@code <server data directory>/wharf/journal}. */
    String journalUrl() {
        return "jdbc:h2:file:" + dataDirectory().resolve("wharf/journal").toAbsolutePath();
    }

    static Servers current() {
        return valueOf(System.getProperty("server", "glassfish").toUpperCase());
    }
}
