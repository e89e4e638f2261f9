package org.wharfmq.engine;

import java.util.Map;

/**
 * What the engine needs from the layer that knows the message format: a filter for a selector, and a rewritten
 * message with extra properties (for dead-letter and expiry moves). Keeps JMS types out of the engine.
 */
public interface EngineHooks {

    /** A filter for a selector that the caller has already validated. */
    MessageFilter filter(String selector);

    /** The message with {@code properties} added and, if asked, its expiration cleared. */
    byte[] annotate(byte[] body, Map<String, Object> properties, boolean clearExpiration);

    /** The engine is open (management registers it). */
    default void opened(Engine engine) {
    }

    /** Called with every expiry sweep: queues and subscriptions may have come or gone since. */
    default void refresh(Engine engine) {
    }

    /** The engine is about to close (management unregisters it). */
    default void closing(Engine engine) {
    }
}
