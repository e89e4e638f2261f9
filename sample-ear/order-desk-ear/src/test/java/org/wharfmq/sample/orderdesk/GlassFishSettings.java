package org.wharfmq.sample.orderdesk;

/**
 * The two GlassFish 7.0 settings that a server needs before a crash, so that it can finish in-doubt XA transactions
 * when it comes back (docs/deploy-glassfish.md, "After a crash"): {@code automatic-recovery} on the transaction
 * service, and {@code -Ddeployment.resource.validation=false}, without which GlassFish 7.0.21 refuses at restart an
 * application whose {@code glassfish-resources.xml} defines the resources it references (GlassFish issue #25961) —
 * and only such application-scoped resources, not {@code @DataSourceDefinition} or {@code application.xml}
 * definitions, take part in GlassFish's recovery.
 */
final class GlassFishSettings {

    static final String NO_RESOURCE_VALIDATION = "-Ddeployment.resource.validation=false";

    private GlassFishSettings() {
    }

    /** {@code domain.xml} with both settings in the server's configuration (the first {@code config} element). */
    static String forRecovery(String domainXml) {
        String xml = domainXml;
        if (!xml.contains("automatic-recovery=\"true\"")) {
            xml = xml.replaceFirst("<transaction-service ", "<transaction-service automatic-recovery=\"true\" ");
        }
        if (!xml.contains(NO_RESOURCE_VALIDATION)) {
            xml = xml.replaceFirst("</java-config>",
                    "  <jvm-options>" + NO_RESOURCE_VALIDATION + "</jvm-options>\n      </java-config>");
        }
        if (!xml.contains("automatic-recovery=\"true\"") || !xml.contains(NO_RESOURCE_VALIDATION)) {
            throw new IllegalStateException("domain.xml has no transaction-service or java-config to change");
        }
        return xml;
    }
}
