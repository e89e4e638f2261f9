package org.wharfmq.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.enterprise.context.control.RequestContextController;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.TemporaryQueue;
import java.util.List;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.wharfmq.engine.EngineRegistry;
import org.wharfmq.jms.WharfConnectionFactory;

/** JMS 3.1 §12.4 in Java SE: @Inject JMSContext with Weld SE and Wharf's portable extension. */
class InjectedJMSContextTest {

    private WeldContainer container;

    @BeforeEach
    void boot() {
        container = new Weld().disableDiscovery()
                .addExtension(new WharfJmsExtension())
                .addBeanClasses(Beans.OrderService.class, Beans.TwoInjections.class, Beans.Audited.class)
                .initialize();
    }

    @AfterEach
    void shutdown() {
        if (container.isRunning()) {
            container.shutdown();
        }
        assertEquals(0, EngineRegistry.openEngines(), "an injected JMSContext outlived its scope");
    }

    private String receiveOrder() {
        try (JMSContext check = new WharfConnectionFactory("jdbc:h2:file:./target/cdi-journal/journal?engineLingerMillis=0").createContext()) {
            return check.createConsumer(check.createQueue("cdi.orders")).receiveBody(String.class, 2000);
        }
    }

    @Test
    @DisplayName("§12.4.2 an unqualified @Inject JMSContext uses the JNDI name ConnectionFactory")
    void injectedContextSends() {
        container.select(Beans.OrderService.class).get().place("order 1");
        assertEquals("order 1", receiveOrder());
    }

    @Test
    @DisplayName("§12.4.4 within one request, injection points with the same annotations share one JMSContext")
    void sameAnnotationsShareWithinARequest() {
        RequestContextController request = container.select(RequestContextController.class).get();
        request.activate();
        try {
            Beans.TwoInjections beans = container.select(Beans.TwoInjections.class).get();
            TemporaryQueue tq = beans.first.createTemporaryQueue();
            // a temporary queue can be consumed only through the connection that made it (§6.2.2)
            assertNotNull(beans.second.createConsumer(tq));
            assertThrows(InvalidDestinationRuntimeException.class, () -> beans.clientAcknowledge.createConsumer(tq),
                    "another session mode is another JMSContext");
            assertEquals(JMSContext.CLIENT_ACKNOWLEDGE, beans.clientAcknowledge.getSessionMode());
        } finally {
            request.deactivate();
        }
        assertEquals(0, EngineRegistry.openEngines(), "the request's contexts closed when it ended");
    }

    @Test
    @DisplayName("§12.4.3 @JMSConnectionFactory and @JMSPasswordCredential choose the factory and credentials")
    void annotationsChooseFactoryAndCredentials() {
        Beans.Audited audited = container.select(Beans.Audited.class).get();
        assertEquals("audit", audited.audit.getClientID());
        audited.withCredentials.createProducer().send(audited.withCredentials.createQueue("cdi.orders"), "signed");
        assertEquals("signed", receiveOrder());
    }

    @Test
    @DisplayName("§12.4.5 the container owns an injected JMSContext: close, commit, stop and friends are refused")
    void forbiddenMethods() {
        JMSContext c = container.select(Beans.Audited.class).get().audit;
        for (Runnable forbidden : List.<Runnable>of(c::close, c::commit, c::rollback, c::recover, c::acknowledge,
                c::stop, () -> c.setClientID("x"), () -> c.setExceptionListener(null), () -> c.setAutoStart(false))) {
            assertThrows(IllegalStateRuntimeException.class, forbidden::run);
        }
    }
}
