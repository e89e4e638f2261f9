package org.wharfmq.engine;

import java.util.List;

/**
 * The default {@link DeliveryPolicy} and the per-destination overrides, matched by exact name or by a prefix
 * ending in {@code *} ({@code orders.*}); the longest match wins. Topics' subscriptions use the topic's name.
 */
public record DeliveryPolicies(DeliveryPolicy defaults, List<Override> overrides) {

    /** A policy for destinations whose name matches {@code pattern}. */
    public record Override(String pattern, DeliveryPolicy policy) {

        boolean matches(String name) {
            return pattern.endsWith("*") ? name.startsWith(pattern.substring(0, pattern.length() - 1))
                    : pattern.equals(name);
        }

        int specificity() {
            return pattern.endsWith("*") ? pattern.length() - 1 : Integer.MAX_VALUE;
        }
    }

    public static final DeliveryPolicies DEFAULT = new DeliveryPolicies(DeliveryPolicy.DEFAULT, List.of());

    public DeliveryPolicies {
        overrides = List.copyOf(overrides);
    }

    /** True for a queue that is the dead-letter queue of any policy: it keeps what fails in it. */
    public boolean isDeadLetterQueue(String name) {
        if (defaults.deadLetterQueue().equals(name)) {
            return true;
        }
        for (Override o : overrides) {
            if (o.policy().deadLetterQueue().equals(name)) {
                return true;
            }
        }
        return false;
    }

    public DeliveryPolicy forDestination(String name) {
        Override best = null;
        for (Override o : overrides) {
            if (o.matches(name) && (best == null || o.specificity() > best.specificity())) {
                best = o;
            }
        }
        return best == null ? defaults : best.policy();
    }
}
