package org.wharfmq.journal;

import org.wharfmq.store.MessageStore;
import org.wharfmq.store.StoreConfig;
import org.wharfmq.store.StoreException;
import org.wharfmq.store.StoreProvider;

/**
 * The local store: the embedded H2 journal ({@link Journal}) for {@code jdbc:h2:} URLs — or any URL when the system
 * property {@link Journal#DIALECT_PROPERTY} names a dialect for another database.
 */
public final class H2StoreProvider implements StoreProvider {

    @Override
    public boolean accepts(String url) {
        return url != null && (url.regionMatches(true, 0, "jdbc:h2:", 0, "jdbc:h2:".length())
                || System.getProperty(Journal.DIALECT_PROPERTY) != null);
    }

    @Override
    public String storeKey(String url) {
        try {
            return Journal.dialectFor(url).databaseKey(url);
        } catch (JournalException e) {
            return url;
        }
    }

    @Override
    public MessageStore open(StoreConfig c) throws StoreException {
        return Journal.open(c.url(), c.user(), c.password(), Journal.dialectFor(c.url()), c.lease());
    }
}
