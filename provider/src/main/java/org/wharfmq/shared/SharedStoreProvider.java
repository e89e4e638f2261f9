package org.wharfmq.shared;

import org.wharfmq.store.MessageStore;
import org.wharfmq.store.StoreConfig;
import org.wharfmq.store.StoreException;
import org.wharfmq.store.StoreProvider;

/** The shared store: a PostgreSQL database ({@code jdbc:postgresql:}) that several engines use at once. */
public final class SharedStoreProvider implements StoreProvider {

    private static final String SCHEME = "jdbc:postgresql:";

    @Override
    public boolean accepts(String url) {
        return url != null && url.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /** The URL without its parameters (host, port and database name one engine per JVM stands for). */
    @Override
    public String storeKey(String url) {
        int q = url.indexOf('?');
        return SCHEME + (q < 0 ? url : url.substring(0, q)).substring(SCHEME.length());
    }

    @Override
    public MessageStore open(StoreConfig config) throws StoreException {
        return SharedStore.open(config);
    }
}
