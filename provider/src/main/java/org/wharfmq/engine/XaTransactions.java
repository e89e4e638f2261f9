package org.wharfmq.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.wharfmq.engine.EngineException.Kind;
import org.wharfmq.store.StoreOp;
import org.wharfmq.store.PreparedBranch;
import org.wharfmq.store.StoredEntry;

/**
 * The engine as an XA resource manager: branches are begun by sessions, prepared into the journal (sends stored
 * but invisible, acknowledged entries held back from delivery), and committed or rolled back — also after a
 * restart, when {@link #prepared()} tells the transaction manager which branches are in doubt. Wharf keeps
 * prepared branches in its own tables, inside ordinary H2 transactions, rather than relying on the database's
 * own two-phase commit.
 */
public final class XaTransactions {

    private static final Logger LOG = Logger.getLogger(XaTransactions.class.getName());

    private final Engine engine;
    private final Map<XaBranch.Key, XaBranch> branches = new ConcurrentHashMap<>();

    XaTransactions(Engine engine) {
        this.engine = engine;
    }

    /** A new branch; refused if the Xid is already known (XAER_DUPID). */
    public XaBranch begin(XaBranch.Key key) throws EngineException {
        XaBranch b = new XaBranch(key);
        if (branches.putIfAbsent(key, b) != null) {
            throw new EngineException(Kind.DUPLICATE_TRANSACTION, "XA branch " + key + " already exists");
        }
        return b;
    }

    /** A known branch (XAER_NOTA when unknown). */
    public XaBranch find(XaBranch.Key key) throws EngineException {
        XaBranch b = branches.get(key);
        if (b == null) {
            throw new EngineException(Kind.UNKNOWN_TRANSACTION, "no XA branch " + key);
        }
        return b;
    }

    /**
     * Phase one: makes the branch's work durable without making it visible. Returns false when the branch did
     * nothing that needs a second phase (XA_RDONLY); it is then finished.
     */
    public boolean prepare(XaBranch b) throws EngineException {
        synchronized (b) {
            if (b.state == XaBranch.State.ROLLBACK_ONLY) {
                throw new EngineException(Kind.TRANSACTION_STATE, b + " is marked rollback-only");
            }
            if (b.state != XaBranch.State.ACTIVE) {
                throw new EngineException(Kind.TRANSACTION_STATE, b + " is already prepared");
            }
            if (b.sends.isEmpty() && b.acks.isEmpty()) {
                branches.remove(b.key);
                return false;
            }
            long id = engine.store.nextXaId();
            List<QueueEntry> routed;
            for (int attempt = 1; ; attempt++) {
                routed = engine.routing.entries(b.sends);
                List<StoreOp> ops = new ArrayList<>();
                ops.add(new StoreOp.InsertXa(id, b.key.formatId(), b.key.gtrid(), b.key.bqual()));
                engine.routing.sendOps(routed, ops, id);
                engine.routing.checks(b.sends, ops);
                for (QueueEntry e : b.acks) {
                    if (e.durable) {
                        ops.add(new StoreOp.InsertXaAck(id, e.queue.id, e.message.id));
                    }
                }
                try {
                    Engine.await(engine.store.write(ops));
                    break;
                } catch (EngineException e) {
                    engine.routing.unroute(routed);
                    if (!engine.routing.again(e, attempt)) {
                        throw e;
                    }
                }
            }
            b.journalId = id;
            b.routed = routed;
            b.state = XaBranch.State.PREPARED;
            return true;
        }
    }

    /** Phase two, or a one-phase commit of a branch that was not prepared. */
    public void commit(XaBranch b, boolean onePhase) throws EngineException {
        synchronized (b) {
            if (onePhase) {
                if (b.state != XaBranch.State.ACTIVE) {
                    throw new EngineException(Kind.TRANSACTION_STATE, "one-phase commit of " + b + " in state "
                            + b.state);
                }
                engine.commit(b.sends, b.acks);
            } else {
                if (b.state != XaBranch.State.PREPARED) {
                    throw new EngineException(Kind.TRANSACTION_STATE, "two-phase commit of " + b
                            + " that is not prepared (" + b.state + ")");
                }
                engine.commitPrepared(b.journalId, b.routed, b.acks);
            }
            branches.remove(b.key);
            if (b.restored) {
                // the operator's evidence that recovery after a crash did finish what was in doubt
                LOG.info(() -> "in-doubt " + b + " committed by its transaction manager's recovery");
            }
        }
    }

    /** Discards the branch's sends and gives its received messages back for redelivery. */
    public void rollback(XaBranch b) throws EngineException {
        synchronized (b) {
            if (b.state == XaBranch.State.PREPARED) {
                engine.rollbackPrepared(b.journalId, b.routed);
            }
            engine.release(b.acks, b.rollbackReason());
            branches.remove(b.key);
            if (b.restored) {
                LOG.info(() -> "in-doubt " + b + " rolled back by its transaction manager's recovery");
            }
        }
    }

    /** Branches prepared and not yet resolved: what XAResource.recover reports. */
    public List<XaBranch.Key> prepared() {
        List<XaBranch.Key> keys = new ArrayList<>();
        for (XaBranch b : branches.values()) {
            if (b.state() == XaBranch.State.PREPARED) {
                keys.add(b.key);
            }
        }
        return keys;
    }

    /**
     * Rebuilds the prepared branches after a restart: their acknowledged entries are taken out of delivery — from
     * the queues the local journal loaded, or, on a shared store, as the entries this node still holds there.
     */
    void restore(List<PreparedBranch> stored, Map<Long, MessageQueue> queues) {
        for (PreparedBranch pb : stored) {
            XaBranch b = new XaBranch(new XaBranch.Key(pb.formatId(), pb.gtrid(), pb.bqual()));
            b.journalId = pb.id();
            b.state = XaBranch.State.PREPARED;
            b.restored = true;
            List<QueueEntry> routed = new ArrayList<>();
            StoredMessage current = null;
            for (StoredEntry s : pb.sends()) {
                MessageQueue q = queues.get(s.queueId());
                if (q == null) {
                    continue;
                }
                if (current == null || current.id != s.messageId()) {
                    current = StoredMessage.fromJournal(s);
                }
                current.addDurableRef();
                routed.add(new QueueEntry(current, q, true, 0));
            }
            b.routed = routed;
            Set<String> missing = new HashSet<>();
            for (long[] ack : pb.acks()) {
                MessageQueue q = queues.get(ack[0]);
                QueueEntry e = q == null ? null : q.claimById(ack[1]);
                if (e == null && q != null && q.dispatchedByStore()) {
                    e = q.heldByPreparedBranch(ack[1]);
                }
                if (e == null) {
                    missing.add(ack[0] + "/" + ack[1]);
                } else {
                    b.acks.add(e);
                }
            }
            if (!missing.isEmpty()) {
                LOG.warning(b + ": acknowledged entries no longer exist: " + missing);
            }
            branches.put(b.key, b);
        }
        if (!stored.isEmpty()) {
            LOG.info(() -> stored.size() + " prepared XA branch(es) in doubt, waiting for their transaction manager's "
                    + "recovery to commit or roll them back: " + branches.keySet());
        }
    }
}
