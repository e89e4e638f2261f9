package org.wharfmq.cdi;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;
import jakarta.jms.JMSContext;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The JMSContexts of one CDI request: one per {@link ContextKey}, shared by every injection point with that key,
 * closed when the request ends (JMS 3.1 §12.4.4).
 */
@RequestScoped
public class RequestContexts {

    private final Map<ContextKey, JMSContext> contexts = new HashMap<>();

    synchronized JMSContext get(ContextKey key, Function<ContextKey, JMSContext> open) {
        return contexts.computeIfAbsent(key, open);
    }

    @PreDestroy
    synchronized void closeAll() {
        for (JMSContext c : contexts.values()) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // the request is over either way
            }
        }
        contexts.clear();
    }
}
