package org.wharfmq.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.security.PasswordCredential;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.Subject;

/**
 * The outbound side of the adapter (Connectors 2.1 §6.5.3, {@link ManagedConnectionFactory}): the application
 * server pools the {@link WharfManagedConnection}s it makes and hands out {@link WharfRAConnectionFactory}
 * instances — {@code jakarta.jms.ConnectionFactory}, {@code QueueConnectionFactory} and
 * {@code TopicConnectionFactory} — whose connections are handles on them. Physical connections come from the
 * associated {@link WharfResourceAdapter}'s journal; XA is the transaction support level.
 */
public class WharfManagedConnectionFactory
        implements ManagedConnectionFactory, ResourceAdapterAssociation, TransactionSupport {

    private static final long serialVersionUID = 1L;

    private transient WharfResourceAdapter ra;
    private transient PrintWriter logWriter;
    private String userName;
    private String password;

    /** Default user for connections created without credentials (container-managed sign-on may override it). */
    public String getUserName() {
        return userName;
    }

    /** A blank value is no user: WildFly passes {@code ${wharf.ra.userName:}} of ironjacamar.xml as "" when unset. */
    public void setUserName(String userName) {
        this.userName = userName == null || userName.isBlank() ? null : userName;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password == null || password.isEmpty() ? null : password;
    }

    @Override
    public Object createConnectionFactory(ConnectionManager cm) throws ResourceException {
        return new WharfRAConnectionFactory(this, cm);
    }

    /** Outside an application server (non-managed, Connectors 2.1 §6.5.3.1): every connection is a new one. */
    @Override
    public Object createConnectionFactory() throws ResourceException {
        return new WharfRAConnectionFactory(this, new UnpooledConnectionManager());
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        WharfManagedConnection mc = new WharfManagedConnection(this, adapter(), credentials(subject, info));
        adapter().opened(mc);
        return mc;
    }

    /** A pooled connection signed on as the same user, whatever its former handles did (they are gone). */
    @Override
    public ManagedConnection matchManagedConnections(@SuppressWarnings("rawtypes") Set candidates, Subject subject,
                                                     ConnectionRequestInfo info) throws ResourceException {
        WharfConnectionRequestInfo wanted = credentials(subject, info);
        for (Object c : candidates) {
            if (c instanceof WharfManagedConnection mc && mc.factory() == this && mc.usable()
                    && mc.credentials().sameSignOn(wanted)) {
                return mc;
            }
        }
        return null;
    }

    /**
     * Container-managed sign-on takes the PasswordCredential the container put in the Subject for this factory;
     * component-managed sign-on the user and password given to {@code createConnection(user, password)}; otherwise
     * the factory's own {@code userName}.
     */
    WharfConnectionRequestInfo credentials(Subject subject, ConnectionRequestInfo info) {
        if (subject != null) {
            for (PasswordCredential pc : subject.getPrivateCredentials(PasswordCredential.class)) {
                // a credential without a user is no sign-on (GlassFish passes one for a pool that has no principal)
                if ((pc.getManagedConnectionFactory() == null || pc.getManagedConnectionFactory().equals(this))
                        && pc.getUserName() != null && !pc.getUserName().isBlank()) {
                    return new WharfConnectionRequestInfo(pc.getUserName(), new String(pc.getPassword()));
                }
            }
        }
        if (info instanceof WharfConnectionRequestInfo w && w.userName() != null) {
            return w;
        }
        return new WharfConnectionRequestInfo(userName, password);
    }

    WharfResourceAdapter adapter() throws ResourceException {
        WharfResourceAdapter a = ra;
        if (a == null) {
            throw new ResourceAdapterInternalException("this Wharf connection factory is not associated with a Wharf "
                    + "resource adapter; deploy it through wharf-ra.rar");
        }
        return a;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return ra;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) throws ResourceException {
        if (!(ra instanceof WharfResourceAdapter w)) {
            throw new ResourceAdapterInternalException("a Wharf connection factory needs the Wharf resource adapter, "
                    + "not " + (ra == null ? "null" : ra.getClass().getName()));
        }
        this.ra = w;
    }

    @Override
    public TransactionSupportLevel getTransactionSupport() {
        return TransactionSupportLevel.XATransaction;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    /** Equal when configured alike (Connectors 2.1 §6.5.3.4): same adapter, same default user. */
    @Override
    public boolean equals(Object o) {
        return o instanceof WharfManagedConnectionFactory f && f.ra == ra && Objects.equals(f.userName, userName)
                && Objects.equals(f.password, password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(ra), userName);
    }
}
