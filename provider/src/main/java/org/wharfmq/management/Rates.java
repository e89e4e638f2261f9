package org.wharfmq.management;

/**
 * Messages per second over the last 1, 5 and 15 minutes of a growing total, as exponentially weighted moving
 * averages (the way Unix load averages are kept), updated at every expiry sweep.
 */
final class Rates {

    private static final double[] WINDOW_SECONDS = {60, 300, 900};

    private final double[] rates = new double[3];
    private long lastTotal = -1;
    private long lastNanos;

    synchronized void tick(long total, long nowNanos) {
        if (lastTotal >= 0) {
            double seconds = (nowNanos - lastNanos) / 1e9;
            if (seconds <= 0) {
                return;
            }
            double instant = (total - lastTotal) / seconds;
            for (int i = 0; i < 3; i++) {
                double alpha = 1 - Math.exp(-seconds / WINDOW_SECONDS[i]);
                rates[i] += alpha * (instant - rates[i]);
            }
        }
        lastTotal = total;
        lastNanos = nowNanos;
    }

    /** Per second over 1 (index 0), 5 (1) or 15 (2) minutes. */
    synchronized double rate(int window) {
        return rates[window];
    }
}
