package org.wharfmq.engine;

/**
 * A failure the facade turns into the matching JMS exception; {@link Kind} says which one, so the engine
 * needs no JMS types.
 */
public final class EngineException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, in the terms the JMS facade maps to exception classes. */
    public enum Kind {
        /** InvalidDestinationException. */
        INVALID_DESTINATION,
        /** IllegalStateException. */
        ILLEGAL_STATE,
        /** InvalidClientIDException. */
        INVALID_CLIENT_ID,
        /** A plain JMSException: the request conflicts with existing state. */
        CONFLICT,
        /** The journal failed; nothing of the request was applied. */
        JOURNAL,
        /** ResourceAllocationException: the journal's disk is full. */
        JOURNAL_FULL,
        /** XAER_NOTA: no such transaction branch. */
        UNKNOWN_TRANSACTION,
        /** XAER_DUPID: the branch exists already. */
        DUPLICATE_TRANSACTION,
        /** XAER_PROTO: the request does not fit the branch's state. */
        TRANSACTION_STATE
    }

    private final Kind kind;

    public EngineException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public EngineException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
