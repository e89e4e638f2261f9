package org.wharfmq.jms;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

/** A TextMessage that is not Wharf's, standing in for another provider's message (§3.12). */
final class ForeignTextMessage implements TextMessage {

    private String text;
    private final Map<String, Object> props = new HashMap<>();
    private String id;
    private long timestamp;
    private String correlationId;
    private Destination replyTo;
    private Destination destination;
    private int mode;
    private String type;
    private long expiration;
    private long deliveryTime;
    private int priority;

    ForeignTextMessage(String text) {
        this.text = text;
    }

    @Override public void setText(String s) { text = s; }
    @Override public String getText() { return text; }
    @Override public String getJMSMessageID() { return id; }
    @Override public void setJMSMessageID(String s) { id = s; }
    @Override public long getJMSTimestamp() { return timestamp; }
    @Override public void setJMSTimestamp(long l) { timestamp = l; }
    @Override public byte[] getJMSCorrelationIDAsBytes() { return null; }
    @Override public void setJMSCorrelationIDAsBytes(byte[] b) { }
    @Override public void setJMSCorrelationID(String s) { correlationId = s; }
    @Override public String getJMSCorrelationID() { return correlationId; }
    @Override public Destination getJMSReplyTo() { return replyTo; }
    @Override public void setJMSReplyTo(Destination d) { replyTo = d; }
    @Override public Destination getJMSDestination() { return destination; }
    @Override public void setJMSDestination(Destination d) { destination = d; }
    @Override public int getJMSDeliveryMode() { return mode; }
    @Override public void setJMSDeliveryMode(int i) { mode = i; }
    @Override public boolean getJMSRedelivered() { return false; }
    @Override public void setJMSRedelivered(boolean b) { }
    @Override public String getJMSType() { return type; }
    @Override public void setJMSType(String s) { type = s; }
    @Override public long getJMSExpiration() { return expiration; }
    @Override public void setJMSExpiration(long l) { expiration = l; }
    @Override public long getJMSDeliveryTime() { return deliveryTime; }
    @Override public void setJMSDeliveryTime(long l) { deliveryTime = l; }
    @Override public int getJMSPriority() { return priority; }
    @Override public void setJMSPriority(int i) { priority = i; }
    @Override public void clearProperties() { props.clear(); }
    @Override public boolean propertyExists(String s) { return props.containsKey(s); }
    @Override public boolean getBooleanProperty(String s) { return (Boolean) props.get(s); }
    @Override public byte getByteProperty(String s) { return (Byte) props.get(s); }
    @Override public short getShortProperty(String s) { return (Short) props.get(s); }
    @Override public int getIntProperty(String s) { return (Integer) props.get(s); }
    @Override public long getLongProperty(String s) { return (Long) props.get(s); }
    @Override public float getFloatProperty(String s) { return (Float) props.get(s); }
    @Override public double getDoubleProperty(String s) { return (Double) props.get(s); }
    @Override public String getStringProperty(String s) { return (String) props.get(s); }
    @Override public Object getObjectProperty(String s) { return props.get(s); }
    @Override public Enumeration<?> getPropertyNames() { return Collections.enumeration(props.keySet()); }
    @Override public void setBooleanProperty(String s, boolean b) { props.put(s, b); }
    @Override public void setByteProperty(String s, byte b) { props.put(s, b); }
    @Override public void setShortProperty(String s, short v) { props.put(s, v); }
    @Override public void setIntProperty(String s, int i) { props.put(s, i); }
    @Override public void setLongProperty(String s, long l) { props.put(s, l); }
    @Override public void setFloatProperty(String s, float v) { props.put(s, v); }
    @Override public void setDoubleProperty(String s, double v) { props.put(s, v); }
    @Override public void setStringProperty(String s, String v) { props.put(s, v); }
    @Override public void setObjectProperty(String s, Object o) { props.put(s, o); }
    @Override public void acknowledge() { }
    @Override public void clearBody() { text = null; }
    @Override public <T> T getBody(Class<T> c) throws JMSException { return c.cast(text); }
    @Override @SuppressWarnings("rawtypes") public boolean isBodyAssignableTo(Class c) { return c.isAssignableFrom(String.class); }
}
