package org.wharfmq.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The packaged RAR (Connectors 2.1 §20.3): the descriptor, Wharf, H2 (the local journal), the PostgreSQL driver (the
 * shared journal) and HdrHistogram (170 KB, no dependencies: the commit latency percentiles) — and nothing that could
 * clash with a server.
 */
class RarContentsIT {

    @Test
    @DisplayName("Connectors 2.1 §20.3: the RAR holds ra.xml, the adapter, the provider, H2, the PostgreSQL driver and HdrHistogram, and no Jakarta API")
    void rarHoldsWhatTheServerNeedsAndNothingElse() throws Exception {
        Path rar = Path.of(System.getProperty("rar.file"));
        try (ZipFile zip = new ZipFile(rar.toFile())) {
            List<String> jars = zip.stream().map(e -> e.getName()).filter(n -> n.endsWith(".jar")).sorted().toList();
            assertTrue(zip.getEntry("META-INF/ra.xml") != null, "META-INF/ra.xml");
            assertEquals(5, jars.size(), "jars in the RAR: " + jars);
            assertTrue(jars.get(0).startsWith("HdrHistogram-"), jars.toString());
            assertTrue(jars.get(1).startsWith("h2-"), jars.toString());
            assertTrue(jars.get(2).startsWith("postgresql-"), jars.toString());
            assertTrue(jars.get(3).startsWith("wharf-provider-"), jars.toString());
            assertTrue(jars.get(4).startsWith("wharf-ra-"), jars.toString());
        }
    }
}
