package org.wharfmq.ra;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import java.io.Serializable;
import javax.naming.Reference;
import org.wharfmq.jms.JmsExceptions;

/**
 * The connection factory applications look up or inject in an application server (Connectors 2.1 §6.5.1;
 * JMS 3.1 §12): every connection or context it makes is a handle on a pooled, transaction-enlisted
 * {@link WharfManagedConnection}, allocated through the container's ConnectionManager.
 */
public class WharfRAConnectionFactory
        implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory, Serializable, Referenceable {

    private static final long serialVersionUID = 1L;

    private final WharfManagedConnectionFactory mcf;
    private final ConnectionManager cm;
    private Reference reference;

    WharfRAConnectionFactory(WharfManagedConnectionFactory mcf, ConnectionManager cm) {
        this.mcf = mcf;
        this.cm = cm;
    }

    private WharfRAConnection allocate(String user, String password) throws JMSException {
        try {
            return (WharfRAConnection) cm.allocateConnection(mcf, new WharfConnectionRequestInfo(user, password));
        } catch (ResourceException e) {
            Throwable refusal = securityRefusal(e);
            JMSException j = refusal != null
                    ? new jakarta.jms.JMSSecurityException(refusal.getMessage())
                    : new JMSException("no Wharf connection is available: " + e.getMessage());
            j.setLinkedException(e);
            j.initCause(e);
            throw j;
        }
    }

    /**
     * The adapter's own refusal of a sign-on, also when the container wraps it in its own exception (GlassFish's
     * pool answers a failed container-managed sign-on with a ResourceAllocationException around it); null if none.
     */
    private static Throwable securityRefusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.resource.spi.SecurityException) {
                return t;
            }
        }
        return null;
    }

    @Override
    public Connection createConnection() throws JMSException {
        return allocate(null, null);
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return allocate(userName, password);
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return allocate(null, null);
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return allocate(userName, password);
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return allocate(null, null);
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return allocate(userName, password);
    }

    private JMSContext context(String user, String password, int sessionMode) {
        if (sessionMode != JMSContext.AUTO_ACKNOWLEDGE && sessionMode != JMSContext.CLIENT_ACKNOWLEDGE
                && sessionMode != JMSContext.DUPS_OK_ACKNOWLEDGE && sessionMode != JMSContext.SESSION_TRANSACTED) {
            throw new JMSRuntimeException("invalid session mode " + sessionMode + ": use AUTO_ACKNOWLEDGE (1), "
                    + "CLIENT_ACKNOWLEDGE (2), DUPS_OK_ACKNOWLEDGE (3) or SESSION_TRANSACTED (0)");
        }
        WharfRAConnection c = JmsExceptions.unchecked(() -> allocate(user, password));
        try {
            return new WharfRAJMSContext(c, sessionMode);
        } catch (JMSException e) {
            JmsExceptions.uncheckedRun(c::close);
            throw JmsExceptions.toRuntime(e);
        }
    }

    @Override
    public JMSContext createContext() {
        return context(null, null, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return context(userName, password, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        return context(userName, password, sessionMode);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return context(null, null, sessionMode);
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
