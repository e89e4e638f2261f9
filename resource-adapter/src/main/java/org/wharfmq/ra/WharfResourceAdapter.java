package org.wharfmq.ra;

import jakarta.jms.JMSException;
import jakarta.jms.XASession;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;
import org.wharfmq.jms.WharfXAConnection;
import org.wharfmq.jms.WharfXAConnectionFactory;

/**
 * The Wharf resource adapter (Jakarta Connectors 2.1 §5.3, {@link ResourceAdapter}): one journal, one engine,
 * shared by the pooled connection factories ({@link WharfManagedConnectionFactory}) and the message-driven bean
 * activations ({@link WharfActivationSpec}). Its config properties are Wharf settings (see
 * docs/resource-adapter.md); they are validated when the adapter starts, and an invalid one fails the deployment
 * with a message that names it.
 *
 * <p>{@link #start} opens the journal (recovering it after a crash); {@link #stop} ends the activations (waiting up
 * to {@code deactivationTimeoutMillis} for deliveries in progress), closes every physical connection and with
 * the last one the engine, so that nothing of Wharf's — thread, timer or open file — outlives the deployment.
 */
public class WharfResourceAdapter implements ResourceAdapter, Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(WharfResourceAdapter.class.getName());

    /** Wharf settings given as config properties, by setting name; unset ones keep Wharf's defaults. */
    private final Map<String, String> settings = new LinkedHashMap<>();
    private long deactivationTimeoutMillis = 30_000;

    private transient volatile WharfXAConnectionFactory factory;
    /** Keeps the engine open from start to stop, whatever the pools do; also the recovery connection. */
    private transient WharfXAConnection anchor;
    private transient XASession recoverySession;
    private transient BootstrapContext bootstrap;
    private transient Map<ActivationKey, EndpointActivation> activations;
    private transient Set<WharfManagedConnection> managedConnections;
    /** While the shared journal could not be opened yet: the retry, and the activations that wait for it. */
    private transient JournalRetry retry;
    private transient List<EndpointActivation> waiting;

    private record ActivationKey(MessageEndpointFactory factory, ActivationSpec spec) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ActivationKey k && k.factory == factory && k.spec == spec;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(factory) * 31 + System.identityHashCode(spec);
        }
    }

    // ---- config properties (ra.xml) ----------------------------------------------------------------------

    private void put(String name, Object value) {
        if (value == null) {
            settings.remove(name);
        } else {
            settings.put(name, value.toString());
        }
    }

    /** The H2 journal; default: {@link DefaultJournal#url()}, a file under the server's data directory. */
    public String getJournalUrl() {
        return settings.get("journalUrl");
    }

    public void setJournalUrl(String journalUrl) {
        put("journalUrl", journalUrl == null || journalUrl.isBlank() ? null : journalUrl);
    }

    public String getJournalUser() {
        return settings.get("journalUser");
    }

    public void setJournalUser(String journalUser) {
        put("journalUser", journalUser);
    }

    public String getJournalPassword() {
        return settings.get("journalPassword");
    }

    public void setJournalPassword(String journalPassword) {
        put("journalPassword", journalPassword);
    }

    public Long getRedeliveryDelay() {
        return settings.containsKey("redeliveryDelay") ? Long.valueOf(settings.get("redeliveryDelay")) : null;
    }

    public void setRedeliveryDelay(Long redeliveryDelay) {
        put("redeliveryDelay", redeliveryDelay);
    }

    public Long getMaxRedeliveryDelay() {
        return settings.containsKey("maxRedeliveryDelay") ? Long.valueOf(settings.get("maxRedeliveryDelay")) : null;
    }

    public void setMaxRedeliveryDelay(Long maxRedeliveryDelay) {
        put("maxRedeliveryDelay", maxRedeliveryDelay);
    }

    public Integer getMaxDeliveryAttempts() {
        return settings.containsKey("maxDeliveryAttempts") ? Integer.valueOf(settings.get("maxDeliveryAttempts")) : null;
    }

    public void setMaxDeliveryAttempts(Integer maxDeliveryAttempts) {
        put("maxDeliveryAttempts", maxDeliveryAttempts);
    }

    public String getDeadLetterQueue() {
        return settings.get("deadLetterQueue");
    }

    public void setDeadLetterQueue(String deadLetterQueue) {
        put("deadLetterQueue", deadLetterQueue);
    }

    public String getExpiryQueue() {
        return settings.get("expiryQueue");
    }

    public void setExpiryQueue(String expiryQueue) {
        put("expiryQueue", expiryQueue);
    }

    public String getObjectMessageAllowList() {
        return settings.get("objectMessageAllowList");
    }

    public void setObjectMessageAllowList(String objectMessageAllowList) {
        put("objectMessageAllowList", objectMessageAllowList);
    }

    public Long getBodyCacheBytes() {
        return settings.containsKey("bodyCacheBytes") ? Long.valueOf(settings.get("bodyCacheBytes")) : null;
    }

    public void setBodyCacheBytes(Long bodyCacheBytes) {
        put("bodyCacheBytes", bodyCacheBytes);
    }

    /** How long undeployment waits for message-driven beans still in onMessage before giving their messages back. */
    public Long getDeactivationTimeoutMillis() {
        return deactivationTimeoutMillis;
    }

    public void setDeactivationTimeoutMillis(Long millis) {
        if (millis == null || millis < 0) {
            throw new IllegalArgumentException("config property 'deactivationTimeoutMillis' must be >= 0, not " + millis);
        }
        this.deactivationTimeoutMillis = millis;
    }

    /**
     * Any other Wharf setting, as {@code name=value} lines or {@code ;}-separated pairs — for example per-destination
     * policies: {@code policy.orders.maxDeliveryAttempts=3;policy.orders.deadLetterQueue=orders.dlq}.
     */
    public String getSettings() {
        return null;
    }

    public void setSettings(String pairs) {
        if (pairs == null) {
            return;
        }
        for (String pair : pairs.split("[;\\n]")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("config property 'settings' must hold name=value pairs separated by "
                        + "';', not '" + pair.trim() + "'");
            }
            put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
    }

    // ---- life cycle ------------------------------------------------------------------------------------

    @Override
    public synchronized void start(BootstrapContext ctx) throws ResourceAdapterInternalException {
        WharfXAConnectionFactory f = new WharfXAConnectionFactory(DefaultJournal.url());
        for (Map.Entry<String, String> s : settings.entrySet()) {
            try {
                f.set(s.getKey(), s.getValue());
            } catch (IllegalArgumentException e) {
                throw new ResourceAdapterInternalException("Wharf resource adapter: config property '" + s.getKey()
                        + "': " + e.getMessage(), e);
            }
        }
        try {
            // undeploying must leave no Wharf thread or open file behind: no linger after the anchor closes
            f.set("engineLingerMillis", "0");
        } catch (IllegalArgumentException e) {
            throw new ResourceAdapterInternalException("Wharf resource adapter: " + e.getMessage(), e);
        }
        try {
            anchor = (WharfXAConnection) f.createXAConnection();
            recoverySession = anchor.createXASession();
        } catch (JMSException e) {
            if (!isShared(f.getJournalUrl())) {
                throw new ResourceAdapterInternalException("Wharf resource adapter: the journal " + f.getJournalUrl()
                        + " could not be opened: " + e.getMessage(), e);
            }
            // PostgreSQL down or unreachable for now: keep trying, and let activations wait, instead of giving up
            LOG.warning("Wharf resource adapter: the shared journal " + f.getJournalUrl() + " cannot be opened now ("
                    + e.getMessage() + "); trying again every " + JournalRetry.RETRY_MILLIS + " ms, activations"
                    + " wait for it");
            retry = new JournalRetry(this);
            waiting = new ArrayList<>();
        }
        bootstrap = ctx;
        activations = new ConcurrentHashMap<>();
        managedConnections = ConcurrentHashMap.newKeySet();
        factory = f;
        if (retry != null) {
            try {
                ctx.getWorkManager().scheduleWork(retry);
            } catch (jakarta.resource.spi.work.WorkException e) {
                factory = null;
                throw new ResourceAdapterInternalException("Wharf resource adapter: the WorkManager refused the work"
                        + " that opens the shared journal: " + e.getMessage(), e);
            }
            return;
        }
        LOG.info(() -> "Wharf resource adapter started; journal " + f.getJournalUrl());
    }

    private static boolean isShared(String journalUrl) {
        return journalUrl.regionMatches(true, 0, "jdbc:postgresql:", 0, "jdbc:postgresql:".length());
    }

    /**
     * One attempt of {@link JournalRetry}: opens the shared journal and starts the activations that waited; true
     * once it is open (or the adapter stopped meanwhile).
     */
    synchronized boolean tryOpen() {
        WharfXAConnectionFactory f = factory;
        if (f == null || anchor != null) {
            return true;
        }
        try {
            anchor = (WharfXAConnection) f.createXAConnection();
            recoverySession = anchor.createXASession();
        } catch (JMSException e) {
            LOG.fine(() -> "the shared journal " + f.getJournalUrl() + " still cannot be opened: " + e.getMessage());
            return false;
        }
        LOG.info(() -> "Wharf resource adapter started; journal " + f.getJournalUrl() + " opened after "
                + "waiting for it; starting " + waiting.size() + " activation(s) that waited");
        for (EndpointActivation a : waiting) {
            try {
                a.start();
            } catch (ResourceException e) {
                LOG.log(Level.SEVERE, "Wharf: an activation that waited for the shared journal could not start", e);
            }
        }
        waiting.clear();
        retry = null;
        return true;
    }

    @Override
    public void stop() {
        List<EndpointActivation> running;
        synchronized (this) {
            if (factory == null) {
                return;
            }
            running = new ArrayList<>(activations.values());
            activations.clear();
        }
        JournalRetry r;
        synchronized (this) {
            r = retry;
            retry = null;
        }
        if (r != null) {
            r.release();
        }
        for (EndpointActivation a : running) {
            a.stop(deactivationTimeoutMillis);
        }
        for (WharfManagedConnection mc : new ArrayList<>(managedConnections)) {
            mc.reportLeakedHandles("the resource adapter stopped");
            try {
                mc.destroy();
            } catch (ResourceException e) {
                LOG.log(Level.WARNING, "a Wharf connection could not be closed at stop", e);
            }
        }
        synchronized (this) {
            try {
                if (anchor != null) {
                    anchor.close();
                }
            } catch (JMSException e) {
                LOG.log(Level.WARNING, "the Wharf journal could not be closed cleanly", e);
            }
            waiting = null;
            LOG.info(() -> "Wharf resource adapter stopped; journal " + factory.getJournalUrl() + " closed");
            factory = null;
            anchor = null;
            recoverySession = null;
            bootstrap = null;
        }
    }

    /** The factory of physical connections; fails when the adapter is not started. */
    WharfXAConnectionFactory factory() throws ResourceException {
        WharfXAConnectionFactory f = factory;
        if (f == null) {
            throw new ResourceAdapterInternalException("the Wharf resource adapter is not started");
        }
        return f;
    }

    BootstrapContext bootstrap() {
        return bootstrap;
    }

    void opened(WharfManagedConnection mc) {
        managedConnections.add(mc);
    }

    void destroyed(WharfManagedConnection mc) {
        Set<WharfManagedConnection> set = managedConnections;
        if (set != null) {
            set.remove(mc);
        }
    }

    // ---- inbound ---------------------------------------------------------------------------------------

    @Override
    public void endpointActivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) throws ResourceException {
        if (!(spec instanceof WharfActivationSpec ws)) {
            throw new NotSupportedException("Wharf activates endpoints with a WharfActivationSpec, not "
                    + (spec == null ? "null" : spec.getClass().getName()));
        }
        ws.validate();
        factory();
        EndpointActivation a = new EndpointActivation(this, endpointFactory, ws);
        synchronized (this) {
            if (anchor == null && waiting != null) {
                // the shared journal is not open yet: it starts when it is (JournalRetry)
                waiting.add(a);
                activations.put(new ActivationKey(endpointFactory, spec), a);
                LOG.info(() -> "Wharf activation " + ws + " waits for the shared journal");
                return;
            }
        }
        a.start();
        activations.put(new ActivationKey(endpointFactory, spec), a);
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
        Map<ActivationKey, EndpointActivation> map = activations;
        EndpointActivation a = map == null ? null : map.remove(new ActivationKey(endpointFactory, spec));
        synchronized (this) {
            if (a != null && waiting != null) {
                waiting.remove(a);
            }
        }
        if (a != null) {
            a.stop(deactivationTimeoutMillis);
        }
    }

    /**
     * The journal's XAResource, whose {@code recover} lists the branches prepared and not yet resolved — inbound
     * and outbound alike, since they share the journal — so that the transaction manager can finish them after
     * a crash (Connectors 2.1 §7.13, §13.4.4).
     */
    @Override
    public synchronized XAResource[] getXAResources(ActivationSpec[] specs) throws ResourceException {
        factory();
        if (recoverySession == null) {
            // the shared journal is not open yet: nothing to recover now; the transaction manager asks again
            return new XAResource[0];
        }
        // worth seeing in the server log: when the transaction manager asks is when in-doubt branches can finish
        LOG.info(() -> "Wharf: the transaction manager asked for the journal's XAResource to recover "
                + (specs == null ? 0 : specs.length) + " activation(s)");
        return new XAResource[] {recoverySession.getXAResource()};
    }

    /** Config properties decide equality (Connectors 2.1 §5.3.1): two adapters on one journal are the same. */
    @Override
    public boolean equals(Object o) {
        return o instanceof WharfResourceAdapter ra && ra.settings.equals(settings)
                && ra.deactivationTimeoutMillis == deactivationTimeoutMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(settings, deactivationTimeoutMillis);
    }
}
