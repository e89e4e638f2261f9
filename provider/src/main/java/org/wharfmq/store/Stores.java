package org.wharfmq.store;

import java.util.ServiceLoader;

/** The store for a journal URL: the first {@link StoreProvider} that accepts it. */
public final class Stores {

    private Stores() {
    }

    private static StoreProvider providerFor(String url) throws StoreException {
        // the providers that came with these classes (a resource adapter's or an application's class loader)
        for (StoreProvider p : ServiceLoader.load(StoreProvider.class, StoreProvider.class.getClassLoader())) {
            if (p.accepts(url)) {
                return p;
            }
        }
        throw new StoreException("unsupported journal URL '" + url + "': Wharf keeps journals in H2 (jdbc:h2:...) and"
                + " PostgreSQL (jdbc:postgresql:...)");
    }

    /** Opens the store at {@code url} (see {@link StoreProvider#open}). */
    public static MessageStore open(StoreConfig config) throws StoreException {
        return providerFor(config.url()).open(config);
    }

    /** A key equal for every URL that names the same store; the URL itself if no provider takes it. */
    public static String storeKey(String url) {
        try {
            return providerFor(url).storeKey(url);
        } catch (StoreException e) {
            return url; // opening it fails with that error
        }
    }
}
