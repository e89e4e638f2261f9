package org.wharfmq.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an operator can do to a queue or durable subscription (through JMX): look at its messages, purge it,
 * delete one message, move messages to another queue, pause and resume delivery. Every change goes through the
 * journal like a consumer's acknowledgement or a producer's send, so a crash midway loses or duplicates nothing.
 */
public final class QueueOperations {

    private final Engine engine;

    public QueueOperations(Engine engine) {
        this.engine = engine;
    }

    public Engine engine() {
        return engine;
    }

    /** The first {@code max} ready messages in delivery order, as stored (not claimed: consumers still get them). */
    public List<StoredView> browse(MessageQueue q, int max) throws EngineException {
        List<StoredView> out = new ArrayList<>();
        for (QueueEntry e : q.snapshot()) {
            if (out.size() >= max) {
                break;
            }
            out.add(new StoredView(e.message.id, e.deliveryCount, engine.body(e)));
        }
        return out;
    }

    /** A stored message as an operator sees it: its journal id, delivery count and stored form. */
    public record StoredView(long id, int deliveryCount, byte[] body) {
    }

    /** Deletes every message that is not in flight; returns how many. */
    public int purge(MessageQueue q) throws EngineException {
        List<QueueEntry> claimed = q.claimAll(q.snapshotAll());
        engine.commit(List.of(), claimed);
        return claimed.size();
    }

    /** Deletes one message by its journal id; false if it is not there (or in flight). */
    public boolean delete(MessageQueue q, long messageId) throws EngineException {
        QueueEntry e = q.claimById(messageId);
        if (e == null) {
            return false;
        }
        engine.commit(List.of(), List.of(e));
        return true;
    }

    /**
     * Moves the ready messages that match {@code selector} (null: all) to the queue {@code to}, each in one journal
     * transaction with its removal from here; returns how many moved. The copies keep their JMSMessageID.
     */
    public int move(MessageQueue from, String selector, String to) throws EngineException {
        if (to == null || to.isBlank()) {
            throw new EngineException(EngineException.Kind.INVALID_DESTINATION, "name the queue to move messages to");
        }
        MessageQueue target = engine.destinations().queue(to);
        if (target == from) {
            throw new EngineException(EngineException.Kind.CONFLICT, "cannot move messages of " + from.name()
                    + " to itself");
        }
        MessageFilter filter = selector == null || selector.isBlank() ? null : engine.config().hooks().filter(selector);
        List<QueueEntry> matching = new ArrayList<>();
        for (QueueEntry e : from.snapshot()) {
            if (filter == null || filter.matches(engine.body(e), e.deliveryCount + 1)) {
                matching.add(e);
            }
        }
        // one pass over the queue, not one per message; what a consumer took meanwhile is not claimed
        List<QueueEntry> claimed = from.claimAll(matching);
        for (int i = 0; i < claimed.size(); i++) {
            try {
                engine.relocations().move(claimed.get(i), target, Map.of(), null); // an operator's move is no dead letter: no note
            } catch (EngineException e) {
                for (QueueEntry left : claimed.subList(i, claimed.size())) {
                    from.release(left, 0); // not moved: back where they were
                }
                throw e;
            }
        }
        return claimed.size();
    }
}
