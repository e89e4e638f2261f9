package org.wharfmq.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSPasswordCredential;
import jakarta.jms.JMSSessionMode;

/** Application beans as a user would write them. */
final class Beans {

    private Beans() {
    }

    @ApplicationScoped
    static class OrderService {
        @Inject
        JMSContext context;

        void place(String order) {
            context.createProducer().send(context.createQueue("cdi.orders"), order);
        }
    }

    @Dependent
    static class TwoInjections {
        @Inject
        JMSContext first;

        @Inject
        JMSContext second;

        @Inject
        @JMSSessionMode(JMSContext.CLIENT_ACKNOWLEDGE)
        JMSContext clientAcknowledge;
    }

    @Dependent
    static class Audited {
        @Inject
        @JMSConnectionFactory("AuditFactory")
        JMSContext audit;

        @Inject
        @JMSPasswordCredential(userName = "app", password = "secret")
        JMSContext withCredentials;
    }
}
