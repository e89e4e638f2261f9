package org.wharfmq.engine;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The engine's one timer thread: it makes scheduled (delivery-delayed) entries visible when their time comes.
 * No consumer thread ever sleeps waiting for a delay.
 */
final class DeliveryTimer {

    private final ScheduledThreadPoolExecutor executor;

    DeliveryTimer(String name) {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "wharf-timer[" + name + "]");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    void at(long epochMillis, Runnable task) {
        long delay = Math.max(0, epochMillis - System.currentTimeMillis());
        executor.schedule(task, delay, TimeUnit.MILLISECONDS);
    }

    void every(long millis, Runnable task) {
        executor.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
    }

    ScheduledExecutorService executor() {
        return executor;
    }

    void stop() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
