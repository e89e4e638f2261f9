package org.wharfmq.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSPasswordCredential;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSessionMode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.NoInitialContextException;
import org.wharfmq.jms.WharfConnectionFactory;

/**
 * Produces the JMSContext injected with {@code @Inject JMSContext}, reading {@link JMSConnectionFactory},
 * {@link JMSSessionMode} and {@link JMSPasswordCredential} from the injection point (JMS 3.1 §12.4.2-3).
 * Connection factories are looked up in JNDI ({@code jndi.properties}); without {@code @JMSConnectionFactory} the
 * name {@value ContextKey#DEFAULT_FACTORY} is used, and if JNDI has none, Wharf's default journal.
 */
@ApplicationScoped
public class JMSContextProducer {

    private final Map<String, ConnectionFactory> factories = new ConcurrentHashMap<>();

    @Inject
    BeanManager beanManager;

    @Inject
    Instance<RequestContexts> requestContexts;

    @Produces
    @Dependent
    JMSContext inject(InjectionPoint point) {
        ContextKey key = keyOf(point);
        return new InjectedJMSContext(key, this);
    }

    void dispose(@Disposes JMSContext context) {
        if (context instanceof InjectedJMSContext injected) {
            injected.release();
        }
    }

    static ContextKey keyOf(InjectionPoint point) {
        ContextKey d = ContextKey.defaults();
        String factory = d.factoryName();
        int mode = d.sessionMode();
        String user = null;
        String password = null;
        if (point != null && point.getAnnotated() != null) {
            JMSConnectionFactory f = point.getAnnotated().getAnnotation(JMSConnectionFactory.class);
            if (f != null) {
                factory = f.value();
            }
            JMSSessionMode m = point.getAnnotated().getAnnotation(JMSSessionMode.class);
            if (m != null) {
                mode = m.value();
            }
            JMSPasswordCredential c = point.getAnnotated().getAnnotation(JMSPasswordCredential.class);
            if (c != null) {
                user = c.userName();
                password = c.password();
            }
        }
        return new ContextKey(factory, mode, user, password);
    }

    /** True when a CDI request scope is active on this thread. */
    boolean requestActive() {
        try {
            return beanManager.getContext(RequestScoped.class).isActive();
        } catch (ContextNotActiveException e) {
            return false;
        }
    }

    /** The shared context of the current request for {@code key}. */
    JMSContext requestContext(ContextKey key) {
        return requestContexts.get().get(key, this::open);
    }

    JMSContext open(ContextKey key) {
        ConnectionFactory f = factories.computeIfAbsent(key.factoryName(), JMSContextProducer::lookup);
        return key.user() == null ? f.createContext(key.sessionMode())
                : f.createContext(key.user(), key.password(), key.sessionMode());
    }

    private static ConnectionFactory lookup(String name) {
        try {
            return (ConnectionFactory) new InitialContext().lookup(name);
        } catch (NameNotFoundException | NoInitialContextException e) {
            if (name.equals(ContextKey.DEFAULT_FACTORY)) {
                return new WharfConnectionFactory();
            }
            throw new JMSRuntimeException("no connection factory named '" + name + "' in JNDI (jndi.properties): " + e);
        } catch (NamingException | ClassCastException e) {
            throw new JMSRuntimeException("cannot look up connection factory '" + name + "': " + e);
        }
    }
}
