package org.wharfmq.journal;

import org.wharfmq.store.StoreException;

/** A journal operation failed; the message says what to do about it where that is known. */
public class JournalException extends StoreException {

    private static final long serialVersionUID = 1L;

    public JournalException(String message) {
        super(message);
    }

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
