package org.wharfmq.jms;

import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.List;
import org.wharfmq.engine.Engine;
import org.wharfmq.engine.EngineException;
import org.wharfmq.engine.Outgoing;
import org.wharfmq.engine.QueueEntry;
import org.wharfmq.engine.XaBranch;

/**
 * What a session has received but not settled and, in a transacted session, what it has sent but not committed
 * (JMS 3.1 §6.2.7, §6.2.10-12). The session's mode decides how it is settled: acknowledged one by one (AUTO,
 * lazily for DUPS_OK), all at once (CLIENT), with the sends in one commit (transacted), or released for
 * redelivery (recover, rollback, close). Thread-safe: a listener thread and the application thread may both
 * touch it.
 */
final class UnitOfWork {

    private final Engine engine;
    private final int mode;
    private final List<QueueEntry> unsettled = new ArrayList<>();
    private final List<Outgoing> sends = new ArrayList<>();
    /** The XA branch the session is associated with (between XAResource.start and end), if any. */
    private XaBranch branch;

    UnitOfWork(Engine engine, int mode) {
        this.engine = engine;
        this.mode = mode;
    }

    synchronized boolean acknowledgesEach() {
        return branch == null && (mode == Session.AUTO_ACKNOWLEDGE || mode == Session.DUPS_OK_ACKNOWLEDGE);
    }

    /** Sends wait for a commit: in a transacted session, and in an XA session associated with a branch. */
    synchronized boolean buffering() {
        return mode == Session.SESSION_TRANSACTED || branch != null;
    }

    /** XAResource.start: from now on the session works for {@code b}. */
    synchronized void enterBranch(XaBranch b) {
        branch = b;
    }

    /** XAResource.end: the work done since start belongs to the branch; the session is free again. */
    synchronized void leaveBranch() {
        if (branch != null) {
            branch.add(new ArrayList<>(sends), new ArrayList<>(unsettled));
            sends.clear();
            unsettled.clear();
            branch = null;
        }
    }

    synchronized void delivered(QueueEntry e) {
        unsettled.add(e);
    }

    synchronized void buffer(Outgoing o) {
        sends.add(o);
    }

    /** Removes an entry if it is still unsettled (recover() inside a listener may have released it). */
    private synchronized boolean take(QueueEntry e) {
        return unsettled.remove(e);
    }

    private synchronized List<QueueEntry> takeAll() {
        List<QueueEntry> all = new ArrayList<>(unsettled);
        unsettled.clear();
        return all;
    }

    /** AUTO/DUPS_OK: the application has the message, so it is acknowledged (durably for AUTO). */
    void settle(QueueEntry e) throws EngineException {
        if (!acknowledgesEach() || !take(e)) {
            return;
        }
        if (mode == Session.DUPS_OK_ACKNOWLEDGE) {
            engine.acknowledgeLazily(List.of(e));
            return;
        }
        try {
            engine.commit(List.of(), List.of(e));
        } catch (EngineException ex) {
            engine.release(List.of(e), "the acknowledgement could not be stored: " + ex.getMessage());
            throw ex;
        }
    }

    /** AUTO/DUPS_OK: a listener threw, so the message is redelivered (§8.7) — after the redelivery delay. */
    void failed(QueueEntry e, String reason) {
        if (acknowledgesEach() && take(e)) {
            engine.release(List.of(e), reason);
        }
    }

    /** AUTO/DUPS_OK: a failed receiveBody is undone as if it never happened (§8.4). */
    void undo(QueueEntry e) {
        if (acknowledgesEach() && take(e)) {
            engine.unclaim(e);
        }
    }

    /** CLIENT_ACKNOWLEDGE: acknowledges everything delivered so far; on failure nothing is. */
    void acknowledgeAll() throws EngineException {
        List<QueueEntry> entries = takeAll();
        try {
            engine.commit(List.of(), entries);
        } catch (EngineException e) {
            synchronized (this) {
                unsettled.addAll(0, entries);
            }
            throw e;
        }
    }

    /** Transacted: sends and receives in one journal transaction; on failure everything is rolled back. */
    void commit() throws EngineException {
        List<Outgoing> committed;
        List<QueueEntry> acks;
        synchronized (this) {
            committed = new ArrayList<>(sends);
            acks = new ArrayList<>(unsettled);
            sends.clear();
            unsettled.clear();
        }
        try {
            engine.commit(committed, acks);
        } catch (EngineException e) {
            engine.release(acks, "the transaction could not be committed: " + e.getMessage());
            throw e;
        }
    }

    /** Discards buffered sends and releases every unsettled entry for redelivery; {@code reason} says why. */
    void rollback(String reason) {
        synchronized (this) {
            sends.clear();
        }
        engine.release(takeAll(), reason);
    }
}
