package org.wharfmq.engine;

/** Where a message is sent: a queue or a topic, resolved once by {@link Engine#target}. */
public interface Target {

    String name();
}
