package org.wharfmq.security;

import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import java.nio.file.Path;
import java.util.logging.Logger;
import org.wharfmq.security.SecurityRealm.Action;

/**
 * What one connection's user may do (JMS 3.1 §6.1.4: a provider may authenticate the user of
 * {@code createConnection(user, password)}; a denied operation throws {@code JMSSecurityException}). Without a
 * realm file everything is allowed; a connection without a user name is the realm's anonymous identity, if it
 * names one, and refused otherwise. Denials are logged with the user and the destination, never with a password.
 */
public final class Authorization {

    private static final Logger LOG = Logger.getLogger(Authorization.class.getName());

    /** Security off. */
    public static final Authorization OFF = new Authorization(null, null);

    private final SecurityRealm realm;
    private final SecurityRealm.User user;

    private Authorization(SecurityRealm realm, SecurityRealm.User user) {
        this.realm = realm;
        this.user = user;
    }

    /** Authenticates {@code user} against the realm in {@code securityFile}; everything is allowed without one. */
    public static Authorization authenticate(String securityFile, String user, String password) throws JMSException {
        if (securityFile.isEmpty()) {
            return OFF;
        }
        SecurityRealm realm;
        try {
            realm = SecurityRealm.of(Path.of(securityFile));
        } catch (IllegalArgumentException e) {
            JMSException j = new JMSException(e.getMessage());
            j.initCause(e);
            throw j;
        }
        if (user == null || user.isEmpty()) {
            return realm.anonymous().map(u -> new Authorization(realm, u)).orElseThrow(() -> {
                LOG.warning("connection refused: no user name given, and security is on (" + realm + ")");
                return new JMSSecurityException("security is on: connect with createConnection(user, password) or"
                        + " createContext(user, password), set the factory's 'user' and 'password', or name an"
                        + " identity for connections without credentials in the realm file (anonymous = <name>,"
                        + " <role>...)");
            });
        }
        return realm.authenticate(user, password).map(u -> new Authorization(realm, u)).orElseThrow(() -> {
            LOG.warning("connection refused: user '" + user + "' could not be authenticated");
            return new JMSSecurityException("user '" + user + "' could not be authenticated: unknown user or wrong"
                    + " password");
        });
    }

    /**
     * Throws JMSSecurityException unless the user may do {@code action} to the named destination. A temporary
     * destination belongs to its connection, and whoever holds a reference to it may use it, so it is not checked.
     */
    public void check(Action action, String destination, boolean topic, boolean temporary)
            throws JMSSecurityException {
        if (realm == null || temporary || realm.permits(user, action, destination)) {
            return;
        }
        String what = (topic ? "topic '" : "queue '") + destination + "'";
        LOG.warning("denied: user '" + user.name() + "' may not " + action.key() + " " + what);
        throw new JMSSecurityException("user '" + user.name() + "' may not " + action.key() + " " + what
                + ": no grant '" + action.key() + "." + destination + "' (or a prefix* of it) names one of the"
                + " user's roles " + user.roles());
    }

    /** Throws JMSSecurityException unless the user may create temporary destinations. */
    public void checkTemporary() throws JMSSecurityException {
        if (realm == null || realm.permits(user, Action.TEMPORARY, null)) {
            return;
        }
        LOG.warning("denied: user '" + user.name() + "' may not create temporary destinations");
        throw new JMSSecurityException("user '" + user.name() + "' may not create temporary destinations: no grant"
                + " 'temporary' names one of the user's roles " + user.roles());
    }
}
