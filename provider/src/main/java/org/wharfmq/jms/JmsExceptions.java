package org.wharfmq.jms;

import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageNotWriteableRuntimeException;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.ResourceAllocationRuntimeException;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.TransactionRolledBackRuntimeException;
import org.wharfmq.engine.EngineException;

/**
 * The two exception mappings of the facade: engine failures to the JMS exception the specification names, and
 * checked JMS exceptions to their unchecked counterparts for the simplified API (JMS 3.1 §10.2). The second is
 * public because Wharf's resource adapter implements the simplified API too.
 */
public final class JmsExceptions {

    private JmsExceptions() {
    }

    static JMSException from(EngineException e) {
        JMSException j = switch (e.kind()) {
            case INVALID_DESTINATION -> new InvalidDestinationException(e.getMessage());
            case ILLEGAL_STATE -> new IllegalStateException(e.getMessage());
            case INVALID_CLIENT_ID -> new InvalidClientIDException(e.getMessage());
            case JOURNAL_FULL -> new ResourceAllocationException(e.getMessage());
            case CONFLICT, JOURNAL, UNKNOWN_TRANSACTION, DUPLICATE_TRANSACTION, TRANSACTION_STATE ->
                    new JMSException(e.getMessage());
        };
        j.setLinkedException(e);
        j.initCause(e);
        return j;
    }

    /** The unchecked counterpart of {@code e} (same message, error code, and {@code e} as cause). */
    public static JMSRuntimeException toRuntime(JMSException e) {
        String m = e.getMessage();
        String code = e.getErrorCode();
        JMSRuntimeException r;
        if (e instanceof IllegalStateException) {
            r = new IllegalStateRuntimeException(m, code, e);
        } else if (e instanceof InvalidClientIDException) {
            r = new InvalidClientIDRuntimeException(m, code, e);
        } else if (e instanceof InvalidDestinationException) {
            r = new InvalidDestinationRuntimeException(m, code, e);
        } else if (e instanceof InvalidSelectorException) {
            r = new InvalidSelectorRuntimeException(m, code, e);
        } else if (e instanceof JMSSecurityException) {
            r = new JMSSecurityRuntimeException(m, code, e);
        } else if (e instanceof MessageFormatException) {
            r = new MessageFormatRuntimeException(m, code, e);
        } else if (e instanceof MessageNotWriteableException) {
            r = new MessageNotWriteableRuntimeException(m, code, e);
        } else if (e instanceof ResourceAllocationException) {
            r = new ResourceAllocationRuntimeException(m, code, e);
        } else if (e instanceof TransactionInProgressException) {
            r = new TransactionInProgressRuntimeException(m, code, e);
        } else if (e instanceof TransactionRolledBackException) {
            r = new TransactionRolledBackRuntimeException(m, code, e);
        } else {
            r = new JMSRuntimeException(m, code, e);
        }
        return r;
    }

    /** Runs a classic-API call for the simplified API, converting its checked exception. */
    public interface JmsCall<T> {
        T call() throws JMSException;
    }

    public interface JmsAction {
        void run() throws JMSException;
    }

    public static <T> T unchecked(JmsCall<T> call) {
        try {
            return call.call();
        } catch (JMSException e) {
            throw toRuntime(e);
        }
    }

    public static void uncheckedRun(JmsAction action) {
        try {
            action.run();
        } catch (JMSException e) {
            throw toRuntime(e);
        }
    }
}
