package org.wharfmq.bench;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One measured run: how many messages in how many seconds, latency percentiles (µs), whether delivery checked
 * out, and the peak heap. One line of JSON, so the orchestrator can read it from a child JVM's output.
 */
record Result(String workload, String provider, long messages, double seconds, long p50Micros, long p99Micros,
              String check, long peakHeapBytes) {

    double rate() {
        return seconds > 0 ? messages / seconds : 0;
    }

    boolean valid() {
        return check.equals("ok");
    }

    String json() {
        return String.format(Locale.ROOT, "{\"workload\":\"%s\",\"provider\":\"%s\",\"messages\":%d,\"seconds\":%.6f,"
                        + "\"p50Micros\":%d,\"p99Micros\":%d,\"check\":\"%s\",\"peakHeapBytes\":%d}",
                workload, provider, messages, seconds, p50Micros, p99Micros,
                // one line: an exception's message can hold quotes and line breaks (an SQL statement, say)
                check.replace("\"", "'").replace('\r', ' ').replace('\n', ' '), peakHeapBytes);
    }

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":(\"[^\"]*\"|[-0-9.E]+)");

    static Result parse(String json) {
        java.util.Map<String, String> f = new java.util.HashMap<>();
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            f.put(m.group(1), m.group(2).replace("\"", ""));
        }
        return new Result(f.get("workload"), f.get("provider"), Long.parseLong(f.get("messages")),
                Double.parseDouble(f.get("seconds")), Long.parseLong(f.get("p50Micros")),
                Long.parseLong(f.get("p99Micros")), f.get("check"), Long.parseLong(f.get("peakHeapBytes")));
    }
}
