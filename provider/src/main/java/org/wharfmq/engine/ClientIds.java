package org.wharfmq.engine;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.wharfmq.engine.EngineException.Kind;
import org.wharfmq.store.EntrySource;
import org.wharfmq.store.MessageStore;
import org.wharfmq.store.StoreException;

/**
 * The client identifiers in use (JMS 3.1 §6.1.2: one connection at a time): by connection in this engine, and on a
 * shared store reserved among the connections of every node ({@link EntrySource#reserve}).
 */
final class ClientIds {

    /** Kind of a shared store's reservation held by a client identifier. */
    static final String CLIENT_ID = "client-id";

    private final MessageStore store;
    private final Map<String, Long> clientIds = new ConcurrentHashMap<>();

    ClientIds(MessageStore store) {
        this.store = store;
    }

    /** A connection closed: its client identifier is free again (on a shared store, for every node). */
    void connectionClosed(long connection) {
        EntrySource source = store.entrySource();
        for (Map.Entry<String, Long> e : new ArrayList<>(clientIds.entrySet())) {
            if (e.getValue() == connection && clientIds.remove(e.getKey(), connection) && source != null) {
                source.release(CLIENT_ID, e.getKey());
            }
        }
    }

    /** Reserves a client identifier for a connection (JMS 3.1 §6.1.2: one connection at a time). */
    void claim(String clientId, long connection) throws EngineException {
        Long holder = clientIds.putIfAbsent(clientId, connection);
        if (holder != null && holder != connection) {
            throw new EngineException(Kind.INVALID_CLIENT_ID, "client ID '" + clientId
                    + "' is already in use by another connection to journal " + store.url());
        }
        EntrySource source = store.entrySource();
        if (holder == null && source != null) {
            // unique among the connections of every node of a shared journal
            String node;
            try {
                node = source.reserve(CLIENT_ID, clientId);
            } catch (StoreException e) {
                clientIds.remove(clientId, connection);
                throw new EngineException(Kind.JOURNAL, e.getMessage(), e);
            }
            if (node != null) {
                clientIds.remove(clientId, connection);
                throw new EngineException(Kind.INVALID_CLIENT_ID, "client ID '" + clientId + "' is already in use"
                        + " by a connection of node " + node + " of the shared journal " + store.url());
            }
        }
    }
}
