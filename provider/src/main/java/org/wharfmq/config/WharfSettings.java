package org.wharfmq.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.wharfmq.engine.DeliveryPolicies;
import org.wharfmq.engine.DeliveryPolicy;

/**
 * Every setting of a Wharf connection factory, immutable and validated in one place. Settings come from the
 * factory's JavaBean setters, from JNDI ({@code connectionFactory.<name>=<url>?clientID=...}) or from the
 * resource adapter; all of them end up here. {@link #PROPERTIES} documents each one; docs/configuration.md is
 * checked against it by a test.
 *
 * <p>Delivery policies (redelivery delay, attempts, dead-letter and expiry queues) have defaults and
 * per-destination overrides written {@code policy.<destination>.<property>}, where the destination may end
 * in {@code *} to match a prefix: {@code policy.orders.maxDeliveryAttempts=3},
 * {@code policy.billing.*.deadLetterQueue=billing.dlq}.
 *
 * <p>Factories naming the same journal share one engine: the engine-level settings ({@code journalUser},
 * {@code journalPassword}, {@code bodyCacheBytes}, {@code metrics} and the delivery policies) of the first factory that opens it
 * apply.
 */
public record WharfSettings(String journalUrl, String journalUser, String journalPassword, String user,
                            String password, String securityFile, String clientID, ObjectAllowList objectMessageAllowList,
                            long bodyCacheBytes, long maxMessageBytes, long expirySweepMillis,
                            long engineLingerMillis, long nodeLeaseSeconds, String nodeName, long pollMillis,
                            boolean metrics,
                            DeliveryPolicies deliveryPolicies,
                            Map<String, String> policyOverrides) {

    /** 100 MiB: bodies are held in memory while they are sent and delivered. */
    public static final long DEFAULT_MAX_MESSAGE_BYTES = 100L * 1024 * 1024;

    /** Ten seconds: long enough for a connection per operation, short enough to let go of an unused journal. */
    public static final long DEFAULT_ENGINE_LINGER_MILLIS = 10_000;

    /** Thirty seconds: a journal whose owner stopped renewing for longer may be taken by another engine. */
    public static final long DEFAULT_NODE_LEASE_SECONDS = 30;

    /** The default journal: an H2 file under the working directory. */
    public static final String DEFAULT_JOURNAL_URL = "jdbc:h2:file:./wharf-data/journal";

    /** One documented setting. */
    public record Property(String name, String defaultValue, String description) {
    }

    /** Every setting, its default and what it does. */
    public static final List<Property> PROPERTIES = List.of(
            new Property("journalUrl", DEFAULT_JOURNAL_URL,
                    "JDBC URL of the journal: an embedded H2 file by default (jdbc:h2:file:<path>), the local"
                            + " journal of one JVM; or a PostgreSQL database (jdbc:postgresql://<host>:<port>/<db>), the"
                            + " shared journal that several JVMs (nodes) use at once, see docs/cluster.md. Other"
                            + " settings may follow it as ?name=value&name=value (URL-encoded), with the same effect"
                            + " everywhere a journal URL is taken (constructor, setter, JNDI, resource adapter); an"
                            + " unknown one is refused, and so is a URL of a database Wharf keeps no journal in. In a"
                            + " PostgreSQL URL, user, password and every parameter that is not a Wharf setting are the"
                            + " driver's and stay in the URL."),
            new Property("journalUser", "sa", "Database user of the journal (of a PostgreSQL journal: unless its URL"
                    + " names one with user=)."),
            new Property("journalPassword", "", "Database password of the journal."),
            new Property("user", "", "Default user name for createConnection()/createContext() without"
                    + " credentials. Authentication is off in the embedded default."),
            new Property("password", "", "Default password that goes with 'user'."),
            new Property("securityFile", "",
                    "Path of a security realm file (users with salted password hashes, and grants per destination"
                            + " for send, consume, browse, durable subscriptions and temporary destinations);"
                            + " connections must then authenticate and may only do what a grant allows. Empty:"
                            + " security is off (the embedded default). See docs/operations.md#security."),
            new Property("clientID", "", "Client identifier given to every connection this factory creates"
                    + " (JMS 3.1 §6.1.2); empty means none, so the application may set one."),
            new Property("objectMessageAllowList", ObjectAllowList.DEFAULT,
                    "Comma-separated packages (com.acme.*) or classes that ObjectMessage bodies may deserialize"
                            + " into; everything else is refused. The system property"
                            + " wharf.objectMessageAllowList overrides the default."),
            new Property("bodyCacheBytes", "auto",
                    "How many bytes of persistent message bodies the engine keeps in memory; bodies beyond it are"
                            + " read from the journal when delivered, so a large backlog does not need a large heap."
                            + " auto: an eighth of the maximum heap, at most 64 MiB."),
            new Property("maxMessageBytes", String.valueOf(DEFAULT_MAX_MESSAGE_BYTES),
                    "Largest message a producer of this factory may send, in bytes of its stored form (body, headers"
                            + " and properties); a larger one is refused with ResourceAllocationException before"
                            + " anything is stored."),
            new Property("expirySweepMillis", "5000",
                    "How often, in milliseconds, every queue and subscription is searched for expired messages that"
                            + " no consumer has come across (consumers never receive expired messages either way)."),
            new Property("engineLingerMillis", String.valueOf(DEFAULT_ENGINE_LINGER_MILLIS),
                    "How long, in milliseconds, the engine keeps its journal open after the last connection to it"
                            + " closed, so that a program that opens a connection per operation (Spring's JmsTemplate"
                            + " on a plain factory) does not open the journal again each time. Its threads are daemon"
                            + " threads and a shutdown hook closes it, so it never keeps a JVM running. While it"
                            + " lingers the journal is open in this JVM, so no other process can open it: 0 closes"
                            + " it with the last connection, for a program that hands the journal to another. The factory of the last connection to close decides; the"
                            + " resource adapter always closes its journal when it stops."),
            new Property("nodeLeaseSeconds", String.valueOf(DEFAULT_NODE_LEASE_SECONDS),
                    "The lease, in seconds, of the engine that owns a journal: it renews it every third of that, and"
                            + " another engine may take the journal only after it lapsed. A local (H2) journal belongs to"
                            + " one engine: a second one, in another JVM through an H2 server URL too, is refused with a"
                            + " message naming the owner. An embedded file H2 has locked needs no wait after a crash"
                            + " (opening it proves its owner gone), nor does an owner of this host whose process is gone;"
                            + " through an H2 server, a dead owner of another host keeps the journal until its lease"
                            + " lapsed. At least 3."),
            new Property("nodeName", "",
                    "The name of this JVM's engine among the nodes of a shared (PostgreSQL) journal, unique among the"
                            + " live nodes: a second live node of the same name is refused. Empty: host name and process"
                            + " id. A node restarted under its old name takes its place at once once the old one's"
                            + " lease lapsed."),
            new Property("pollMillis", "500",
                    "How often, in milliseconds, a node of a shared (PostgreSQL) journal looks for new messages for"
                            + " its waiting consumers when no notification came: the bound on the delay a lost"
                            + " notification (a broken connection, a failover) can cause, and on how late a delayed"
                            + " message another node sent is delivered. 10 to 60000."),
            new Property("metrics", "true",
                    "Keep the operators' figures: counts and rates per queue and subscription, the last hour of"
                            + " each, commit latency percentiles, and their MXBeans (org.wharfmq:*). false turns all of"
                            + " it off (the bench measures what it costs); engine-level, like bodyCacheBytes."),
            new Property("redeliveryDelay", String.valueOf(DeliveryPolicy.DEFAULT_REDELIVERY_DELAY),
                    "Milliseconds before a message that was rolled back, recovered or failed in a listener is"
                            + " delivered again; 0 redelivers at once. No thread waits meanwhile, and other messages"
                            + " keep flowing."),
            new Property("redeliveryMultiplier", String.valueOf(DeliveryPolicy.DEFAULT_REDELIVERY_MULTIPLIER),
                    "Factor applied to the redelivery delay for each further attempt (exponential backoff)."),
            new Property("maxRedeliveryDelay", String.valueOf(DeliveryPolicy.DEFAULT_MAX_REDELIVERY_DELAY),
                    "Upper bound of the redelivery delay, in milliseconds."),
            new Property("maxDeliveryAttempts", String.valueOf(DeliveryPolicy.DEFAULT_MAX_DELIVERY_ATTEMPTS),
                    "Deliveries after which a message that is still not consumed moves to the dead-letter queue;"
                            + " 0 retries forever."),
            new Property("deadLetterQueue", DeliveryPolicy.DEFAULT_DEAD_LETTER_QUEUE,
                    "Queue that receives messages that used up their delivery attempts, with properties"
                            + " JMS_WharfOriginalDestination, JMS_WharfDeliveryAttempts and JMS_WharfFailureReason."),
            new Property("expiryQueue", DeliveryPolicy.DEFAULT_EXPIRY_QUEUE,
                    "Queue that receives expired messages, with JMS_WharfOriginalDestination and"
                            + " JMS_WharfExpiredAt; empty drops them."));

    /** The settings that can also be given per destination as {@code policy.<destination>.<name>}. */
    public static final Set<String> POLICY_PROPERTIES = Set.of("redeliveryDelay", "redeliveryMultiplier",
            "maxRedeliveryDelay", "maxDeliveryAttempts", "deadLetterQueue", "expiryQueue");

    /** Prefix of per-destination policy settings. */
    public static final String POLICY_PREFIX = "policy.";

    public WharfSettings {
        Objects.requireNonNull(journalUrl, "journalUrl");
        policyOverrides = Collections.unmodifiableMap(new LinkedHashMap<>(policyOverrides));
        if (bodyCacheBytes < 0) {
            throw new IllegalArgumentException("bodyCacheBytes must be >= 0, not " + bodyCacheBytes);
        }
    }

    /** The defaults, with the journal at {@code journalUrl}. */
    public static WharfSettings defaults(String journalUrl) {
        return from(Map.of("journalUrl", journalUrl));
    }

    /**
     * Builds settings from property names and string values; a name that is not a setting, or a value that
     * does not parse, fails with an {@link IllegalArgumentException} naming the property.
     */
    public static WharfSettings from(Map<String, String> given) {
        Map<String, String> values = withUrlOptions(given);
        Map<String, String> v = new LinkedHashMap<>();
        for (Property p : PROPERTIES) {
            v.put(p.name(), p.defaultValue());
        }
        String allowOverride = System.getProperty("wharf.objectMessageAllowList");
        if (allowOverride != null) {
            v.put("objectMessageAllowList", allowOverride);
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().startsWith(POLICY_PREFIX)) {
                overrides.put(e.getKey(), e.getValue() == null ? "" : e.getValue());
                continue;
            }
            if (!v.containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown Wharf setting '" + e.getKey() + "'; known settings: "
                        + String.join(", ", v.keySet()));
            }
            v.put(e.getKey(), e.getValue() == null ? "" : e.getValue());
        }
        String url = v.get("journalUrl");
        if (url.isBlank()) {
            throw new IllegalArgumentException("setting 'journalUrl' must not be empty");
        }
        checkStore(url.trim());
        long cache;
        try {
            cache = v.get("bodyCacheBytes").trim().equalsIgnoreCase("auto") ? autoBodyCacheBytes()
                    : Long.parseLong(v.get("bodyCacheBytes").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting 'bodyCacheBytes' must be a whole number of bytes or auto, not '"
                    + v.get("bodyCacheBytes") + "'");
        }
        if (cache < 0) {
            throw new IllegalArgumentException("setting 'bodyCacheBytes' must be >= 0, not " + cache);
        }
        String clientId = v.get("clientID");
        DeliveryPolicy defaults = policy("", v, Map.of());
        List<DeliveryPolicies.Override> perDestination = new ArrayList<>();
        Map<String, Map<String, String>> byPattern = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String rest = e.getKey().substring(POLICY_PREFIX.length());
            int dot = rest.lastIndexOf('.');
            String property = dot < 0 ? "" : rest.substring(dot + 1);
            if (dot <= 0 || !POLICY_PROPERTIES.contains(property)) {
                throw new IllegalArgumentException("setting '" + e.getKey() + "' must be written policy.<destination>."
                        + "<property> with a property among " + POLICY_PROPERTIES);
            }
            byPattern.computeIfAbsent(rest.substring(0, dot), k -> new LinkedHashMap<>()).put(property, e.getValue());
        }
        for (Map.Entry<String, Map<String, String>> p : byPattern.entrySet()) {
            perDestination.add(new DeliveryPolicies.Override(p.getKey(),
                    policy(POLICY_PREFIX + p.getKey() + ".", v, p.getValue())));
        }
        return new WharfSettings(url, v.get("journalUser"), v.get("journalPassword"), v.get("user"),
                v.get("password"), v.get("securityFile").trim(), clientId.isEmpty() ? null : clientId,
                ObjectAllowList.parse(v.get("objectMessageAllowList")), cache, positive("maxMessageBytes", v),
                positive("expirySweepMillis", v), notNegative("engineLingerMillis", v), lease(v),
                v.get("nodeName").trim(), pollMillis(v), bool("metrics", v),
                new DeliveryPolicies(defaults, perDestination), overrides);
    }

    /**
     * The journal URL's scheme chooses the store: {@code jdbc:h2:} the local journal, {@code jdbc:postgresql:} the
     * shared one; anything else is refused here, naming the setting, rather than when a connection first opens it —
     * unless the system property {@code wharf.journal.dialect} (Journal.DIALECT_PROPERTY) names a dialect for
     * another database.
     */
    private static void checkStore(String url) {
        if (isH2(url) || isPostgres(url) || System.getProperty("wharf.journal.dialect") != null) {
            return;
        }
        throw new IllegalArgumentException("setting 'journalUrl' must be an H2 JDBC URL (jdbc:h2:file:<path>, the"
                + " journal of one JVM) or a PostgreSQL JDBC URL (jdbc:postgresql://<host>:<port>/<database>, the"
                + " journal several JVMs share), not '" + url + "'");
    }

    private static boolean isH2(String url) {
        return url.regionMatches(true, 0, "jdbc:h2:", 0, "jdbc:h2:".length());
    }

    private static boolean isPostgres(String url) {
        return url.regionMatches(true, 0, "jdbc:postgresql:", 0, "jdbc:postgresql:".length());
    }

    /** Whether {@code name} written after {@code ?} in a journal URL is Wharf's (else, in a PostgreSQL URL, the driver's). */
    private static boolean isWharfOption(String name) {
        if (name.startsWith(POLICY_PREFIX)) {
            return true;
        }
        for (Property p : PROPERTIES) {
            if (p.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The settings written after {@code ?} in the journal URL ({@link JournalUrl}) become settings like the others,
     * so that a URL means the same through every entry point. The same setting given on its own with another
     * value is refused: which of the two was meant cannot be guessed, and a security setting must never be
     * dropped in silence.
     */
    private static Map<String, String> withUrlOptions(Map<String, String> given) {
        String url = given.get("journalUrl");
        if (url == null || url.indexOf('?') < 0) {
            return given;
        }
        JournalUrl parsed = JournalUrl.parse(url);
        boolean postgres = isPostgres(parsed.jdbcUrl());
        Map<String, String> values = new LinkedHashMap<>(given);
        StringBuilder driverOptions = new StringBuilder();
        for (Map.Entry<String, String> o : parsed.options().entrySet()) {
            String name = o.getKey();
            // a PostgreSQL URL's user and password are the database's, as in any PostgreSQL JDBC URL
            if (postgres && (name.equals("user") || name.equals("password") || !isWharfOption(name))) {
                driverOptions.append(driverOptions.length() == 0 ? '?' : '&').append(encode(name)).append('=')
                        .append(encode(o.getValue()));
                continue;
            }
            if (name.equals("journalUrl")) {
                throw new IllegalArgumentException("setting 'journalUrl': the option journalUrl cannot be given in"
                        + " the journal URL itself");
            }
            String alone = given.get(name);
            if (alone != null && !alone.equals(o.getValue())) {
                throw new IllegalArgumentException("setting '" + name + "' is given twice with different values: '"
                        + o.getValue() + "' in the journal URL and '" + alone + "' on its own");
            }
            values.put(name, o.getValue());
        }
        values.put("journalUrl", parsed.jdbcUrl() + driverOptions);
        return values;
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A policy from the defaults in {@code base}, overridden by {@code specific}; errors name the setting. */
    private static DeliveryPolicy policy(String prefix, Map<String, String> base, Map<String, String> specific) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String name : POLICY_PROPERTIES) {
            p.put(name, specific.getOrDefault(name, base.get(name)));
        }
        try {
            return new DeliveryPolicy(number(prefix, "redeliveryDelay", p), decimal(prefix, "redeliveryMultiplier", p),
                    number(prefix, "maxRedeliveryDelay", p), (int) number(prefix, "maxDeliveryAttempts", p),
                    p.get("deadLetterQueue").trim(), p.get("expiryQueue").trim());
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("setting '")) {
                throw e;
            }
            throw new IllegalArgumentException("invalid delivery policy" + (prefix.isEmpty() ? "" : " for destination '"
                    + prefix.substring(POLICY_PREFIX.length(), prefix.length() - 1) + "'") + ": " + e.getMessage());
        }
    }

    /**
     * An eighth of the heap, at most 64 MiB: the index of a million waiting messages already takes ~170 MB, so a
     * fixed 64 MiB of cached bodies would not leave a 256 MB heap room for anything else.
     */
    static long autoBodyCacheBytes() {
        return Math.min(64L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 8);
    }

    private static long lease(Map<String, String> v) {
        long n = number("", "nodeLeaseSeconds", v);
        if (n < 3 || n > 86_400) {
            throw new IllegalArgumentException("setting 'nodeLeaseSeconds' must be between 3 and 86400 seconds, not " + n);
        }
        return n;
    }

    private static long pollMillis(Map<String, String> v) {
        long n = number("", "pollMillis", v);
        if (n < 10 || n > 60_000) {
            throw new IllegalArgumentException("setting 'pollMillis' must be between 10 and 60000 milliseconds, not "
                    + n);
        }
        return n;
    }

    private static boolean bool(String name, Map<String, String> v) {
        String s = v.get(name).trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException("setting '" + name + "' must be true or false, not '" + v.get(name) + "'");
    }

    private static long positive(String name, Map<String, String> v) {
        long n = number("", name, v);
        if (n <= 0) {
            throw new IllegalArgumentException("setting '" + name + "' must be > 0, not " + n);
        }
        return n;
    }

    private static long notNegative(String name, Map<String, String> v) {
        long n = number("", name, v);
        if (n < 0) {
            throw new IllegalArgumentException("setting '" + name + "' must be >= 0, not " + n);
        }
        return n;
    }

    private static long number(String prefix, String name, Map<String, String> p) {
        try {
            return Long.parseLong(p.get(name).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + prefix + name + "' must be a whole number, not '"
                    + p.get(name) + "'");
        }
    }

    private static double decimal(String prefix, String name, Map<String, String> p) {
        try {
            return Double.parseDouble(p.get(name).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + prefix + name + "' must be a number, not '"
                    + p.get(name) + "'");
        }
    }

    /** The settings as property values, the inverse of {@link #from}. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("journalUrl", journalUrl);
        m.put("journalUser", journalUser);
        m.put("journalPassword", journalPassword);
        m.put("user", user);
        m.put("password", password);
        m.put("securityFile", securityFile);
        m.put("clientID", clientID == null ? "" : clientID);
        m.put("objectMessageAllowList", objectMessageAllowList.toString());
        m.put("bodyCacheBytes", String.valueOf(bodyCacheBytes));
        m.put("maxMessageBytes", String.valueOf(maxMessageBytes));
        m.put("expirySweepMillis", String.valueOf(expirySweepMillis));
        m.put("engineLingerMillis", String.valueOf(engineLingerMillis));
        m.put("nodeLeaseSeconds", String.valueOf(nodeLeaseSeconds));
        m.put("nodeName", nodeName);
        m.put("pollMillis", String.valueOf(pollMillis));
        m.put("metrics", String.valueOf(metrics));
        m.putAll(asSettings(deliveryPolicies.defaults()));
        m.putAll(policyOverrides);
        return Collections.unmodifiableMap(m);
    }

    /** A policy as the settings that make it ({@link #POLICY_PROPERTIES}). */
    private static Map<String, String> asSettings(DeliveryPolicy d) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("redeliveryDelay", String.valueOf(d.redeliveryDelay()));
        m.put("redeliveryMultiplier", String.valueOf(d.redeliveryMultiplier()));
        m.put("maxRedeliveryDelay", String.valueOf(d.maxRedeliveryDelay()));
        m.put("maxDeliveryAttempts", String.valueOf(d.maxDeliveryAttempts()));
        m.put("deadLetterQueue", d.deadLetterQueue());
        m.put("expiryQueue", d.expiryQueue());
        return m;
    }

    /**
     * The policy of {@code destination} with some of its properties ({@link #POLICY_PROPERTIES}) replaced;
     * errors name the property as {@code policy.<destination>.<property>}.
     */
    public DeliveryPolicy policyWith(String destination, Map<String, String> changes) {
        for (String name : changes.keySet()) {
            if (!POLICY_PROPERTIES.contains(name)) {
                throw new IllegalArgumentException("'" + name + "' is not a delivery policy property; use one of "
                        + POLICY_PROPERTIES);
            }
        }
        return policy(POLICY_PREFIX + destination + ".", asSettings(deliveryPolicies.forDestination(destination)),
                changes);
    }

    /** A copy with one setting changed, validated like any other. */
    public WharfSettings with(String name, String value) {
        Map<String, String> m = new LinkedHashMap<>(toMap());
        if (!m.containsKey(name) && !name.startsWith(POLICY_PREFIX)) {
            throw new IllegalArgumentException("unknown Wharf setting '" + name + "'");
        }
        m.put(name, value);
        return from(m);
    }
}
