package org.wharfmq.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A journal URL as users write it everywhere Wharf takes one — the factory's constructor and
 * {@code setJournalUrl}, JNDI's {@code connectionFactory.<name>=}, the resource adapter's {@code journalUrl}:
 * the JDBC URL, then optionally {@code ?name=value&name=value} Wharf settings (URL-encoded). The settings are
 * applied like any other; none is ever dropped ({@link WharfSettings#from} refuses an unknown one by name). An
 * empty JDBC part ({@code ?clientID=a}) means the default journal.
 *
 * @param jdbcUrl the JDBC URL without the options
 * @param options the settings written after {@code ?}, in their order
 */
public record JournalUrl(String jdbcUrl, Map<String, String> options) {

    public JournalUrl {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** Splits {@code url}; an option not written {@code name=value} fails naming the option. */
    public static JournalUrl parse(String url) {
        String s = url.trim();
        int q = s.indexOf('?');
        if (q < 0) {
            return new JournalUrl(s, Map.of());
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String pair : s.substring(q + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("setting 'journalUrl': option '" + pair
                        + "' must be written name=value");
            }
            String name = decode(pair.substring(0, eq));
            String value = decode(pair.substring(eq + 1));
            String earlier = options.put(name, value);
            if (earlier != null && !earlier.equals(value)) {
                throw new IllegalArgumentException("setting 'journalUrl': option '" + name + "' is given twice, as '"
                        + earlier + "' and as '" + value + "'");
            }
        }
        String jdbc = s.substring(0, q);
        return new JournalUrl(jdbc.isEmpty() ? WharfSettings.DEFAULT_JOURNAL_URL : jdbc, options);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
