package org.wharfmq.tck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.wharfmq.tck.support.ApiReferences;

/**
 * The suite's own completeness checks: every public method of every {@code jakarta.jms} interface is called by
 * some test, and no test depends on a provider's classes.
 */
class ApiCoverageTest {

    /**
     * Interfaces no test can call. The first three are implemented by applications and called by the provider
     * (the listener tests exercise them); ServerSession, ServerSessionPool and ConnectionConsumer belong to the
     * optional application server facility (§9.2).
     */
    private static final Set<String> NOT_CALLABLE = Set.of("MessageListener", "ExceptionListener",
            "CompletionListener", "ServerSession", "ServerSessionPool", "ConnectionConsumer");

    private static Path testClasses() throws URISyntaxException {
        return Path.of(ApiCoverageTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static List<Class<?>> jmsInterfaces() throws Exception {
        Path jar = Path.of(jakarta.jms.Message.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> result = new ArrayList<>();
        try (JarFile j = new JarFile(jar.toFile())) {
            for (JarEntry e : Collections.list(j.entries())) {
                String n = e.getName();
                if (n.startsWith("jakarta/jms/") && n.endsWith(".class") && !n.contains("$") && !n.contains("module-info")) {
                    Class<?> c = Class.forName(n.substring(0, n.length() - 6).replace('/', '.'));
                    if (c.isInterface() && !c.isAnnotation() && !NOT_CALLABLE.contains(c.getSimpleName())) {
                        result.add(c);
                    }
                }
            }
        }
        return result;
    }

    private static String key(Method m) {
        return m.getDeclaringClass().getSimpleName() + "." + m.getName() + descriptor(m);
    }

    private static String descriptor(Method m) {
        StringBuilder sb = new StringBuilder("(");
        for (Class<?> p : m.getParameterTypes()) {
            sb.append(p.getSimpleName()).append(',');
        }
        if (sb.charAt(sb.length() - 1) == ',') {
            sb.setLength(sb.length() - 1);
        }
        return sb.append(')').toString();
    }

    /** Resolves a call site to the interface method it invokes (it may be declared in a super-interface). */
    private static Method resolve(ApiReferences.MethodRef ref) {
        try {
            Class<?> owner = Class.forName(ref.owner().replace('/', '.'));
            for (Method m : owner.getMethods()) {
                if (m.getName().equals(ref.name()) && jvmDescriptor(m).equals(ref.descriptor())) {
                    return m;
                }
            }
        } catch (ClassNotFoundException e) {
            return null;
        }
        return null;
    }

    /** The JVM method descriptor, {@code (Ljava/lang/String;I)V}. */
    private static String jvmDescriptor(Method m) {
        StringBuilder sb = new StringBuilder("(");
        for (Class<?> p : m.getParameterTypes()) {
            sb.append(type(p));
        }
        return sb.append(')').append(type(m.getReturnType())).toString();
    }

    private static String type(Class<?> c) {
        if (c.isArray()) {
            return "[" + type(c.getComponentType());
        }
        if (c == void.class) {
            return "V";
        }
        if (c.isPrimitive()) {
            return switch (c.getName()) {
                case "boolean" -> "Z";
                case "byte" -> "B";
                case "char" -> "C";
                case "short" -> "S";
                case "int" -> "I";
                case "long" -> "J";
                case "float" -> "F";
                default -> "D";
            };
        }
        return "L" + c.getName().replace('.', '/') + ";";
    }

    @Test
    @DisplayName("every public method of every jakarta.jms interface is called by some test")
    void everyApiMethodIsCalled() throws Exception {
        Set<String> called = new HashSet<>();
        for (ApiReferences.MethodRef ref : ApiReferences.scan(testClasses()).methods) {
            if (ref.owner().startsWith("jakarta/jms/")) {
                Method m = resolve(ref);
                if (m != null) {
                    called.add(key(m));
                }
            }
        }
        Set<String> uncalled = new TreeSet<>();
        int total = 0;
        for (Class<?> c : jmsInterfaces()) {
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()) && !m.isSynthetic()) {
                    total++;
                    if (!called.contains(key(m))) {
                        uncalled.add(key(m));
                    }
                }
            }
        }
        System.out.printf("API coverage: %d of %d jakarta.jms interface methods called by tests%n",
                total - uncalled.size(), total);
        assertTrue(uncalled.isEmpty(), uncalled.size() + " jakarta.jms methods no test calls:\n  "
                + String.join("\n  ", uncalled));
    }

    @Test
    @DisplayName("no test depends on a provider's classes: only jakarta.jms and JNDI")
    void testsAreProviderNeutral() throws Exception {
        Set<String> offending = new TreeSet<>();
        Path root = testClasses();
        try (var files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (rel.startsWith("org/wharfmq/tck/support/")) {
                    continue; // the fixture chooses the provider
                }
                ApiReferences one = ApiReferences.scan(p);
                for (String c : one.classes) {
                    if ((c.startsWith("org/wharfmq/") && !c.startsWith("org/wharfmq/tck/"))
                            || c.startsWith("org/apache/activemq/")) {
                        offending.add(rel + " -> " + c);
                    }
                }
            }
        }
        assertTrue(offending.isEmpty(), "tests reference provider classes:\n  " + String.join("\n  ", offending));
    }
}
