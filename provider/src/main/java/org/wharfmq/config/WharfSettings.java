package org.wharfmq.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.wharfmq.jms.message.ObjectAllowList;

/**
 * Every setting of a Wharf connection factory, immutable and validated in one place. Settings come from the
 * factory's JavaBean setters, from JNDI ({@code connectionFactory.<name>=<url>?clientID=...}) or from the
 * resource adapter; all of them end up here. {@link #PROPERTIES} documents each one; docs/configuration.md is
 * checked against it by a test.
 *
 * <p>Factories naming the same journal share one engine: the engine-level settings ({@code journalUser},
 * {@code journalPassword}, {@code bodyCacheBytes}) of the first factory that opens it apply.
 */
public record WharfSettings(String journalUrl, String journalUser, String journalPassword, String user,
                            String password, String clientID, ObjectAllowList objectMessageAllowList,
                            long bodyCacheBytes) {

    /** The default journal: an H2 file under the working directory. */
    public static final String DEFAULT_JOURNAL_URL = "jdbc:h2:file:./wharf-data/journal";

    /** One documented setting. */
    public record Property(String name, String defaultValue, String description) {
    }

    /** Every setting, its default and what it does. */
    public static final List<Property> PROPERTIES = List.of(
            new Property("journalUrl", DEFAULT_JOURNAL_URL,
                    "JDBC URL of the journal. An embedded H2 file by default; jdbc:h2:tcp://... to share one"
                            + " journal between JVMs through an H2 server."),
            new Property("journalUser", "sa", "Database user of the journal."),
            new Property("journalPassword", "", "Database password of the journal."),
            new Property("user", "", "Default user name for createConnection()/createContext() without"
                    + " credentials. Authentication is off in the embedded default."),
            new Property("password", "", "Default password that goes with 'user'."),
            new Property("clientID", "", "Client identifier given to every connection this factory creates"
                    + " (JMS 3.1 §6.1.2); empty means none, so the application may set one."),
            new Property("objectMessageAllowList", ObjectAllowList.DEFAULT,
                    "Comma-separated packages (com.acme.*) or classes that ObjectMessage bodies may deserialize"
                            + " into; everything else is refused. The system property"
                            + " wharf.objectMessageAllowList overrides the default."),
            new Property("bodyCacheBytes", String.valueOf(64L * 1024 * 1024),
                    "How many bytes of persistent message bodies the engine keeps in memory; bodies beyond it are"
                            + " read from the journal when delivered, so a large backlog does not need a large heap."));

    public WharfSettings {
        Objects.requireNonNull(journalUrl, "journalUrl");
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
    public static WharfSettings from(Map<String, String> values) {
        Map<String, String> v = new LinkedHashMap<>();
        for (Property p : PROPERTIES) {
            v.put(p.name(), p.defaultValue());
        }
        String allowOverride = System.getProperty("wharf.objectMessageAllowList");
        if (allowOverride != null) {
            v.put("objectMessageAllowList", allowOverride);
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
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
        long cache;
        try {
            cache = Long.parseLong(v.get("bodyCacheBytes").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting 'bodyCacheBytes' must be a whole number of bytes, not '"
                    + v.get("bodyCacheBytes") + "'");
        }
        if (cache < 0) {
            throw new IllegalArgumentException("setting 'bodyCacheBytes' must be >= 0, not " + cache);
        }
        String clientId = v.get("clientID");
        return new WharfSettings(url, v.get("journalUser"), v.get("journalPassword"), v.get("user"),
                v.get("password"), clientId.isEmpty() ? null : clientId,
                ObjectAllowList.parse(v.get("objectMessageAllowList")), cache);
    }

    /** The settings as property values, the inverse of {@link #from}. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("journalUrl", journalUrl);
        m.put("journalUser", journalUser);
        m.put("journalPassword", journalPassword);
        m.put("user", user);
        m.put("password", password);
        m.put("clientID", clientID == null ? "" : clientID);
        m.put("objectMessageAllowList", objectMessageAllowList.toString());
        m.put("bodyCacheBytes", String.valueOf(bodyCacheBytes));
        return Collections.unmodifiableMap(m);
    }

    /** A copy with one setting changed, validated like any other. */
    public WharfSettings with(String name, String value) {
        Map<String, String> m = new LinkedHashMap<>(toMap());
        if (!m.containsKey(name)) {
            throw new IllegalArgumentException("unknown Wharf setting '" + name + "'");
        }
        m.put(name, value);
        return from(m);
    }
}
