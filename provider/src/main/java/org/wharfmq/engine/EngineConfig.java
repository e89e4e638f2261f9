package org.wharfmq.engine;

/**
 * What an engine needs: its journal, how much body data to cache, the delivery policies, and the hooks into the
 * message format.
 */
public record EngineConfig(String journalUrl, String journalUser, String journalPassword, long bodyCacheBytes,
                           long expirySweepMillis, DeliveryPolicies policies, EngineHooks hooks) {
}
