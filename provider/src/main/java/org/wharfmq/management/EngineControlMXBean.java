package org.wharfmq.management;

/** One Wharf engine (one journal), as JMX shows it ({@code org.wharfmq:type=Engine,journal=...}). */
public interface EngineControlMXBean {

    String getJournalUrl();

    /** The database file and the redo log, in bytes; -1 for a journal that is not a local file. */
    long getJournalBytesOnDisk();

    /** Group commits written since the engine started (each one commit, and one sync when forced). */
    long getGroupCommits();

    /** Units of work those commits carried (sends, acknowledgements, transactions...). */
    long getUnitsWritten();

    /** Group commits that were forced to disk (one fsync each, shared by every unit in the group). */
    long getSyncs();

    /** Syncs per second, averaged over the last minute. */
    double getSyncRate1m();

    /** Mean time of a group commit (apply, commit, sync, redo log), in microseconds. */
    long getMeanGroupCommitMicros();

    /**
     * Commit latency over about the last minute: how long a send, acknowledgement or commit waited from handing its
     * work to the journal until it was durable (group commit included), in microseconds; median, 99th percentile
     * and maximum. 0 when nothing was written.
     */
    long getCommitLatencyP50Micros();

    long getCommitLatencyP99Micros();

    long getCommitLatencyMaxMicros();

    /** Units per group commit on average: how much group commit shares. */
    double getMeanUnitsPerGroup();

    /** Queues and durable subscriptions. */
    int getDestinationCount();
}
