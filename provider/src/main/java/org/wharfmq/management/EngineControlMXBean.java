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

    /** Queues and durable subscriptions. */
    int getDestinationCount();
}
