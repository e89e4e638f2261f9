package org.wharfmq.management;

/**
 * One queue or durable subscription, as JMX shows it ({@code org.wharfmq:type=Queue|Subscription,...}). Counts are
 * live; totals count since the engine started. Every operation is journalled like a consumer's or producer's.
 */
public interface QueueControlMXBean {

    String getName();

    /** "queue" or "durable subscription". */
    String getKind();

    /**
     * True for a queue that keeps dead letters: the dead-letter queue of a configured policy, or one into which
     * Wharf has moved a dead letter since the engine started.
     */
    boolean isDeadLetterQueue();

    /** The topic of a subscription, null for a queue. */
    String getTopic();

    /** Ready + scheduled + in flight. */
    int getMessageCount();

    int getReadyCount();

    int getScheduledCount();

    int getInFlightCount();

    int getConsumerCount();

    /** How long ago the message next in line was stored (ms), -1 when none is ready: growing means stuck. */
    long getHeadAgeMillis();

    long getEnqueuedTotal();

    long getAcknowledgedTotal();

    long getExpiredTotal();

    long getDeadLetteredTotal();

    /** Messages stored per second, averaged over the last 1, 5 and 15 minutes. */
    double getEnqueueRate1m();

    double getEnqueueRate5m();

    double getEnqueueRate15m();

    /** Messages acknowledged (or moved away) per second, averaged over the last 1, 5 and 15 minutes. */
    double getAcknowledgeRate1m();

    double getAcknowledgeRate5m();

    double getAcknowledgeRate15m();

    boolean isPaused();

    /** The first {@code max} ready messages: id, delivery count, headers, properties and a body preview, one line each. */
    String[] browse(int max);

    /**
     * The first {@code max} ready messages with their headers, properties, failure reason, original destination and
     * a body preview, as structured data (what a console shows).
     */
    MessageSummary[] browseMessages(int max);

    /**
     * The last hour, one point per 10 seconds (oldest first): message count and the enqueued and acknowledged
     * totals at that moment, so that depth and throughput can be drawn.
     */
    HistoryPoint[] getHistory();

    /** Deletes every message not in flight; returns how many. */
    int purge();

    /** Deletes one message, by JMSMessageID (or journal id); false if it is not there or is in flight. */
    boolean deleteMessage(String messageId);

    /** Moves the ready messages matching {@code selector} (empty: all) to queue {@code toQueue}; returns how many. */
    int moveMessages(String selector, String toQueue);

    /** Stops delivery to consumers; sends still arrive. */
    void pause();

    void resume();
}
