package org.wharfmq.jms.message;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A message without a body, and the headers and properties every Wharf message has (JMS 3.1 §3.4, §3.5).
 * Subclasses add the five body types. Properties of a received message are read-only until
 * {@link #clearProperties()} (§3.5.5); bodies of received messages are read-only until {@link #clearBody()}.
 */
public class WharfMessage implements Message {

    /** Set by the session that delivered this message; CLIENT_ACKNOWLEDGE routes through it (§6.2.10). */
    public interface Acknowledger {
        void acknowledge() throws JMSException;
    }

    private static final Set<String> RESERVED = Set.of("NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN",
            "LIKE", "IN", "IS", "ESCAPE");

    private String messageId;
    private long timestamp;
    private String correlationId;
    private byte[] correlationIdBytes;
    private Destination replyTo;
    private Destination destination;
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private boolean redelivered;
    private String type;
    private long expiration;
    private long deliveryTime;
    private int priority = Message.DEFAULT_PRIORITY;

    private Map<String, Object> properties = new LinkedHashMap<>();
    private boolean propertiesReadOnly;
    protected boolean bodyReadOnly;
    private transient Acknowledger acknowledger;

    // ---- headers -------------------------------------------------------------------------------------

    @Override
    public String getJMSMessageID() {
        return messageId;
    }

    @Override
    public void setJMSMessageID(String id) {
        this.messageId = id;
    }

    @Override
    public long getJMSTimestamp() {
        return timestamp;
    }

    @Override
    public void setJMSTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }

    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        if (correlationIdBytes != null) {
            return correlationIdBytes.clone();
        }
        return correlationId == null ? null : correlationId.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void setJMSCorrelationIDAsBytes(byte[] correlationID) {
        this.correlationIdBytes = correlationID == null ? null : correlationID.clone();
        this.correlationId = correlationID == null ? null : new String(correlationID, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void setJMSCorrelationID(String correlationID) {
        this.correlationId = correlationID;
        this.correlationIdBytes = null;
    }

    @Override
    public String getJMSCorrelationID() {
        return correlationId;
    }

    byte[] rawCorrelationIdBytes() {
        return correlationIdBytes;
    }

    void restoreCorrelation(String id, byte[] bytes) {
        this.correlationId = id;
        this.correlationIdBytes = bytes;
    }

    @Override
    public Destination getJMSReplyTo() {
        return replyTo;
    }

    @Override
    public void setJMSReplyTo(Destination replyTo) {
        this.replyTo = replyTo;
    }

    @Override
    public Destination getJMSDestination() {
        return destination;
    }

    @Override
    public void setJMSDestination(Destination destination) {
        this.destination = destination;
    }

    @Override
    public int getJMSDeliveryMode() {
        return deliveryMode;
    }

    @Override
    public void setJMSDeliveryMode(int deliveryMode) throws JMSException {
        if (deliveryMode != DeliveryMode.PERSISTENT && deliveryMode != DeliveryMode.NON_PERSISTENT) {
            throw new JMSException("JMSDeliveryMode must be DeliveryMode.PERSISTENT or NON_PERSISTENT, not "
                    + deliveryMode);
        }
        this.deliveryMode = deliveryMode;
    }

    @Override
    public boolean getJMSRedelivered() {
        return redelivered;
    }

    @Override
    public void setJMSRedelivered(boolean redelivered) {
        this.redelivered = redelivered;
    }

    @Override
    public String getJMSType() {
        return type;
    }

    @Override
    public void setJMSType(String type) {
        this.type = type;
    }

    @Override
    public long getJMSExpiration() {
        return expiration;
    }

    @Override
    public void setJMSExpiration(long expiration) {
        this.expiration = expiration;
    }

    @Override
    public long getJMSDeliveryTime() {
        return deliveryTime;
    }

    @Override
    public void setJMSDeliveryTime(long deliveryTime) {
        this.deliveryTime = deliveryTime;
    }

    @Override
    public int getJMSPriority() {
        return priority;
    }

    @Override
    public void setJMSPriority(int priority) throws JMSException {
        if (priority < 0 || priority > 9) {
            throw new JMSException("JMSPriority must be between 0 and 9, not " + priority);
        }
        this.priority = priority;
    }

    // ---- properties (§3.5) ---------------------------------------------------------------------------

    @Override
    public void clearProperties() {
        properties = new LinkedHashMap<>();
        propertiesReadOnly = false;
    }

    @Override
    public boolean propertyExists(String name) {
        return name != null && properties.containsKey(name);
    }

    @Override
    public boolean getBooleanProperty(String name) throws JMSException {
        return TypeConversions.toBoolean(property(name));
    }

    @Override
    public byte getByteProperty(String name) throws JMSException {
        return TypeConversions.toByte(property(name));
    }

    @Override
    public short getShortProperty(String name) throws JMSException {
        return TypeConversions.toShort(property(name));
    }

    @Override
    public int getIntProperty(String name) throws JMSException {
        return TypeConversions.toInt(property(name));
    }

    @Override
    public long getLongProperty(String name) throws JMSException {
        return TypeConversions.toLong(property(name));
    }

    @Override
    public float getFloatProperty(String name) throws JMSException {
        return TypeConversions.toFloat(property(name));
    }

    @Override
    public double getDoubleProperty(String name) throws JMSException {
        return TypeConversions.toDouble(property(name));
    }

    @Override
    public String getStringProperty(String name) throws JMSException {
        return TypeConversions.toString(property(name));
    }

    @Override
    public Object getObjectProperty(String name) {
        return property(name);
    }

    @Override
    public Enumeration<String> getPropertyNames() {
        return Collections.enumeration(new java.util.ArrayList<>(properties.keySet()));
    }

    @Override
    public void setBooleanProperty(String name, boolean value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setByteProperty(String name, byte value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setShortProperty(String name, short value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setIntProperty(String name, int value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setLongProperty(String name, long value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setFloatProperty(String name, float value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setDoubleProperty(String name, double value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setStringProperty(String name, String value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setObjectProperty(String name, Object value) throws JMSException {
        if (value != null && !TypeConversions.isPropertyType(value)) {
            throw new MessageFormatException("property '" + name + "' cannot hold a " + value.getClass().getName()
                    + ": property values are Boolean, Byte, Short, Integer, Long, Float, Double or String (§3.5.4)");
        }
        putProperty(name, value);
    }

    private Object property(String name) {
        return name == null ? null : properties.get(name);
    }

    private void putProperty(String name, Object value) throws JMSException {
        checkPropertyName(name);
        if (propertiesReadOnly) {
            throw new MessageNotWriteableException("the properties of a received message are read-only; "
                    + "call clearProperties() first (§3.5.5)");
        }
        properties.put(name, value);
    }

    /** Property names follow selector identifier rules (§3.5.1, §3.8.1.1). */
    public static void checkPropertyName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a property name must not be null or empty");
        }
        if (!Character.isJavaIdentifierStart(name.charAt(0))) {
            throw new IllegalArgumentException("'" + name + "' is not a valid property name: it must start with a "
                    + "Java identifier start character (§3.5.1)");
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i))) {
                throw new IllegalArgumentException("'" + name + "' is not a valid property name: character '"
                        + name.charAt(i) + "' is not allowed in an identifier (§3.5.1)");
            }
        }
        if (RESERVED.contains(name.toUpperCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("'" + name + "' is a reserved word and cannot be a property name (§3.8.1.1)");
        }
    }

    /** The live property map, for the codec and for provider-set JMSX properties. */
    Map<String, Object> properties() {
        return properties;
    }

    /** Sets a provider-defined property even when the properties are read-only. */
    public void setProviderProperty(String name, Object value) {
        properties.put(name, value);
    }

    // ---- body and lifecycle --------------------------------------------------------------------------

    @Override
    public void clearBody() throws JMSException {
        bodyReadOnly = false;
    }

    @Override
    public void acknowledge() throws JMSException {
        Acknowledger a = acknowledger;
        if (a != null) {
            a.acknowledge();
        }
    }

    public void setAcknowledger(Acknowledger acknowledger) {
        this.acknowledger = acknowledger;
    }

    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        return null;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) throws JMSException {
        return true;
    }

    /** Makes a delivered message read-only, as a consumer receives it (§3.5.5, §3.11.2). */
    public void markReceived() throws JMSException {
        propertiesReadOnly = true;
        bodyReadOnly = true;
    }

    protected void checkWritable() throws MessageNotWriteableException {
        if (bodyReadOnly) {
            throw new MessageNotWriteableException("the body of a received message is read-only; call clearBody() "
                    + "first (§3.11.2)");
        }
    }

    /** Copies headers and properties from any provider's message, for sending foreign messages (§3.12). */
    void copyHeadersAndPropertiesFrom(Message m) throws JMSException {
        setJMSCorrelationID(m.getJMSCorrelationID());
        setJMSType(m.getJMSType());
        setJMSReplyTo(m.getJMSReplyTo());
        for (Enumeration<?> e = m.getPropertyNames(); e.hasMoreElements(); ) {
            String name = (String) e.nextElement();
            properties.put(name, m.getObjectProperty(name));
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + messageId + "]";
    }
}
