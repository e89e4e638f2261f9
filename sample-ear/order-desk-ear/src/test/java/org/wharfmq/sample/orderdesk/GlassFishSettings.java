package org.wharfmq.sample.orderdesk;

/**
 * The two GlassFish 7.0 settings that a server needs before a crash, so that it can finish in-doubt XA transactions
 * when it comes back (docs/deploy-glassfish.md, "After a crash"): {@code automatic-recovery} on the server's
 * transaction service, and {@code -Ddeployment.resource.validation=false}, without which GlassFish 7.0.21 refuses at
 * restart an application whose {@code glassfish-resources.xml} defines the resources it references (GlassFish issue
 * #25961) — and only such application-scoped resources, not {@code @DataSourceDefinition} or {@code application.xml}
 * definitions, take part in GlassFish's recovery.
 */
final class GlassFishSettings {

    static final String NO_RESOURCE_VALIDATION = "-Ddeployment.resource.validation=false";
    private static final String AUTOMATIC_RECOVERY = "automatic-recovery=\"true\"";

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
        return domainXml.substring(0, start) + config + domainXml.substring(end);
    }
}
