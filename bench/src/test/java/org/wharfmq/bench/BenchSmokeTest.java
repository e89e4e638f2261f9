package org.wharfmq.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's smoke form, run by every build so that the bench never rots: every workload once, on every
 * provider, at a tiny scale, each in its own JVM. It checks delivery (each message exactly once) and that the
 * report is written — never timings.
 */
class BenchSmokeTest {

    @Test
    @DisplayName("every workload runs on every provider and delivers each message exactly once")
    void smoke(@TempDir Path out) throws Exception {
        List<String> providers = List.of("wharf", "artemis", "artemis-tuned");
        List<Result> results = Bench.run(1, 0.002, Workloads.ALL, providers, "256m", out);
        assertEquals(Workloads.ALL.size() * providers.size(), results.size());
        for (Result r : results) {
            assertEquals("ok", r.check(), r.workload() + " on " + r.provider());
        }
        Report report = new Report(results, providers, Workloads.ALL, 1, 0.002, "256m");
        assertTrue(report.table().contains("| W8 | wharf |"));
        assertTrue(report.svg().startsWith("<svg"));
        Files.writeString(out.resolve("table.md"), report.table());
    }
}
