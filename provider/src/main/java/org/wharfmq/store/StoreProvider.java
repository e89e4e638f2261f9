package org.wharfmq.store;

/**
 * A kind of store, found by the scheme of the journal URL (a {@link java.util.ServiceLoader} service, so that the
 * engine knows no store's classes): the local H2 journal for {@code jdbc:h2:}, the shared journal for
 * {@code jdbc:postgresql:}.
 */
public interface StoreProvider {

    /** True if this provider keeps stores at {@code url}. */
    boolean accepts(String url);

    /** A key equal for every URL that names the same store (one engine per key and JVM). */
    String storeKey(String url);

    /**
     * Opens (creating on first use) the store at {@code config.url()} for one engine; {@code config.lease()}: how long
     * the engine may go without renewing its ownership (or its membership) before another may take its work.
     */
    MessageStore open(StoreConfig config) throws StoreException;
}
