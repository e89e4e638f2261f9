package org.wharfmq.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;

/**
 * A message as one line of JSON, for {@code export} and {@code import}: headers an application sets, every
 * property with its type, and the body by message type. Values keep their JMS type: {@code {"t":"int","v":5}}.
 */
final class JsonLines {

    private JsonLines() {
    }

    static JsonObject toJson(Message m) throws JMSException {
        JsonObject o = new JsonObject();
        o.addProperty("messageId", m.getJMSMessageID());
        o.addProperty("deliveryMode", m.getJMSDeliveryMode());
        o.addProperty("priority", m.getJMSPriority());
        o.addProperty("timestamp", m.getJMSTimestamp());
        o.addProperty("expiration", m.getJMSExpiration());
        if (m.getJMSCorrelationID() != null) {
            o.addProperty("correlationId", m.getJMSCorrelationID());
        }
        if (m.getJMSType() != null) {
            o.addProperty("jmsType", m.getJMSType());
        }
        JsonObject props = new JsonObject();
        for (Object n : Collections.list(m.getPropertyNames())) {
            String name = (String) n;
            if (!name.startsWith("JMSX")) {
                props.add(name, typed(m.getObjectProperty(name)));
            }
        }
        o.add("properties", props);
        if (m instanceof TextMessage t) {
            o.addProperty("type", "text");
            o.addProperty("body", t.getText());
        } else if (m instanceof BytesMessage b) {
            o.addProperty("type", "bytes");
            byte[] bytes = new byte[(int) b.getBodyLength()];
            b.readBytes(bytes);
            o.addProperty("body", Base64.getEncoder().encodeToString(bytes));
        } else if (m instanceof MapMessage map) {
            o.addProperty("type", "map");
            JsonObject body = new JsonObject();
            for (Object n : Collections.list(map.getMapNames())) {
                body.add((String) n, typed(map.getObject((String) n)));
            }
            o.add("body", body);
        } else if (m instanceof StreamMessage s) {
            o.addProperty("type", "stream");
            JsonArray body = new JsonArray();
            try {
                while (true) {
                    body.add(typed(s.readObject()));
                }
            } catch (MessageEOFException end) {
                // the whole stream is read
            }
            o.add("body", body);
        } else if (m instanceof ObjectMessage om) {
            o.addProperty("type", "object");
            o.addProperty("body", Base64.getEncoder().encodeToString(serialize(om.getObject())));
        } else {
            o.addProperty("type", "message");
        }
        return o;
    }

    static Message fromJson(JsonObject o, Session s) throws JMSException {
        String type = o.get("type").getAsString();
        Message m;
        switch (type) {
            case "text" -> m = s.createTextMessage(o.has("body") && !o.get("body").isJsonNull()
                    ? o.get("body").getAsString() : null);
            case "bytes" -> {
                BytesMessage b = s.createBytesMessage();
                b.writeBytes(Base64.getDecoder().decode(o.get("body").getAsString()));
                m = b;
            }
            case "map" -> {
                MapMessage map = s.createMapMessage();
                for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("body").entrySet()) {
                    map.setObject(e.getKey(), value(e.getValue().getAsJsonObject()));
                }
                m = map;
            }
            case "stream" -> {
                StreamMessage stream = s.createStreamMessage();
                for (JsonElement e : o.getAsJsonArray("body")) {
                    stream.writeObject(value(e.getAsJsonObject()));
                }
                m = stream;
            }
            case "object" -> m = s.createObjectMessage(deserialize(Base64.getDecoder().decode(
                    o.get("body").getAsString())));
            case "message" -> m = s.createMessage();
            default -> throw new IllegalArgumentException("unknown message type '" + type + "'");
        }
        if (o.has("correlationId")) {
            m.setJMSCorrelationID(o.get("correlationId").getAsString());
        }
        if (o.has("jmsType")) {
            m.setJMSType(o.get("jmsType").getAsString());
        }
        for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("properties").entrySet()) {
            m.setObjectProperty(e.getKey(), value(e.getValue().getAsJsonObject()));
        }
        return m;
    }

    private static JsonObject typed(Object v) {
        JsonObject o = new JsonObject();
        String t;
        JsonElement value;
        if (v == null) {
            t = "null";
            value = null;
        } else if (v instanceof byte[] b) {
            t = "bytes";
            value = new JsonPrimitive(Base64.getEncoder().encodeToString(b));
        } else if (v instanceof Character c) {
            t = "char";
            value = new JsonPrimitive(String.valueOf(c));
        } else if (v instanceof Boolean b) {
            t = "boolean";
            value = new JsonPrimitive(b);
        } else if (v instanceof Number n) {
            t = v.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT).replace("integer", "int");
            value = new JsonPrimitive(n);
        } else {
            t = "string";
            value = new JsonPrimitive(v.toString());
        }
        o.addProperty("t", t);
        if (value != null) {
            o.add("v", value);
        }
        return o;
    }

    private static Object value(JsonObject o) {
        String t = o.get("t").getAsString();
        JsonElement v = o.get("v");
        return switch (t) {
            case "null" -> null;
            case "bytes" -> Base64.getDecoder().decode(v.getAsString());
            case "char" -> v.getAsString().charAt(0);
            case "boolean" -> v.getAsBoolean();
            case "byte" -> v.getAsByte();
            case "short" -> v.getAsShort();
            case "int" -> v.getAsInt();
            case "long" -> v.getAsLong();
            case "float" -> v.getAsFloat();
            case "double" -> v.getAsDouble();
            case "string" -> v.getAsString();
            default -> throw new IllegalArgumentException("unknown value type '" + t + "'");
        };
    }

    private static byte[] serialize(Serializable o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize an ObjectMessage body: " + e, e);
        }
        return bytes.toByteArray();
    }

    /** Only for what this tool exported itself; the receiving provider applies its own allow-list on read. */
    private static Serializable deserialize(byte[] b) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b))) {
            in.setObjectInputFilter(ObjectInputFilterHolder.FILTER);
            return (Serializable) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("cannot read an ObjectMessage body back: " + e, e);
        }
    }

    /** The same limits as Wharf's own ObjectMessage reader: java.* value types, small graphs. */
    private static final class ObjectInputFilterHolder {
        static final java.io.ObjectInputFilter FILTER = java.io.ObjectInputFilter.Config.createFilter(
                System.getProperty("wharf.objectMessageAllowList", "java.lang.*;java.util.*;java.math.*;java.time.*")
                        .replace(',', ';') + ";maxdepth=20;maxrefs=1000000;maxarray=10000000;!*");
    }
}
