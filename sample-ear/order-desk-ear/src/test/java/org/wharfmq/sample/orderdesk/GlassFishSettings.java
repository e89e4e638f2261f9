package org.wharfmq.sample.orderdesk;

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

    static final String NO_RESOURCE_VALIDATION = "-Ddeployment.resource.validation=false";
    private static final String AUTOMATIC_RECOVERY = "automatic-recovery=\"true\"";
    /**
     * A domain-level XA pool on the order database, used by nothing but GlassFish's recovery: its start-up recovery
     * runs before the application's own (application-scoped) pool exists and fails to load it (RAR7109), so an H2
     * branch in doubt at the crash would keep its locks for ever. Same URL, so the same embedded database.
     */
    private static final String RECOVERY_POOL = """
              <jdbc-connection-pool name="order-desk-recovery-pool" datasource-classname="org.h2.jdbcx.JdbcDataSource" res-type="javax.sql.XADataSource">
                <property name="URL" value="jdbc:h2:file:./order-desk-data/orders;WRITE_DELAY=0;LOCK_TIMEOUT=30000"></property>
                <property name="user" value="sa"></property>
                <property name="password" value="order-desk"></property>
              </jdbc-connection-pool>
              <jdbc-resource pool-name="order-desk-recovery-pool" jndi-name="jdbc/OrderDeskRecovery"></jdbc-resource>
            """;

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
}
