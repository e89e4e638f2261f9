package org.wharfmq.management;

import java.beans.ConstructorProperties;

/** One point of a queue's {@linkplain QueueControlMXBean#getHistory() last hour}. */
public final class HistoryPoint {

    private final long time;
    private final int messageCount;
    private final long enqueuedTotal;
    private final long acknowledgedTotal;

    @ConstructorProperties({"time", "messageCount", "enqueuedTotal", "acknowledgedTotal"})
    public HistoryPoint(long time, int messageCount, long enqueuedTotal, long acknowledgedTotal) {
        this.time = time;
        this.messageCount = messageCount;
        this.enqueuedTotal = enqueuedTotal;
        this.acknowledgedTotal = acknowledgedTotal;
    }

    /** When (ms since the epoch). */
    public long getTime() {
        return time;
    }

    public int getMessageCount() {
        return messageCount;
    }

    /** Messages stored since the engine started; the difference between two points is the throughput in. */
    public long getEnqueuedTotal() {
        return enqueuedTotal;
    }

    /** Messages acknowledged (or moved away) since the engine started. */
    public long getAcknowledgedTotal() {
        return acknowledgedTotal;
    }
}
