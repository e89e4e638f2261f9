package org.wharfmq.engine;

/**
 * What an engine needs: its journal, how much body data to cache, the delivery policies, the hooks into the
 * message format, and the security realm file every connection to it must pass (empty: none). The engine keeps
 * the realm's path only (and whether to keep operators' figures, {@code metrics}); checking it is the facade's business.
 * {@code nodeLease}: the lease of the engine as the journal's only owner, or as a node of a shared journal;
 * {@code nodeName}: its name among the nodes of a shared journal (blank: host name and pid); {@code pollMillis}: how
 * often a shared journal is searched for work without a notification.
 */
public record EngineConfig(String journalUrl, String journalUser, String journalPassword, long bodyCacheBytes,
                           long expirySweepMillis, DeliveryPolicies policies, EngineHooks hooks, String securityFile,
                           boolean metrics, java.time.Duration nodeLease, String nodeName,
                           long pollMillis) {
}
