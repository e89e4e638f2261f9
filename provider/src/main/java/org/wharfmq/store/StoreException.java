package org.wharfmq.store;

/** A store operation failed; the message says what to do about it where that is known. */
public class StoreException extends Exception {

    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when the failure is (or was caused by) the disk the store lives on being full. */
    public boolean isDiskFull() {
        for (Throwable t = this; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("not enough space on the disk"))) {
                return true;
            }
        }
        return false;
    }
}
