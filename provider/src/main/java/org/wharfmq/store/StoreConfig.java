package org.wharfmq.store;

import java.time.Duration;

/**
 * What opening a store takes, from the engine's settings: the journal URL and its credentials, the lease of the
 * engine on it, the node's name among the engines of a shared store (blank: host name and pid), and how often a
 * shared store is polled for work when no notification came.
 */
public record StoreConfig(String url, String user, String password, Duration lease, String nodeName,
                          long pollMillis) {

    /** A store at {@code url} with the defaults of everything else (tests and tools). */
    public static StoreConfig of(String url, String user, String password, Duration lease) {
        return new StoreConfig(url, user, password, lease, "", 500);
    }
}
