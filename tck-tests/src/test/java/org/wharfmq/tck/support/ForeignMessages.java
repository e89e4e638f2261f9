package org.wharfmq.tck.support;

import jakarta.jms.BytesMessage;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Messages implemented by "another provider" (JMS 3.1 §3.12): plain {@code jakarta.jms} interfaces backed by
 * maps, built with dynamic proxies. A provider must accept them in send and read them through the interface.
 */
public final class ForeignMessages {

    private ForeignMessages() {
    }

    /** A foreign message of {@code type} whose body is {@code body} (String, Map, byte[], List or Serializable). */
    public static <T extends Message> T create(Class<T> type, Object body, Map<String, Object> properties) {
        Handler h = new Handler(body, properties);
        return type.cast(Proxy.newProxyInstance(ForeignMessages.class.getClassLoader(), new Class<?>[] {type}, h));
    }

    private static final class Handler implements InvocationHandler {
        private final Map<String, Object> headers = new HashMap<>();
        private final Map<String, Object> properties;
        private final Object body;
        private int position;

        Handler(Object body, Map<String, Object> properties) {
            this.body = body;
            this.properties = new LinkedHashMap<>(properties);
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.startsWith("setJMS")) {
                headers.put(name.substring(3), args[0]);
                return null;
            }
            if (name.startsWith("getJMS")) {
                Object v = headers.get(name.substring(3));
                if (v == null && method.getReturnType().isPrimitive()) {
                    return method.getReturnType() == boolean.class ? Boolean.FALSE
                            : method.getReturnType() == int.class ? (Object) 0 : (Object) 0L;
                }
                return v;
            }
            switch (name) {
                case "getPropertyNames":
                    return Collections.enumeration(new ArrayList<>(properties.keySet()));
                case "getObjectProperty":
                    return properties.get((String) args[0]);
                case "propertyExists":
                    return properties.containsKey((String) args[0]);
                case "getText":
                case "getObject":
                    return args == null ? body : ((Map<?, ?>) body).get(args[0]);
                case "getMapNames":
                    return Collections.enumeration(new ArrayList<>(((Map<?, ?>) body).keySet()));
                case "reset":
                    position = 0;
                    return null;
                case "getBodyLength":
                    return (long) ((byte[]) body).length;
                case "readBytes":
                    byte[] src = (byte[]) body;
                    byte[] dst = (byte[]) args[0];
                    int n = Math.min(dst.length, src.length - position);
                    System.arraycopy(src, position, dst, 0, n);
                    position += n;
                    return n == 0 && dst.length > 0 ? -1 : n;
                case "readObject":
                    List<?> values = (List<?>) body;
                    if (position >= values.size()) {
                        throw new MessageEOFException("end of stream");
                    }
                    return values.get(position++);
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                case "toString":
                    return "foreign " + method.getDeclaringClass().getSimpleName();
                default:
                    if (name.startsWith("set")) {
                        properties.put((String) args[0], args[1]);
                        return null;
                    }
                    throw new UnsupportedOperationException("the foreign message does not implement " + name);
            }
        }
    }

    /** Convenience for the five body types. */
    public static TextMessage text(String text) {
        return create(TextMessage.class, text, Map.of("origin", "elsewhere"));
    }

    public static BytesMessage bytes(byte[] bytes) {
        return create(BytesMessage.class, bytes, Map.of("origin", "elsewhere"));
    }

    public static MapMessage map(Map<String, Object> map) {
        return create(MapMessage.class, map, Map.of("origin", "elsewhere"));
    }

    public static StreamMessage stream(List<Object> values) {
        return create(StreamMessage.class, values, Map.of("origin", "elsewhere"));
    }

    public static ObjectMessage object(java.io.Serializable o) {
        return create(ObjectMessage.class, o, Map.of("origin", "elsewhere"));
    }
}
