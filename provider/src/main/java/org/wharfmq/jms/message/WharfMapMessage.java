package org.wharfmq.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageFormatException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message whose body is a set of name-value pairs (JMS 3.1 §3.13, {@link MapMessage}); reads convert as the
 * table of §3.11.3 says ({@link TypeConversions}).
 */
public class WharfMapMessage extends WharfMessage implements MapMessage {

    private Map<String, Object> map = new LinkedHashMap<>();

    Map<String, Object> entries() {
        return map;
    }

    private Object value(String name) {
        return map.get(name);
    }

    @Override
    public boolean getBoolean(String name) throws JMSException {
        return TypeConversions.toBoolean(value(name));
    }

    @Override
    public byte getByte(String name) throws JMSException {
        return TypeConversions.toByte(value(name));
    }

    @Override
    public short getShort(String name) throws JMSException {
        return TypeConversions.toShort(value(name));
    }

    @Override
    public char getChar(String name) throws JMSException {
        return TypeConversions.toChar(value(name));
    }

    @Override
    public int getInt(String name) throws JMSException {
        return TypeConversions.toInt(value(name));
    }

    @Override
    public long getLong(String name) throws JMSException {
        return TypeConversions.toLong(value(name));
    }

    @Override
    public float getFloat(String name) throws JMSException {
        return TypeConversions.toFloat(value(name));
    }

    @Override
    public double getDouble(String name) throws JMSException {
        return TypeConversions.toDouble(value(name));
    }

    @Override
    public String getString(String name) throws JMSException {
        return TypeConversions.toString(value(name));
    }

    @Override
    public byte[] getBytes(String name) throws JMSException {
        byte[] b = TypeConversions.toBytes(value(name));
        return b == null ? null : b.clone();
    }

    @Override
    public Object getObject(String name) {
        Object v = value(name);
        return v instanceof byte[] b ? b.clone() : v;
    }

    @Override
    public Enumeration<String> getMapNames() {
        return Collections.enumeration(new java.util.ArrayList<>(map.keySet()));
    }

    @Override
    public boolean itemExists(String name) {
        return map.containsKey(name);
    }

    private void put(String name, Object value) throws JMSException {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a MapMessage name must not be null or empty (§3.13)");
        }
        checkWritable();
        map.put(name, value);
    }

    @Override
    public void setBoolean(String name, boolean value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setByte(String name, byte value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setShort(String name, short value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setChar(String name, char value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setInt(String name, int value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setLong(String name, long value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setFloat(String name, float value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setDouble(String name, double value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setString(String name, String value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setBytes(String name, byte[] value) throws JMSException {
        put(name, value == null ? null : value.clone());
    }

    @Override
    public void setBytes(String name, byte[] value, int offset, int length) throws JMSException {
        byte[] copy = new byte[length];
        System.arraycopy(value, offset, copy, 0, length);
        put(name, copy);
    }

    @Override
    public void setObject(String name, Object value) throws JMSException {
        if (value != null && !TypeConversions.isBodyValueType(value)) {
            throw new MessageFormatException("MapMessage value '" + name + "' cannot be a " + value.getClass().getName()
                    + ": only primitive wrappers, String and byte[] are allowed (§3.11.3)");
        }
        put(name, value instanceof byte[] b ? b.clone() : value);
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        map = new LinkedHashMap<>();
    }

    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        if (map.isEmpty()) {
            return null;
        }
        if (!c.isAssignableFrom(Map.class)) {
            throw new MessageFormatException("the body of a MapMessage is a Map and cannot be returned as "
                    + c.getName() + " (§3.11.4)");
        }
        return c.cast(new LinkedHashMap<>(map));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) {
        return map.isEmpty() || c.isAssignableFrom(Map.class);
    }
}
