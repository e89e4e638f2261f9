package org.wharfmq.management;

import java.util.ArrayDeque;

/**
 * The last hour of a queue at 10-second resolution: at most 360 points, kept from the refreshes (every expiry
 * sweep), so a console can draw depth and throughput without a timer of its own or a database of samples.
 */
final class History {

    static final long STEP_MILLIS = 10_000;
    static final int POINTS = 360;

    private final ArrayDeque<HistoryPoint> points = new ArrayDeque<>(POINTS);

    synchronized void record(long nowMillis, int messageCount, long enqueuedTotal, long acknowledgedTotal) {
        HistoryPoint last = points.peekLast();
        if (last != null && nowMillis - last.getTime() < STEP_MILLIS) {
            return;
        }
        if (points.size() == POINTS) {
            points.removeFirst();
        }
        points.addLast(new HistoryPoint(nowMillis, messageCount, enqueuedTotal, acknowledgedTotal));
    }

    synchronized HistoryPoint[] points() {
        return points.toArray(HistoryPoint[]::new);
    }
}
