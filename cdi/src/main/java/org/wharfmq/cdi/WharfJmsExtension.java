package org.wharfmq.cdi;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/**
 * The CDI portable extension that makes {@code @Inject JMSContext} work in Java SE (JMS 3.1 §12.4): it adds the
 * producer and the request-scoped holder of injected contexts to the application's beans. Registered through
 * {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}, so adding wharf-cdi to the class path is
 * enough.
 */
public class WharfJmsExtension implements Extension {

    void addBeans(@Observes BeforeBeanDiscovery discovery, BeanManager beanManager) {
        discovery.addAnnotatedType(beanManager.createAnnotatedType(JMSContextProducer.class),
                JMSContextProducer.class.getName());
        discovery.addAnnotatedType(beanManager.createAnnotatedType(RequestContexts.class),
                RequestContexts.class.getName());
    }
}
