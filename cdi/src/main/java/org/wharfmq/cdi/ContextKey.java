package org.wharfmq.cdi;

import jakarta.jms.JMSContext;

/**
 * What makes two injected JMSContexts the same one within a scope (JMS 3.1 §12.4.4): the connection factory's
 * JNDI name, the session mode and the credentials.
 */
record ContextKey(String factoryName, int sessionMode, String user, String password) {

    static final String DEFAULT_FACTORY = "ConnectionFactory";

    static ContextKey defaults() {
        return new ContextKey(DEFAULT_FACTORY, JMSContext.AUTO_ACKNOWLEDGE, null, null);
    }

    @Override
    public String toString() {
        return factoryName + "/mode " + sessionMode + (user == null ? "" : "/user " + user);
    }
}
