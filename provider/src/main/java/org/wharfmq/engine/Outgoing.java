package org.wharfmq.engine;

/** A message on its way to a target, held until it is committed. */
public record Outgoing(Target target, StoredMessage message) {
}
