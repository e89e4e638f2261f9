package org.wharfmq.config;

import java.io.ObjectInputFilter;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Which classes an ObjectMessage body may deserialize into. Deserializing an arbitrary class graph is how the
 * ActiveMQ ObjectMessage CVEs executed code, so Wharf refuses every class that is not on this list before it is
 * loaded. Entries are package prefixes ending in {@code .} or {@code .*} ({@code com.acme.*}), exact class
 * names, or {@code *} (everything, not recommended).
 */
public final class ObjectAllowList {

    /** Limits on any ObjectMessage body's object graph, whatever its classes. */
    public static final int MAX_DEPTH = 20;
    public static final long MAX_REFERENCES = 1_000_000;
    public static final long MAX_ARRAY = 10_000_000;
    /** Put in {@code rejected[0]} when a graph limit, not a class, refused the body. */
    public static final String GRAPH_LIMIT = "<graph limit>";

    /** The JDK's value types; applications add their own packages. */
    public static final String DEFAULT = "java.lang.*,java.util.*,java.math.*,java.time.*";

    private final List<String> entries;

    private ObjectAllowList(List<String> entries) {
        this.entries = entries;
    }

    /** Parses a comma-separated list; blank entries are ignored. */
    public static ObjectAllowList parse(String spec) {
        Objects.requireNonNull(spec, "allow-list");
        return new ObjectAllowList(Arrays.stream(spec.split(","))
                .map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.endsWith(".*") ? s.substring(0, s.length() - 1) : s)
                .toList());
    }

    public boolean allows(String className) {
        for (String e : entries) {
            if (e.equals("*") || e.equals(className) || (e.endsWith(".") && className.startsWith(e))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A filter for {@link java.io.ObjectInputStream} that rejects every class outside the list; the name of a
     * rejected class is put in {@code rejected[0]} so the error can name it.
     */
    public ObjectInputFilter filter(String[] rejected) {
        return info -> {
            // the allow-list cannot stop a serialization bomb built of allowed classes (nested HashSets cost 2^depth)
            if (info.depth() > MAX_DEPTH || info.references() > MAX_REFERENCES || info.arrayLength() > MAX_ARRAY) {
                rejected[0] = GRAPH_LIMIT;
                return ObjectInputFilter.Status.REJECTED;
            }
            Class<?> c = info.serialClass();
            if (c == null) {
                return ObjectInputFilter.Status.UNDECIDED;
            }
            while (c.isArray()) {
                c = c.getComponentType();
            }
            if (c.isPrimitive()) {
                return ObjectInputFilter.Status.ALLOWED;
            }
            if (allows(c.getName())) {
                return ObjectInputFilter.Status.ALLOWED;
            }
            rejected[0] = c.getName();
            return ObjectInputFilter.Status.REJECTED;
        };
    }

    @Override
    public String toString() {
        return String.join(",", entries);
    }
}
