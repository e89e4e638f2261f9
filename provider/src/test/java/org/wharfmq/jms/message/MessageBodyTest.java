package org.wharfmq.jms.message;

import org.wharfmq.config.ObjectAllowList;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.wharfmq.jms.WharfQueue;
import org.wharfmq.jms.WharfTopic;

/** JMS 3.1 §3.11.4 getBody/isBodyAssignableTo, §3.13 ObjectMessage, and the stored form of every message type. */
class MessageBodyTest {

    static final ObjectAllowList DEFAULT = ObjectAllowList.parse(ObjectAllowList.DEFAULT);

    /** A class outside the default allow-list, standing in for a gadget-chain payload. */
    static final class Untrusted implements Serializable {
        private static final long serialVersionUID = 1L;
        final String payload = "boom";
    }

    static WharfMessage roundTrip(WharfMessage m) throws JMSException {
        return MessageCodec.decode(MessageCodec.encode(m), DEFAULT);
    }

    @Test
    @DisplayName("§3.11.4 getBody returns the body as the requested type, or throws MessageFormatException")
    void getBodyRules() throws JMSException {
        assertEquals("hi", new WharfTextMessage("hi").getBody(String.class));
        assertEquals("hi", new WharfTextMessage("hi").getBody(Object.class));
        assertThrows(MessageFormatException.class, () -> new WharfTextMessage("hi").getBody(Integer.class));
        assertNull(new WharfMessage().getBody(String.class));
        assertTrue(new WharfMessage().isBodyAssignableTo(Integer.class));
        WharfStreamMessage stream = new WharfStreamMessage();
        assertFalse(stream.isBodyAssignableTo(Object.class));
        assertThrows(MessageFormatException.class, () -> stream.getBody(Object.class));
        WharfMapMessage map = new WharfMapMessage();
        map.setInt("a", 1);
        assertEquals(Map.of("a", 1), map.getBody(Map.class));
        WharfBytesMessage bytes = new WharfBytesMessage();
        assertNull(bytes.getBody(byte[].class), "an empty BytesMessage has no body");
        bytes.writeByte((byte) 1);
        bytes.reset();
        assertArrayEquals(new byte[] {1}, bytes.getBody(byte[].class));
        assertFalse(bytes.isBodyAssignableTo(String.class));
    }

    @Test
    @DisplayName("§3.13 ObjectMessage serializes when set, so later changes to the object do not change it")
    void objectMessageSnapshotsTheObject() throws JMSException {
        WharfObjectMessage m = new WharfObjectMessage();
        ArrayList<String> list = new ArrayList<>(List.of("a"));
        m.setObject(list);
        list.add("b");
        assertEquals(List.of("a"), m.getObject());
        assertEquals(new BigDecimal("1.5"), roundTripObject(new BigDecimal("1.5")));
    }

    private static Object roundTripObject(Serializable o) throws JMSException {
        WharfObjectMessage m = new WharfObjectMessage();
        m.setObject(o);
        return ((WharfObjectMessage) roundTrip(m)).getObject();
    }

    @Test
    @DisplayName("ObjectMessage refuses classes outside the allow-list and says how to allow them")
    void objectMessageAllowList() throws JMSException {
        WharfObjectMessage m = new WharfObjectMessage();
        m.setObject(new Untrusted());
        WharfObjectMessage received = (WharfObjectMessage) roundTrip(m);
        MessageFormatException e = assertThrows(MessageFormatException.class, received::getObject);
        assertTrue(e.getMessage().contains(Untrusted.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("objectMessageAllowList"), e.getMessage());
        received.setAllowList(ObjectAllowList.parse("org.wharfmq.jms.message.*"));
        assertInstanceOf(Untrusted.class, received.getObject());
    }

    @Test
    // a hang guard, not a performance bound: without the graph limits this read would hash 2^60 times
    @org.junit.jupiter.api.Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
    @DisplayName("a serialization bomb of allowed classes (nested HashSets) is refused before it costs anything")
    void serializationBombIsRefused() throws JMSException {
        // the SerialDOS shape: each level holds two sets that share the next level, so hashing costs 2^depth
        java.util.Set<Object> root = new java.util.HashSet<>();
        java.util.Set<Object> s1 = root;
        java.util.Set<Object> s2 = new java.util.HashSet<>();
        for (int i = 0; i < 60; i++) {
            java.util.Set<Object> t1 = new java.util.HashSet<>();
            java.util.Set<Object> t2 = new java.util.HashSet<>();
            t1.add("x" + i);
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        WharfObjectMessage m = new WharfObjectMessage();
        m.setObject((Serializable) root);
        WharfObjectMessage received = (WharfObjectMessage) roundTrip(m);
        MessageFormatException e = assertThrows(MessageFormatException.class, received::getObject);
        assertTrue(e.getMessage().contains("serialization bomb"), e.getMessage());
    }

    @Test
    @DisplayName("§3.11.2 received bodies are read-only until clearBody")
    void receivedBodyIsReadOnly() throws JMSException {
        WharfTextMessage t = (WharfTextMessage) roundTrip(new WharfTextMessage("x"));
        assertThrows(MessageNotWriteableException.class, () -> t.setText("y"));
        t.clearBody();
        assertNull(t.getText());
        t.setText("y");
        WharfMapMessage m = (WharfMapMessage) roundTrip(new WharfMapMessage());
        assertThrows(MessageNotWriteableException.class, () -> m.setInt("a", 1));
        WharfObjectMessage o = (WharfObjectMessage) roundTrip(new WharfObjectMessage());
        assertThrows(MessageNotWriteableException.class, () -> o.setObject("s"));
    }

    @Test
    @DisplayName("every header, property and body type survives the stored form")
    void codecRoundTrip() throws JMSException {
        WharfMapMessage m = new WharfMapMessage();
        m.setJMSMessageID("ID:1");
        m.setJMSTimestamp(123);
        m.setJMSCorrelationIDAsBytes(new byte[] {1, 2, (byte) 200});
        m.setJMSReplyTo(new WharfQueue("replies"));
        m.setJMSDestination(new WharfTopic("events"));
        m.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        m.setJMSPriority(7);
        m.setJMSExpiration(456);
        m.setJMSDeliveryTime(789);
        m.setJMSType("t");
        m.setStringProperty("s", "v");
        m.setDoubleProperty("d", 1.5);
        m.setObjectProperty("n", null);
        m.setChar("c", 'c');
        m.setBytes("b", new byte[] {5});
        m.setObject("nul", null);
        WharfMapMessage r = (WharfMapMessage) roundTrip(m);
        assertEquals("ID:1", r.getJMSMessageID());
        assertEquals(123, r.getJMSTimestamp());
        assertArrayEquals(new byte[] {1, 2, (byte) 200}, r.getJMSCorrelationIDAsBytes());
        assertEquals(new WharfQueue("replies"), r.getJMSReplyTo());
        assertEquals(new WharfTopic("events"), r.getJMSDestination());
        assertEquals(DeliveryMode.NON_PERSISTENT, r.getJMSDeliveryMode());
        assertEquals(7, r.getJMSPriority());
        assertEquals(456, r.getJMSExpiration());
        assertEquals(789, r.getJMSDeliveryTime());
        assertEquals("t", r.getJMSType());
        assertEquals("v", r.getStringProperty("s"));
        assertEquals(1.5, r.getDoubleProperty("d"));
        assertTrue(r.propertyExists("n"));
        assertEquals('c', r.getChar("c"));
        assertArrayEquals(new byte[] {5}, r.getBytes("b"));
        assertTrue(r.itemExists("nul"));

        WharfBytesMessage b = new WharfBytesMessage();
        b.writeLong(99);
        assertEquals(99, ((WharfBytesMessage) roundTrip(b)).readLong());
        WharfStreamMessage s = new WharfStreamMessage();
        s.writeFloat(1.5f);
        assertEquals(1.5f, ((WharfStreamMessage) roundTrip(s)).readFloat());
        assertEquals(WharfMessage.class, roundTrip(new WharfMessage()).getClass());
    }

    @Test
    @DisplayName("§3.4 header setters refuse values outside their range")
    void headerRanges() {
        WharfMessage m = new WharfMessage();
        assertThrows(JMSException.class, () -> m.setJMSPriority(10));
        assertThrows(JMSException.class, () -> m.setJMSDeliveryMode(0));
    }
}
