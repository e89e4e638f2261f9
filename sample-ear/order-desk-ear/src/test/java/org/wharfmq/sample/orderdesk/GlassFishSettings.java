package org.wharfmq.sample.orderdesk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.wharfmq.sample.orderdesk.h2.RecoveringH2XADataSource;

/**
 * The two GlassFish 7.0 settings that a server needs before a crash, so that it can finish in-doubt XA transactions
 * when it comes back (docs/deploy-glassfish.md, "After a crash"): {@code automatic-recovery} on the server's
 * transaction service, and {@code -Ddeployment.resource.validation=false}, without which GlassFish 7.0.21 refuses at
 * restart an application whose {@code glassfish-resources.xml} defines the resources it references (GlassFish issue
 * #25961) — and only such application-scoped resources, not {@code @DataSourceDefinition} or {@code application.xml}
 * definitions, take part in GlassFish's recovery — and, for the order database, a domain-level pool that
 * GlassFish's start-up recovery can load (see {@link #RECOVERY_POOL}).
 */
final class GlassFishSettings {

    private static final String RECOVERY_JAR = "order-desk-h2-recovery.jar";
    static final String NO_RESOURCE_VALIDATION = "-Ddeployment.resource.validation=false";
    private static final String AUTOMATIC_RECOVERY = "automatic-recovery=\"true\"";
    /**
     * A domain-level XA pool on the order database, used by nothing but GlassFish's recovery: its start-up recovery
     * runs before the application's own (application-scoped) pool exists and fails to load it (RAR7109), so an H2
     * branch in doubt at the crash would keep its locks for ever. Same URL, so the same embedded database. Its data
     * source is {@link RecoveringH2XADataSource}: H2's own rolls back only the first of several branches in doubt.
     */
    private static final String RECOVERY_POOL = """
              <jdbc-connection-pool name="order-desk-recovery-pool" datasource-classname="%s" res-type="javax.sql.XADataSource">
                <property name="URL" value="jdbc:h2:file:./order-desk-data/orders;WRITE_DELAY=0;LOCK_TIMEOUT=30000"></property>
                <property name="user" value="sa"></property>
                <property name="password" value="order-desk"></property>
              </jdbc-connection-pool>
              <jdbc-resource pool-name="order-desk-recovery-pool" jndi-name="jdbc/OrderDeskRecovery"></jdbc-resource>
            """.formatted(RecoveringH2XADataSource.class.getName());
    /** What the recovery pool used before: a domain configured by an earlier run is moved to the class above. */
    private static final String H2_XA_DATA_SOURCE = "datasource-classname=\"org.h2.jdbcx.JdbcDataSource\"";

    private GlassFishSettings() {
    }

    /**
     * {@code domain.xml} with both settings in the server's own configuration ({@code server-config}); the stock
     * domain already has automatic recovery in {@code default-config}, which the server does not use.
     */
    static String forRecovery(String domainXml) {
        int start = domainXml.indexOf("<config name=\"server-config\"");
        int end = domainXml.indexOf("</config>", start);
        if (start < 0 || end < 0) {
            throw new IllegalStateException("domain.xml has no server-config");
        }
        String config = domainXml.substring(start, end);
        if (!config.contains(AUTOMATIC_RECOVERY)) {
            config = config.replaceFirst("<transaction-service ", "<transaction-service " + AUTOMATIC_RECOVERY + " ");
        }
        if (!config.contains(NO_RESOURCE_VALIDATION)) {
            config = config.replaceFirst("</java-config>",
                    "  <jvm-options>" + NO_RESOURCE_VALIDATION + "</jvm-options>\n      </java-config>");
        }
        if (!config.contains(AUTOMATIC_RECOVERY) || !config.contains(NO_RESOURCE_VALIDATION)) {
            throw new IllegalStateException("server-config has no transaction-service or java-config to change");
        }
        String xml = domainXml.substring(0, start) + config + domainXml.substring(end);
        xml = xml.replace(H2_XA_DATA_SOURCE, "datasource-classname=\"" + RecoveringH2XADataSource.class.getName() + "\"");
        if (!xml.contains("jdbc/OrderDeskRecovery")) {
            xml = xml.replaceFirst("</resources>", RECOVERY_POOL + "  </resources>");
            // a pristine domain.xml writes <resource-ref ref="jdbc/__default" />; GlassFish rewrites it without the space
            xml = xml.replaceFirst("<resource-ref ref=\"jdbc/__default\"\\s*/>",
                    "<resource-ref ref=\"jdbc/__default\"/>\n      <resource-ref ref=\"jdbc/OrderDeskRecovery\"/>");
            if (!xml.contains("<resource-ref ref=\"jdbc/OrderDeskRecovery\"/>")) {
                throw new IllegalStateException("domain.xml has no server with a resource-ref to jdbc/__default");
            }
        }
        return xml;
    }

    private static final java.util.regex.Pattern ADAPTER_CONFIG = java.util.regex.Pattern.compile(
            "\\s*<resource-adapter-config[^>]*resource-adapter-name=\"order-desk#wharf-ra\"[^>]*?(/>|>.*?</resource-adapter-config>)",
            java.util.regex.Pattern.DOTALL);

    /**
     * {@code domain.xml} without a configuration of the order desk's embedded adapter (the security test's
     * {@code create-resource-adapter-config}), so that the next test starts with the adapter as shipped.
     */
    static String withoutAdapterConfig(String domainXml) {
        return ADAPTER_CONFIG.matcher(domainXml).replaceAll("");
    }

    /**
     * Writes the recovery pool's data source class into a jar in the domain's {@code lib}, next to H2's: a
     * domain-level pool loads its classes there, and the class is part of this test harness, not of the EAR.
     */
    static void installRecoveringDataSource(Path domainLib) throws IOException {
        List<Class<?>> classes = new ArrayList<>(List.of(RecoveringH2XADataSource.class));
        classes.addAll(List.of(RecoveringH2XADataSource.class.getDeclaredClasses()));
        Files.createDirectories(domainLib);
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(domainLib.resolve(RECOVERY_JAR)))) {
            for (Class<?> c : classes) {
                String entry = c.getName().replace('.', '/') + ".class";
                try (InputStream in = c.getClassLoader().getResourceAsStream(entry)) {
                    if (in == null) {
                        throw new IOException("no class file for " + c.getName() + " on the test class path");
                    }
                    jar.putNextEntry(new JarEntry(entry));
                    in.transferTo(jar);
                    jar.closeEntry();
                }
            }
        }
    }
}
