package org.wharfmq.store;

import java.time.Duration;

/**
 * A kind of store, found by the scheme of the journal URL (a {@link java.util.ServiceLoader} service, so that the
 * engine knows no store's classes): the local H2 journal for {@code jdbc:h2:}.
 */
public interface StoreProvider {

    /** True if this provider keeps stores at {@code url}. */
    boolean accepts(String url);

    /** A key equal for every URL that names the same store (one engine per key and JVM). */
    String storeKey(String url);

    /**
     * Opens (creating on first use) the store at {@code url} for one engine; {@code lease}: how long the engine
     * may go without renewing its ownership before another may take the store.
     */
    MessageStore open(String url, String user, String password, Duration lease) throws StoreException;
}
