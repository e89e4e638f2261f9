package org.wharfmq.shared;

/** The shared journal cannot be used as it is: a setting of the database, or a schema this Wharf does not know. */
public final class SharedJournalException extends Exception {

    private static final long serialVersionUID = 1L;

    public SharedJournalException(String message) {
        super(message);
    }
}
