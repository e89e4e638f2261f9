package org.wharfmq.management;

import org.wharfmq.engine.Engine;

/** The {@link EngineControlMXBean} of one engine. */
final class EngineControl implements EngineControlMXBean {

    private final Engine engine;
    private final Rates syncRates = new Rates();
    private final LatencyWindow latencies = new LatencyWindow();

    EngineControl(Engine engine) {
        this.engine = engine;
    }

    @Override
    public String getJournalUrl() {
        return engine.journalUrl();
    }

    @Override
    public long getJournalBytesOnDisk() {
        return engine.journalBytes();
    }

    @Override
    public long getGroupCommits() {
        return engine.journalFigures()[0];
    }

    @Override
    public long getUnitsWritten() {
        return engine.journalFigures()[1];
    }

    void tick(long nowNanos) {
        syncRates.tick(engine.journalFigures()[2], nowNanos);
        latencies.add(engine.commitLatenciesSinceLastCall(), nowNanos);
    }

    @Override
    public long getCommitLatencyP50Micros() {
        return latencies.lastMinute().getValueAtPercentile(50);
    }

    @Override
    public long getCommitLatencyP99Micros() {
        return latencies.lastMinute().getValueAtPercentile(99);
    }

    @Override
    public long getCommitLatencyMaxMicros() {
        return latencies.lastMinute().getMaxValue();
    }

    @Override
    public long getSyncs() {
        return engine.journalFigures()[2];
    }

    @Override
    public double getSyncRate1m() {
        return syncRates.rate(0);
    }

    @Override
    public long getMeanGroupCommitMicros() {
        long[] f = engine.journalFigures();
        return f[0] == 0 ? 0 : f[3] / f[0] / 1000;
    }

    @Override
    public double getMeanUnitsPerGroup() {
        long[] f = engine.journalFigures();
        return f[0] == 0 ? 0 : (double) f[1] / f[0];
    }

    @Override
    public int getDestinationCount() {
        return engine.managedQueues().size();
    }
}
