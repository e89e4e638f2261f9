package org.wharfmq.management;

import java.util.ArrayDeque;
import org.HdrHistogram.Histogram;

/**
 * The commit latencies of about the last minute: the interval histograms taken at each refresh, kept while they are
 * younger than a minute and added up when read (a handful of histograms, read by an operator now and then).
 */
final class LatencyWindow {

    private static final long WINDOW_NANOS = 60_000_000_000L;

    private record Interval(long endNanos, Histogram histogram) {
    }

    private final ArrayDeque<Interval> intervals = new ArrayDeque<>();

    synchronized void add(Histogram interval, long nowNanos) {
        intervals.addLast(new Interval(nowNanos, interval));
        while (!intervals.isEmpty() && nowNanos - intervals.peekFirst().endNanos() > WINDOW_NANOS) {
            intervals.removeFirst();
        }
    }

    synchronized Histogram lastMinute() {
        Histogram sum = new Histogram(3);
        for (Interval i : intervals) {
            sum.add(i.histogram());
        }
        return sum;
    }
}
