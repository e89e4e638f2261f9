package org.wharfmq.ra.support;

import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import javax.transaction.xa.XAResource;

/**
 * What an EJB container does for a message-driven bean (Connectors 2.1 §13.5.3, EJB 4.0 §13.6): for a
 * transacted (container-managed, Required) bean, {@code beforeDelivery} begins a JTA transaction and enlists the
 * adapter's XAResource, a bean exception marks it rollback-only, and {@code afterDelivery} commits or rolls it
 * back. It counts the calls so tests can check they are paired.
 */
public final class TestEndpointFactory implements MessageEndpointFactory {

    private static final AtomicInteger IDS = new AtomicInteger();

    private final TransactionManager tm;
    private final boolean transacted;
    private final MessageListener bean;
    private final String name = "test-mdb-" + IDS.incrementAndGet();
    public final AtomicInteger before = new AtomicInteger();
    public final AtomicInteger after = new AtomicInteger();
    public final AtomicInteger created = new AtomicInteger();
    public final AtomicInteger released = new AtomicInteger();
    public volatile boolean available = true;

    public TestEndpointFactory(TransactionManager tm, boolean transacted, MessageListener bean) {
        this.tm = tm;
        this.transacted = transacted;
        this.bean = bean;
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xa) throws UnavailableException {
        if (!available) {
            throw new UnavailableException("the application is still deploying");
        }
        created.incrementAndGet();
        return (MessageEndpoint) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MessageEndpoint.class, MessageListener.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "beforeDelivery" -> {
                        before.incrementAndGet();
                        if (transacted) {
                            tm.begin();
                            if (xa != null) {
                                tm.getTransaction().enlistResource(xa);
                            }
                        }
                        yield null;
                    }
                    case "onMessage" -> {
                        try {
                            bean.onMessage((Message) args[0]);
                        } catch (RuntimeException e) {
                            if (transacted) {
                                tm.setRollbackOnly();
                            }
                            throw e;
                        }
                        yield null;
                    }
                    case "afterDelivery" -> {
                        after.incrementAndGet();
                        if (transacted) {
                            if (tm.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
                                tm.rollback();
                            } else {
                                tm.commit();
                            }
                        }
                        yield null;
                    }
                    case "release" -> {
                        released.incrementAndGet();
                        yield null;
                    }
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> name;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xa, long timeout) throws UnavailableException {
        return createEndpoint(xa);
    }

    @Override
    public boolean isDeliveryTransacted(Method method) {
        return transacted;
    }

    @Override
    public String getActivationName() {
        return name;
    }

    @Override
    public Class<?> getEndpointClass() {
        return bean.getClass();
    }
}
