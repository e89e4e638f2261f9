package org.wharfmq.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The table, CSV, JSON and SVG chart of a benchmark run: medians over repetitions, and ratios to Artemis. */
final class Report {

    /** One (workload, provider) cell: medians and the spread over the repetitions. */
    record Cell(String workload, String provider, double median, double min, double max, long p50, long p99,
                long peakHeap, String check) {
    }

    private final List<Cell> cells = new ArrayList<>();
    private final List<String> providers;
    private final List<String> workloads;
    private final String header;

    Report(List<Result> results, List<String> providers, List<String> workloads, int reps, double scale, String heap) {
        this.providers = providers;
        this.workloads = workloads;
        this.header = String.format(Locale.ROOT, "%d repetitions, scale %.3f, -Xmx%s per run, %d cores, Java %s",
                reps, scale, heap, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        for (String w : workloads) {
            for (String p : providers) {
                List<Result> rs = results.stream().filter(r -> r.workload().equals(w) && r.provider().equals(p))
                        .toList();
                if (rs.isEmpty()) {
                    continue;
                }
                String check = rs.stream().map(Result::check).filter(c -> !c.equals("ok")).findFirst().orElse("ok");
                List<Double> values = rs.stream().map(r -> timeBased(w) ? r.seconds() : r.rate()).sorted().toList();
                cells.add(new Cell(w, p, median(values), values.get(0), values.get(values.size() - 1),
                        medianLong(rs.stream().map(Result::p50Micros).toList()),
                        medianLong(rs.stream().map(Result::p99Micros).toList()),
                        rs.stream().mapToLong(Result::peakHeapBytes).max().orElse(0), check));
            }
        }
    }

    /** W8 measures seconds to the first message after a restart: lower is better. */
    static boolean timeBased(String workload) {
        return workload.equals("W8");
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static long medianLong(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private Cell cell(String w, String p) {
        return cells.stream().filter(c -> c.workload.equals(w) && c.provider.equals(p)).findFirst().orElse(null);
    }

    /** Wharf relative to a provider, as a speed ratio (>1 means Wharf is better), for both kinds of metric. */
    String ratio(String w, String against) {
        return ratio(w, "wharf", against);
    }

    /** {@code provider}'s median over {@code against}'s for workload {@code w}. */
    String ratio(String w, String provider, String against) {
        Cell wharf = cell(w, provider);
        Cell other = cell(w, against);
        if (wharf == null || other == null || wharf.median == 0 || other.median == 0) {
            return "-";
        }
        if (!other.check.equals("ok")) {
            return "n/a (" + against + " void)";
        }
        if (!wharf.check.equals("ok")) {
            return "n/a (wharf void)";
        }
        double r = timeBased(w) ? other.median / wharf.median : wharf.median / other.median;
        return String.format(Locale.ROOT, "%.2f×", r);
    }

    String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("Benchmark: ").append(header).append("\n\n");
        sb.append("| Workload | Provider | msgs/s median (min–max) | p50 µs | p99 µs | peak heap MiB | Wharf ÷ Artemis | Wharf ÷ Artemis tuned | check |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Cell c : cells) {
            String value = timeBased(c.workload)
                    ? String.format(Locale.ROOT, "%.2f s to first message (%.2f–%.2f)", c.median, c.min, c.max)
                    : String.format(Locale.ROOT, "%.0f (%.0f–%.0f)", c.median, c.min, c.max);
            boolean isWharf = c.provider.startsWith("wharf");
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %d | %s | %s | %s |%n", c.workload,
                    c.provider, value, c.p50, c.p99, c.peakHeap / (1024 * 1024),
                    isWharf ? ratio(c.workload, c.provider, "artemis") : "",
                    isWharf ? ratio(c.workload, c.provider, "artemis-tuned") : "",
                    c.check));
        }
        if (providers.contains("wharf") && providers.contains("wharf-nometrics")) {
            sb.append("\nWhat metrics cost (wharf ÷ wharf-nometrics, medians; below 1.00 means slower with them):");
            for (String wl : workloads) {
                Cell with = cell(wl, "wharf");
                Cell without = cell(wl, "wharf-nometrics");
                if (with != null && without != null && without.median > 0) {
                    sb.append(String.format(Locale.ROOT, " %s %.3f;", wl, timeBased(wl) ? without.median / with.median
                            : with.median / without.median));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    String csv() {
        StringBuilder sb = new StringBuilder("workload,provider,median,min,max,unit,p50_us,p99_us,peak_heap_bytes,check\n");
        for (Cell c : cells) {
            sb.append(String.format(Locale.ROOT, "%s,%s,%.3f,%.3f,%.3f,%s,%d,%d,%d,%s%n", c.workload, c.provider,
                    c.median, c.min, c.max, timeBased(c.workload) ? "seconds" : "msgs_per_s", c.p50, c.p99,
                    c.peakHeap, c.check.replace(',', ';')));
        }
        return sb.toString();
    }

    String json() {
        return cells.stream().map(c -> String.format(Locale.ROOT,
                        "{\"workload\":\"%s\",\"provider\":\"%s\",\"median\":%.3f,\"min\":%.3f,\"max\":%.3f,"
                                + "\"unit\":\"%s\",\"p50Micros\":%d,\"p99Micros\":%d,\"peakHeapBytes\":%d,\"check\":\"%s\"}",
                        c.workload, c.provider, c.median, c.min, c.max, timeBased(c.workload) ? "seconds" : "msgs/s",
                        c.p50, c.p99, c.peakHeap, c.check.replace("\"", "'")))
                .collect(Collectors.joining(",\n  ", "{\"run\":\"" + header + "\",\"cells\":[\n  ", "\n]}\n"));
    }

    /** Bars per workload, each scaled to the best provider of that workload (so W3's 50k and W1's 1k both read). */
    String svg() {
        String[] colors = {"#1f77b4", "#ff7f0e", "#2ca02c"};
        int groupWidth = 110;
        int width = 80 + workloads.size() * groupWidth;
        int height = 330;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n", width, height));
        sb.append(String.format("<text x=\"10\" y=\"18\" font-size=\"14\">Wharf vs ActiveMQ Artemis — relative to the best of each workload (W8: speed of restart)</text>%n"));
        sb.append(String.format("<text x=\"10\" y=\"34\" fill=\"#555\">%s</text>%n", header));
        int base = 280;
        for (int w = 0; w < workloads.size(); w++) {
            String wl = workloads.get(w);
            double best = providers.stream().map(p -> cell(wl, p)).filter(c -> c != null && c.median > 0)
                    .mapToDouble(c -> timeBased(wl) ? 1 / c.median : c.median).max().orElse(1);
            int x0 = 60 + w * groupWidth;
            for (int p = 0; p < providers.size(); p++) {
                Cell c = cell(wl, providers.get(p));
                if (c == null || c.median == 0) {
                    continue;
                }
                double v = timeBased(wl) ? 1 / c.median : c.median;
                int h = (int) Math.round(200 * v / best);
                String label = !c.check.equals("ok") ? "VOID"
                        : timeBased(wl) ? String.format(Locale.ROOT, "%.1fs", c.median)
                        : String.format(Locale.ROOT, "%.0f", c.median);
                sb.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"28\" height=\"%d\" fill=\"%s\"/>%n",
                        x0 + p * 30, base - h, h, colors[p % colors.length]));
                sb.append(String.format("<text x=\"%d\" y=\"%d\" font-size=\"9\" transform=\"rotate(-90 %d %d)\">%s</text>%n",
                        x0 + p * 30 + 18, base - h - 4, x0 + p * 30 + 18, base - h - 4, label));
            }
            sb.append(String.format("<text x=\"%d\" y=\"%d\">%s</text>%n", x0 + 30, base + 16, wl));
        }
        for (int p = 0; p < providers.size(); p++) {
            sb.append(String.format("<rect x=\"%d\" y=\"305\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"315\">%s</text>%n",
                    60 + p * 140, colors[p % colors.length], 76 + p * 140, providers.get(p)));
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    List<Cell> cells() {
        return cells.stream().sorted(Comparator.comparing(Cell::workload)).toList();
    }
}
