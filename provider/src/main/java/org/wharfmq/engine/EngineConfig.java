package org.wharfmq.engine;

/** What an engine needs to open its journal and size its caches. */
public record EngineConfig(String journalUrl, String journalUser, String journalPassword, long bodyCacheBytes) {
}
