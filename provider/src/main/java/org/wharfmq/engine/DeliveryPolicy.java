package org.wharfmq.engine;

/**
 * How a destination treats messages that are not consumed: redelivery delay with exponential backoff, the
 * number of delivery attempts before a message is moved to the dead-letter queue, and where expired messages
 * go. Wharf's defaults are safe: a poison message stops after {@link #DEFAULT_MAX_DELIVERY_ATTEMPTS} attempts
 * and is kept, never deleted.
 *
 * @param redeliveryDelay      milliseconds before the first redelivery (0 = at once)
 * @param redeliveryMultiplier factor applied to the delay for each further attempt (>= 1)
 * @param maxRedeliveryDelay   upper bound of the delay in milliseconds
 * @param maxDeliveryAttempts  deliveries before the message is dead-lettered; 0 = unlimited
 * @param deadLetterQueue      queue that receives dead-lettered messages
 * @param expiryQueue          queue that receives expired messages; empty = expired messages are dropped
 */
public record DeliveryPolicy(long redeliveryDelay, double redeliveryMultiplier, long maxRedeliveryDelay,
                             int maxDeliveryAttempts, String deadLetterQueue, String expiryQueue) {

    public static final long DEFAULT_REDELIVERY_DELAY = 1000;
    public static final double DEFAULT_REDELIVERY_MULTIPLIER = 2.0;
    public static final long DEFAULT_MAX_REDELIVERY_DELAY = 60_000;
    public static final int DEFAULT_MAX_DELIVERY_ATTEMPTS = 10;
    public static final String DEFAULT_DEAD_LETTER_QUEUE = "wharf.dlq";
    public static final String DEFAULT_EXPIRY_QUEUE = "wharf.expiry";

    public static final DeliveryPolicy DEFAULT = new DeliveryPolicy(DEFAULT_REDELIVERY_DELAY,
            DEFAULT_REDELIVERY_MULTIPLIER, DEFAULT_MAX_REDELIVERY_DELAY, DEFAULT_MAX_DELIVERY_ATTEMPTS,
            DEFAULT_DEAD_LETTER_QUEUE, DEFAULT_EXPIRY_QUEUE);

    public DeliveryPolicy {
        if (redeliveryDelay < 0) {
            throw new IllegalArgumentException("redeliveryDelay must be >= 0, not " + redeliveryDelay);
        }
        if (!(redeliveryMultiplier >= 1.0)) {
            throw new IllegalArgumentException("redeliveryMultiplier must be >= 1, not " + redeliveryMultiplier);
        }
        if (maxRedeliveryDelay < redeliveryDelay) {
            throw new IllegalArgumentException("maxRedeliveryDelay (" + maxRedeliveryDelay
                    + ") must be >= redeliveryDelay (" + redeliveryDelay + ")");
        }
        if (maxDeliveryAttempts < 0) {
            throw new IllegalArgumentException("maxDeliveryAttempts must be >= 0 (0 = unlimited), not "
                    + maxDeliveryAttempts);
        }
        if (deadLetterQueue == null || deadLetterQueue.isBlank()) {
            throw new IllegalArgumentException("deadLetterQueue must name a queue; Wharf never deletes a message "
                    + "that could not be delivered");
        }
        if (expiryQueue == null) {
            throw new IllegalArgumentException("expiryQueue must not be null (empty drops expired messages)");
        }
    }

    /** The delay before the next delivery of a message that has been delivered {@code deliveries} times. */
    public long delayAfter(int deliveries) {
        if (redeliveryDelay == 0) {
            return 0;
        }
        double delay = redeliveryDelay * Math.pow(redeliveryMultiplier, Math.max(0, deliveries - 1));
        return (long) Math.min(delay, maxRedeliveryDelay);
    }

    /** True when a message delivered {@code deliveries} times must not be delivered again. */
    public boolean exhausted(int deliveries) {
        return maxDeliveryAttempts > 0 && deliveries >= maxDeliveryAttempts;
    }
}
