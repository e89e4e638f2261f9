package org.wharfmq.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs every workload against every provider, alternating providers, for a number of repetitions, each run in
 * a fresh JVM with a bounded heap; then prints the table and writes CSV, JSON and an SVG chart.
 *
 * <pre>
 * --reps N          repetitions (3)
 * --scale S         message counts relative to docs/benchmarks.md (1.0)
 * --workloads W1,.. which workloads (all)
 * --providers p,..  wharf, artemis, artemis-tuned (these three), wharf-nometrics (Wharf with metrics=false),
 *                   wharf-pg (Wharf on the shared journal: PostgreSQL, one node)
 * --heap 256m       heap of each run's JVM
 * --out DIR         where the report goes (target/bench)
 * </pre>
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        int reps = 3;
        double scale = 1.0;
        List<String> workloads = Workloads.ALL;
        List<String> providers = List.of("wharf", "artemis", "artemis-tuned");
        String heap = "256m";
        Path out = Path.of("target", "bench");
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--reps" -> reps = Integer.parseInt(value);
                case "--scale" -> scale = Double.parseDouble(value);
                case "--workloads" -> workloads = Arrays.asList(value.split(","));
                case "--providers" -> providers = Arrays.asList(value.split(","));
                case "--heap" -> heap = value;
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --reps --scale --workloads --providers --heap --out");
            }
        }
        Files.createDirectories(out);
        List<Result> results = run(reps, scale, workloads, providers, heap, out);
        Report report = new Report(results, providers, workloads, reps, scale, heap);
        System.out.println(report.table());
        Files.writeString(out.resolve("results.csv"), report.csv());
        Files.writeString(out.resolve("results.json"), report.json());
        Files.writeString(out.resolve("chart.svg"), report.svg());
        Files.writeString(out.resolve("table.md"), report.table());
        System.out.println("report written to " + out.toAbsolutePath() + " (table.md, results.csv, results.json, chart.svg)");
    }

    static List<Result> run(int reps, double scale, List<String> workloads, List<String> providers, String heap,
                            Path out) throws Exception {
        List<Result> results = new ArrayList<>();
        for (int rep = 0; rep < reps; rep++) {
            for (String w : workloads) {
                for (int k = 0; k < providers.size(); k++) {
                    // alternate the order so that no provider always runs first (or after another's disk traffic)
                    String p = providers.get((k + rep) % providers.size());
                    Path dir = Files.createTempDirectory(out, "run-" + p + "-" + w + "-");
                    Result r = runOne(p, w, scale, heap, dir);
                    String value = Report.timeBased(w) ? String.format("%8.2f s to first message", r.seconds())
                            : String.format("%10.0f msg/s", r.rate());
                    System.out.printf("rep %d %-3s %-14s %s  p50 %7d µs  p99 %8d µs  peak heap %4d MiB  %s%n", rep + 1,
                            w, p, value, r.p50Micros(), r.p99Micros(), r.peakHeapBytes() >> 20, r.check());
                    results.add(r);
                    delete(dir);
                }
            }
        }
        return results;
    }

    static Result runOne(String provider, String workload, double scale, String heap, Path dir) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
                RunOne.class.getName(), provider, workload, String.valueOf(scale), dir.toString())
                .redirectErrorStream(true).start();
        Result result = null;
        StringBuilder tail = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    try {
                        result = Result.parse(line.substring(7));
                    } catch (RuntimeException e) {
                        tail.append("unreadable result: ").append(line).append('\n');
                    }
                } else if (line.contains("Exception") || line.contains("Error")) {
                    tail.append(line).append('\n');
                }
            }
        }
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        if (result == null) {
            result = new Result(workload, provider, 0, 0, 0, 0, "VOID: the run printed no result (exit "
                    + p.exitValue() + ") " + tail.toString().lines().findFirst().orElse(""), 0);
        }
        return result;
    }

    private static void delete(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
