package org.wharfmq.jms;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.naming.NamingException;
import javax.naming.Reference;
import javax.naming.Referenceable;
import javax.naming.StringRefAddr;
import org.wharfmq.config.WharfSettings;
import org.wharfmq.engine.Engine;
import org.wharfmq.engine.EngineConfig;
import org.wharfmq.engine.EngineException;
import org.wharfmq.engine.EngineRegistry;
import org.wharfmq.jndi.WharfObjectFactory;
import org.wharfmq.security.Authorization;

/**
 * The entry point of Wharf in Java SE (JMS 3.1 §6.1, §2.8 administered objects): creates connections and
 * JMSContexts over the journal it names. {@code new WharfConnectionFactory()} uses an H2 file under
 * {@code ./wharf-data}; {@code new WharfConnectionFactory("jdbc:h2:file:/var/lib/app/journal")} another one.
 * Every factory naming the same journal shares one engine in the JVM.
 *
 * <p>Settings are JavaBean properties (see {@link WharfSettings#PROPERTIES}); a bad value fails in the setter
 * with an {@link IllegalArgumentException} naming the property.
 */
public class WharfConnectionFactory implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory,
        Serializable, Referenceable {

    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, String> properties = new LinkedHashMap<>();

    /** A factory for the default journal, {@value WharfSettings#DEFAULT_JOURNAL_URL}. */
    public WharfConnectionFactory() {
        this(WharfSettings.DEFAULT_JOURNAL_URL);
    }

    /** A factory for the journal at {@code journalUrl}. */
    public WharfConnectionFactory(String journalUrl) {
        set("journalUrl", journalUrl);
    }

    /** A factory with the given settings (names as in {@link WharfSettings#PROPERTIES}). */
    public WharfConnectionFactory(Map<String, String> settings) {
        WharfSettings.from(settings);
        properties.putAll(settings);
    }

    /** The validated settings this factory uses now. */
    public WharfSettings settings() {
        return WharfSettings.from(properties);
    }

    /** Sets one setting by name, validated like every other (for JNDI and object factories). */
    public void set(String name, String value) {
        LinkedHashMap<String, String> next = new LinkedHashMap<>(properties);
        next.put(name, value);
        WharfSettings.from(next);
        properties.put(name, value);
    }

    public String getJournalUrl() {
        return settings().journalUrl();
    }

    public void setJournalUrl(String journalUrl) {
        set("journalUrl", journalUrl);
    }

    public void setJournalUser(String journalUser) {
        set("journalUser", journalUser);
    }

    public void setJournalPassword(String journalPassword) {
        set("journalPassword", journalPassword);
    }

    public String getUser() {
        return settings().user();
    }

    public void setUser(String user) {
        set("user", user);
    }

    public void setPassword(String password) {
        set("password", password);
    }

    public String getClientID() {
        return settings().clientID();
    }

    public void setClientID(String clientID) {
        set("clientID", clientID);
    }

    public String getObjectMessageAllowList() {
        return settings().objectMessageAllowList().toString();
    }

    public void setObjectMessageAllowList(String allowList) {
        set("objectMessageAllowList", allowList);
    }

    public String getSecurityFile() {
        return settings().securityFile();
    }

    /** The security realm file ({@code securityFile}); empty turns security off. */
    public void setSecurityFile(String path) {
        set("securityFile", path);
    }

    public long getMaxMessageBytes() {
        return settings().maxMessageBytes();
    }

    /** Largest message a producer may send ({@code maxMessageBytes}). */
    public void setMaxMessageBytes(long bytes) {
        set("maxMessageBytes", String.valueOf(bytes));
    }

    public long getBodyCacheBytes() {
        return settings().bodyCacheBytes();
    }

    public void setBodyCacheBytes(long bytes) {
        set("bodyCacheBytes", String.valueOf(bytes));
    }

    public void setExpirySweepMillis(long millis) {
        set("expirySweepMillis", String.valueOf(millis));
    }

    public long getRedeliveryDelay() {
        return settings().deliveryPolicies().defaults().redeliveryDelay();
    }

    public void setRedeliveryDelay(long millis) {
        set("redeliveryDelay", String.valueOf(millis));
    }

    public void setRedeliveryMultiplier(double multiplier) {
        set("redeliveryMultiplier", String.valueOf(multiplier));
    }

    public void setMaxRedeliveryDelay(long millis) {
        set("maxRedeliveryDelay", String.valueOf(millis));
    }

    public int getMaxDeliveryAttempts() {
        return settings().deliveryPolicies().defaults().maxDeliveryAttempts();
    }

    public void setMaxDeliveryAttempts(int attempts) {
        set("maxDeliveryAttempts", String.valueOf(attempts));
    }

    public String getDeadLetterQueue() {
        return settings().deliveryPolicies().defaults().deadLetterQueue();
    }

    public void setDeadLetterQueue(String queue) {
        set("deadLetterQueue", queue);
    }

    public String getExpiryQueue() {
        return settings().deliveryPolicies().defaults().expiryQueue();
    }

    public void setExpiryQueue(String queue) {
        set("expiryQueue", queue);
    }

    /** Sets a per-destination policy property: {@code setPolicy("orders.*", "maxDeliveryAttempts", "3")}. */
    public void setPolicy(String destination, String property, String value) {
        set(WharfSettings.POLICY_PREFIX + destination + "." + property, value);
    }

    // ---- classic API ---------------------------------------------------------------------------------

    @Override
    public Connection createConnection() throws JMSException {
        WharfSettings s = settings();
        return createConnection(s.user(), s.password());
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return open(settings(), false, userName, password);
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return (QueueConnection) createConnection();
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return (QueueConnection) createConnection(userName, password);
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return (TopicConnection) createConnection();
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return (TopicConnection) createConnection(userName, password);
    }

    /**
     * Opens a connection (an XA connection if {@code xa}) on the engine of the settings' journal, for the user
     * the realm authenticates when security is on (JMS 3.1 §6.1.4).
     */
    WharfConnection open(WharfSettings s, boolean xa, String user, String password) throws JMSException {
        Engine engine;
        try {
            engine = EngineRegistry.acquire(new EngineConfig(s.journalUrl(), s.journalUser(), s.journalPassword(),
                    s.bodyCacheBytes(), s.expirySweepMillis(), s.deliveryPolicies(), WharfEngineHooks.INSTANCE,
                    s.securityFile(), s.metrics(), java.time.Duration.ofSeconds(s.nodeLeaseSeconds()), s.nodeName(),
                    s.pollMillis()));
        } catch (EngineException e) {
            throw JmsExceptions.from(e);
        }
        Authorization authorization;
        try {
            // the realm of the engine, not of this factory: a factory without one cannot bypass it
            authorization = Authorization.authenticate(engine.securityFile(), user, password);
        } catch (JMSException e) {
            EngineRegistry.release(engine, s.engineLingerMillis());
            throw e;
        }
        WharfConnection c = xa ? new WharfXAConnection(engine, s, authorization)
                : new WharfConnection(engine, s, authorization);
        if (s.clientID() != null) {
            try {
                c.assignClientID(s.clientID());
            } catch (JMSException e) {
                c.close();
                throw e;
            }
        }
        return c;
    }

    // ---- simplified API ------------------------------------------------------------------------------

    @Override
    public JMSContext createContext() {
        return createContext(JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return createContext(userName, password, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        WharfSettings s = settings();
        return createContext(s.user(), s.password(), sessionMode);
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        WharfSession.checkSessionMode(sessionMode, true);
        WharfConnection c = JmsExceptions.unchecked(() -> open(settings(), false, userName, password));
        try {
            return new WharfJMSContext(c, sessionMode);
        } catch (JMSRuntimeException e) {
            JmsExceptions.uncheckedRun(c::close);
            throw e;
        }
    }

    // ---- JNDI ------------------------------------------------------------------------------------------

    @Override
    public Reference getReference() throws NamingException {
        Reference ref = new Reference(WharfConnectionFactory.class.getName(), WharfObjectFactory.class.getName(), null);
        for (Map.Entry<String, String> e : properties.entrySet()) {
            ref.add(new StringRefAddr(e.getKey(), e.getValue()));
        }
        return ref;
    }

    @Override
    public String toString() {
        return "WharfConnectionFactory[" + settings().journalUrl() + "]";
    }
}
