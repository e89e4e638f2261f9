package org.wharfmq.management;

import org.wharfmq.engine.Engine;

/** The {@link EngineControlMXBean} of one engine. */
final class EngineControl implements EngineControlMXBean {

    private final Engine engine;

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

    @Override
    public int getDestinationCount() {
        return engine.managedQueues().size();
    }
}
