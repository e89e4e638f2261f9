package org.wharfmq.ra.support;

import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkEvent;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A WorkManager on a real thread pool, as an application server's is (Connectors 2.1 §11). */
public final class ThreadPoolWorkManager implements WorkManager {

    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-workmanager-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private void execute(Work work, WorkListener listener) {
        if (listener != null) {
            listener.workAccepted(new WorkEvent(this, WorkEvent.WORK_ACCEPTED, work, null));
        }
        pool.execute(() -> {
            if (listener != null) {
                listener.workStarted(new WorkEvent(this, WorkEvent.WORK_STARTED, work, null));
            }
            try {
                work.run();
            } finally {
                if (listener != null) {
                    listener.workCompleted(new WorkEvent(this, WorkEvent.WORK_COMPLETED, work, null));
                }
            }
        });
    }

    @Override
    public void doWork(Work work) throws WorkException {
        work.run();
    }

    @Override
    public void doWork(Work work, long startTimeout, ExecutionContext ctx, WorkListener listener) {
        work.run();
    }

    @Override
    public long startWork(Work work) {
        execute(work, null);
        return 0;
    }

    @Override
    public long startWork(Work work, long startTimeout, ExecutionContext ctx, WorkListener listener) {
        execute(work, listener);
        return 0;
    }

    @Override
    public void scheduleWork(Work work) {
        execute(work, null);
    }

    @Override
    public void scheduleWork(Work work, long startTimeout, ExecutionContext ctx, WorkListener listener) {
        execute(work, listener);
    }

    /** Stops the pool; true if every work finished in time. */
    public boolean shutdown() throws InterruptedException {
        pool.shutdown();
        return pool.awaitTermination(10, TimeUnit.SECONDS);
    }
}
