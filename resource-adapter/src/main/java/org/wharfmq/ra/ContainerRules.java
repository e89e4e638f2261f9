package org.wharfmq.ra;

import jakarta.jms.CompletionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The JMS 3.1 §12.2 rules for the objects an application creates from a container-managed session or context —
 * producers, consumers, browsers, JMSProducers, JMSConsumers: no message listeners, no asynchronous sends, and no
 * use after the session handle is closed. One rule set applied through a proxy, rather than a hand-written wrapper
 * for each of the eleven interfaces; everything else goes straight to Wharf's own object.
 */
final class ContainerRules {

    /** Checks that the owning handle is still open. */
    interface OpenCheck {
        void check() throws JMSException;
    }

    private ContainerRules() {
    }

    /** The {@code jakarta.jms} interfaces of each class, found once (applications often make a producer per send). */
    private static final ClassValue<Class<?>[]> JMS_INTERFACES = new ClassValue<>() {
        @Override
        protected Class<?>[] computeValue(Class<?> type) {
            Set<Class<?>> interfaces = new LinkedHashSet<>();
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                collect(c, interfaces);
            }
            return interfaces.toArray(new Class<?>[0]);
        }
    };

    /** {@code target} seen through every {@code jakarta.jms} interface it implements, with the rules applied. */
    static Object guard(Object target, OpenCheck open) {
        return Proxy.newProxyInstance(ContainerRules.class.getClassLoader(), JMS_INTERFACES.get(target.getClass()),
                new Handler(target, open));
    }

    private static void collect(Class<?> c, Set<Class<?>> into) {
        for (Class<?> i : c.getInterfaces()) {
            if (i.getName().startsWith("jakarta.jms.")) {
                into.add(i);
            }
            collect(i, into);
        }
    }

    /** Forbidden in a web or EJB container: the method, or a send that takes a CompletionListener. */
    static String forbidden(Method m, Object[] args) {
        String name = m.getName();
        if (name.equals("setMessageListener") || name.equals("getMessageListener")) {
            return m.getDeclaringClass().getSimpleName() + "." + name;
        }
        if (name.equals("setAsync") && args != null && args[0] != null) {
            return "JMSProducer.setAsync";
        }
        if (name.equals("send")) {
            for (Class<?> p : m.getParameterTypes()) {
                if (p == CompletionListener.class) {
                    return "MessageProducer.send with a CompletionListener";
                }
            }
        }
        return null;
    }

    private record Handler(Object target, OpenCheck open) implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
            if (m.getDeclaringClass() == Object.class) {
                return switch (m.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "container-managed " + target;
                };
            }
            boolean checked = declaresJmsException(m);
            if (!m.getName().equals("close")) {
                try {
                    open.check();
                } catch (JMSException e) {
                    throw checked ? e : new IllegalStateRuntimeException(e.getMessage(), e.getErrorCode(), e);
                }
            }
            String forbidden = forbidden(m, args);
            if (forbidden != null) {
                String text = forbidden + " must not be called by an application in a Jakarta EE web or EJB container "
                        + "(JMS 3.1 §12.2); use a message-driven bean to receive asynchronously";
                throw checked ? new IllegalStateException(text) : new IllegalStateRuntimeException(text);
            }
            try {
                Object result = m.invoke(target, args);
                return result == target ? proxy : result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private static boolean declaresJmsException(Method m) {
            for (Class<?> e : m.getExceptionTypes()) {
                if (JMSException.class.isAssignableFrom(e)) {
                    return true;
                }
            }
            return false;
        }
    }
}
