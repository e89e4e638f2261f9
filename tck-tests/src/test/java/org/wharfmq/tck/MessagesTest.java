package org.wharfmq.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.tck.support.Jms;

/** JMS 3.1 chapter 3: message headers, properties, the five body types and their conversion tables. */
class MessagesTest {

    @RegisterExtension
    final Jms jms = new Jms();

    private Session session;
    private Queue queue;

    @BeforeEach
    void open() throws Exception {
        session = jms.session(Session.AUTO_ACKNOWLEDGE);
        queue = jms.queue("q");
    }

    @SuppressWarnings("unchecked")
    private <T extends Message> T roundTrip(T m) throws JMSException {
        session.createProducer(queue).send(m);
        // close the consumer: a provider may prefetch later messages into an open one
        try (jakarta.jms.MessageConsumer c = session.createConsumer(queue)) {
            return (T) c.receive(Jms.ARRIVES);
        }
    }

    @Test
    @DisplayName("§3.4 header fields set by the client survive a send")
    void clientHeaders() throws JMSException {
        Message m = session.createMessage();
        Queue replyTo = jms.queue("replies");
        m.setJMSCorrelationID("corr-1");
        m.setJMSType("kind");
        m.setJMSReplyTo(replyTo);
        Message r = roundTrip(m);
        assertEquals("corr-1", r.getJMSCorrelationID());
        assertEquals("kind", r.getJMSType());
        assertEquals(replyTo, r.getJMSReplyTo());
        assertEquals(queue, r.getJMSDestination());
        assertFalse(r.getJMSRedelivered());
        assertTrue(r.getJMSMessageID().startsWith("ID:"));
        assertTrue(r.getJMSTimestamp() > 0);
        assertEquals(0, r.getJMSExpiration());
        assertEquals(DeliveryMode.PERSISTENT, r.getJMSDeliveryMode());
        assertEquals(4, r.getJMSPriority());
        assertTrue(r.getJMSDeliveryTime() >= r.getJMSTimestamp());
    }

    @Test
    @DisplayName("§3.4.5 JMSCorrelationID as bytes round-trips")
    void correlationIdBytes() throws JMSException {
        Message m = session.createMessage();
        m.setJMSCorrelationIDAsBytes(new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, roundTrip(m).getJMSCorrelationIDAsBytes());
    }

    @Test
    @DisplayName("§3.4.11 header setters are for providers; sending overwrites what the client set")
    void sendOverwritesProviderHeaders() throws JMSException {
        Message m = session.createMessage();
        m.setJMSMessageID("ID:mine");
        m.setJMSTimestamp(1);
        m.setJMSDestination(jms.queue("elsewhere"));
        m.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        m.setJMSPriority(9);
        m.setJMSExpiration(1);
        m.setJMSDeliveryTime(1);
        m.setJMSRedelivered(true);
        Message r = roundTrip(m);
        assertFalse(r.getJMSMessageID().equals("ID:mine"));
        assertEquals(queue, r.getJMSDestination());
        assertEquals(DeliveryMode.PERSISTENT, r.getJMSDeliveryMode());
        assertEquals(4, r.getJMSPriority());
        assertEquals(0, r.getJMSExpiration());
        assertFalse(r.getJMSRedelivered());
    }

    @Test
    @DisplayName("§3.5 properties of every type round-trip; names are listed; clearProperties empties them")
    void properties() throws JMSException {
        Message m = session.createMessage();
        m.setBooleanProperty("bool", true);
        m.setByteProperty("byte", (byte) 1);
        m.setShortProperty("short", (short) 2);
        m.setIntProperty("int", 3);
        m.setLongProperty("long", 4L);
        m.setFloatProperty("float", 5.5f);
        m.setDoubleProperty("double", 6.5);
        m.setStringProperty("string", "seven");
        m.setObjectProperty("object", 8);
        Message r = roundTrip(m);
        assertTrue(r.getBooleanProperty("bool"));
        assertEquals(1, r.getByteProperty("byte"));
        assertEquals(2, r.getShortProperty("short"));
        assertEquals(3, r.getIntProperty("int"));
        assertEquals(4L, r.getLongProperty("long"));
        assertEquals(5.5f, r.getFloatProperty("float"));
        assertEquals(6.5, r.getDoubleProperty("double"));
        assertEquals("seven", r.getStringProperty("string"));
        assertEquals(8, r.getObjectProperty("object"));
        assertTrue(r.propertyExists("int"));
        assertFalse(r.propertyExists("nope"));
        List<String> names = new ArrayList<>();
        for (Object n : Collections.list(r.getPropertyNames())) {
            names.add((String) n);
        }
        assertTrue(names.containsAll(List.of("bool", "byte", "short", "int", "long", "float", "double", "string",
                "object")), names.toString());
        assertThrows(MessageNotWriteableException.class, () -> r.setIntProperty("x", 1), "§3.5.5 read-only");
        r.clearProperties();
        assertFalse(r.propertyExists("int"));
        r.setIntProperty("x", 1);
    }

    @Test
    @DisplayName("§3.5.4 property conversions: allowed widening and String, refused otherwise, null rules")
    void propertyConversions() throws JMSException {
        Message m = session.createMessage();
        m.setByteProperty("b", (byte) 7);
        m.setStringProperty("s", "12");
        m.setFloatProperty("f", 1.5f);
        assertEquals(7L, m.getLongProperty("b"));
        assertEquals("7", m.getStringProperty("b"));
        assertEquals(12, m.getIntProperty("s"));
        assertEquals(1.5, m.getDoubleProperty("f"));
        assertThrows(MessageFormatException.class, () -> m.getBooleanProperty("b"));
        assertThrows(MessageFormatException.class, () -> m.getByteProperty("f"));
        assertThrows(MessageFormatException.class, () -> m.getFloatProperty("b"));
        assertThrows(NumberFormatException.class, () -> m.getIntProperty("missing"));
        assertThrows(NullPointerException.class, () -> m.getDoubleProperty("missing"));
        assertFalse(m.getBooleanProperty("missing"));
        assertNull(m.getStringProperty("missing"));
        assertThrows(MessageFormatException.class, () -> m.setObjectProperty("list", new ArrayList<>()));
        assertThrows(IllegalArgumentException.class, () -> m.setStringProperty("", "x"));
        assertThrows(IllegalArgumentException.class, () -> m.setStringProperty(null, "x"));
    }

    @Test
    @DisplayName("§3.5.9 a received message carries JMSXDeliveryCount")
    void deliveryCount() throws JMSException {
        assertEquals(1, roundTrip(session.createMessage()).getIntProperty("JMSXDeliveryCount"));
    }

    @Test
    @DisplayName("§3.13 TextMessage: text round-trips, received body is read-only until clearBody")
    void textMessage() throws JMSException {
        TextMessage m = session.createTextMessage();
        assertNull(m.getText());
        m.setText("hello");
        TextMessage r = roundTrip(m);
        assertEquals("hello", r.getText());
        assertThrows(MessageNotWriteableException.class, () -> r.setText("x"));
        r.clearBody();
        assertNull(r.getText());
        r.setText("writable again");
    }

    @Test
    @DisplayName("§3.13 BytesMessage: every write and read, body length, EOF, modes")
    void bytesMessage() throws JMSException {
        BytesMessage m = session.createBytesMessage();
        m.writeBoolean(true);
        m.writeByte((byte) -2);
        m.writeByte((byte) 200);
        m.writeShort((short) -3);
        m.writeShort((short) 60000);
        m.writeChar('c');
        m.writeInt(5);
        m.writeLong(6L);
        m.writeFloat(7.5f);
        m.writeDouble(8.5);
        m.writeUTF("nine");
        m.writeBytes(new byte[] {10, 11});
        m.writeBytes(new byte[] {0, 12, 0}, 1, 1);
        m.writeObject(13);
        assertThrows(MessageNotReadableException.class, m::readBoolean);
        BytesMessage r = roundTrip(m);
        assertTrue(r.readBoolean());
        assertEquals(-2, r.readByte());
        assertEquals(200, r.readUnsignedByte());
        assertEquals(-3, r.readShort());
        assertEquals(60000, r.readUnsignedShort());
        assertEquals('c', r.readChar());
        assertEquals(5, r.readInt());
        assertEquals(6L, r.readLong());
        assertEquals(7.5f, r.readFloat());
        assertEquals(8.5, r.readDouble());
        assertEquals("nine", r.readUTF());
        byte[] two = new byte[2];
        assertEquals(2, r.readBytes(two));
        assertArrayEquals(new byte[] {10, 11}, two);
        byte[] one = new byte[4];
        assertEquals(1, r.readBytes(one, 1));
        assertEquals(12, one[0]);
        assertEquals(13, r.readInt());
        assertEquals(-1, r.readBytes(one));
        assertThrows(MessageEOFException.class, r::readByte);
        assertTrue(r.getBodyLength() > 0);
        assertThrows(MessageNotWriteableException.class, () -> r.writeInt(1));
        r.reset();
        assertTrue(r.readBoolean(), "reset rewinds");
        r.clearBody();
        r.writeInt(1);
    }

    @Test
    @DisplayName("§3.13 MapMessage: every set and get, names, itemExists, conversions")
    void mapMessage() throws JMSException {
        MapMessage m = session.createMapMessage();
        m.setBoolean("bool", true);
        m.setByte("byte", (byte) 1);
        m.setShort("short", (short) 2);
        m.setChar("char", 'c');
        m.setInt("int", 3);
        m.setLong("long", 4L);
        m.setFloat("float", 5.5f);
        m.setDouble("double", 6.5);
        m.setString("string", "7");
        m.setBytes("bytes", new byte[] {8});
        m.setBytes("part", new byte[] {0, 9, 0}, 1, 1);
        m.setObject("object", 10);
        MapMessage r = roundTrip(m);
        assertTrue(r.getBoolean("bool"));
        assertEquals(1, r.getByte("byte"));
        assertEquals(2, r.getShort("short"));
        assertEquals('c', r.getChar("char"));
        assertEquals(3, r.getInt("int"));
        assertEquals(4L, r.getLong("long"));
        assertEquals(5.5f, r.getFloat("float"));
        assertEquals(6.5, r.getDouble("double"));
        assertEquals("7", r.getString("string"));
        assertEquals(7, r.getInt("string"));
        assertArrayEquals(new byte[] {8}, r.getBytes("bytes"));
        assertArrayEquals(new byte[] {9}, r.getBytes("part"));
        assertEquals(10, r.getObject("object"));
        assertTrue(r.itemExists("int"));
        assertFalse(r.itemExists("none"));
        assertEquals(12, Collections.list(r.getMapNames()).size());
        assertThrows(MessageFormatException.class, () -> r.getInt("float"));
        assertThrows(MessageFormatException.class, () -> r.getChar("string"));
        assertThrows(MessageNotWriteableException.class, () -> r.setInt("x", 1));
        assertNull(r.getString("none"));
    }

    @Test
    @DisplayName("§3.13 StreamMessage: every write and read, conversions, partial byte arrays, EOF")
    void streamMessage() throws JMSException {
        StreamMessage m = session.createStreamMessage();
        m.writeBoolean(true);
        m.writeByte((byte) 1);
        m.writeShort((short) 2);
        m.writeChar('c');
        m.writeInt(3);
        m.writeLong(4L);
        m.writeFloat(5.5f);
        m.writeDouble(6.5);
        m.writeString("7");
        m.writeBytes(new byte[] {8, 9, 10});
        m.writeBytes(new byte[] {0, 11, 0}, 1, 1);
        m.writeObject(12);
        StreamMessage r = roundTrip(m);
        assertEquals("true", r.readString());
        assertEquals(1, r.readByte());
        assertEquals(2, r.readShort());
        assertEquals('c', r.readChar());
        assertEquals(3L, r.readLong());
        assertEquals(4L, r.readLong());
        assertEquals(5.5, r.readDouble());
        assertEquals(6.5, r.readDouble());
        assertThrows(MessageFormatException.class, r::readChar, "a String never reads as char");
        assertEquals(7, r.readInt());
        byte[] two = new byte[2];
        assertEquals(2, r.readBytes(two));
        assertEquals(1, r.readBytes(two));
        assertEquals(-1, r.readBytes(two));
        assertEquals(1, r.readBytes(two));
        assertEquals(-1, r.readBytes(two));
        assertEquals(12, r.readObject());
        assertThrows(MessageEOFException.class, r::readInt);
        r.reset();
        assertTrue(r.readBoolean());
        assertEquals(1, r.readByte());
        assertEquals(2, r.readInt());
        assertThrows(MessageNotWriteableException.class, () -> r.writeInt(1));
    }

    @Test
    @DisplayName("§3.13 ObjectMessage: the object is copied when set and round-trips")
    void objectMessage() throws JMSException {
        ArrayList<String> list = new ArrayList<>(List.of("a"));
        ObjectMessage m = session.createObjectMessage();
        m.setObject(list);
        list.add("b");
        ObjectMessage r = roundTrip(m);
        assertEquals(List.of("a"), r.getObject());
        assertEquals("x", session.createObjectMessage("x").getObject());
        assertThrows(MessageNotWriteableException.class, () -> r.setObject("y"));
    }

    @Test
    @DisplayName("§3.13, §3.11.4 ObjectMessage: a null body, a body of the wrong type, an object that cannot be serialized")
    void objectMessageEdges() throws JMSException {
        ObjectMessage empty = roundTrip(session.createObjectMessage());
        assertNull(empty.getObject());
        assertNull(empty.getBody(String.class));
        assertTrue(empty.isBodyAssignableTo(Integer.class));
        ObjectMessage text = roundTrip(session.createObjectMessage("text"));
        assertTrue(text.isBodyAssignableTo(String.class));
        assertFalse(text.isBodyAssignableTo(Integer.class));
        assertThrows(MessageFormatException.class, () -> text.getBody(Integer.class));
        text.clearBody();
        assertNull(text.getObject());
        ObjectMessage m = session.createObjectMessage();
        ArrayList<Object> notSerializable = new ArrayList<>(List.of(new Object()));
        assertThrows(MessageFormatException.class, () -> m.setObject(notSerializable));
        m.setObject(null);
        assertNull(m.getObject());
    }

    @Test
    @DisplayName("§3.11.4 getBody and isBodyAssignableTo for every body type")
    void getBody() throws JMSException {
        TextMessage t = roundTrip(session.createTextMessage("t"));
        assertEquals("t", t.getBody(String.class));
        assertTrue(t.isBodyAssignableTo(String.class));
        assertFalse(t.isBodyAssignableTo(Integer.class));
        assertThrows(MessageFormatException.class, () -> t.getBody(Integer.class));
        MapMessage map = session.createMapMessage();
        map.setInt("k", 1);
        assertEquals(Map.of("k", 1), roundTrip(map).getBody(Map.class));
        BytesMessage bytes = session.createBytesMessage();
        bytes.writeByte((byte) 5);
        assertArrayEquals(new byte[] {5}, roundTrip(bytes).getBody(byte[].class));
        assertEquals("o", roundTrip(session.createObjectMessage("o")).getBody(String.class));
        StreamMessage written = session.createStreamMessage();
        written.writeInt(1);
        StreamMessage stream = roundTrip(written);
        assertFalse(stream.isBodyAssignableTo(Object.class));
        assertThrows(MessageFormatException.class, () -> stream.getBody(Object.class));
        Message plain = roundTrip(session.createMessage());
        assertNull(plain.getBody(String.class));
        assertTrue(plain.isBodyAssignableTo(String.class));
    }

    @Test
    @DisplayName("§3.13 BytesMessage.writeObject writes every wrapper type, String and byte[]; refuses others")
    void bytesWriteObject() throws JMSException {
        BytesMessage m = session.createBytesMessage();
        for (Object o : List.of(true, (byte) 1, (short) 2, 'c', 3, 4L, 5.5f, 6.5, "s", new byte[] {7})) {
            m.writeObject(o);
        }
        assertThrows(MessageFormatException.class, () -> m.writeObject(new ArrayList<>()));
        BytesMessage r = roundTrip(m);
        assertTrue(r.readBoolean());
        assertEquals(1, r.readByte());
        assertEquals(2, r.readShort());
        assertEquals('c', r.readChar());
        assertEquals(3, r.readInt());
        assertEquals(4L, r.readLong());
        assertEquals(5.5f, r.readFloat());
        assertEquals(6.5, r.readDouble());
        assertEquals("s", r.readUTF());
        assertEquals(7, r.readByte());
    }

    @Test
    @DisplayName("§3.5.4 the whole property conversion table")
    void propertyConversionTable() throws JMSException {
        Message m = session.createMessage();
        m.setBooleanProperty("bool", true);
        m.setByteProperty("byte", (byte) 1);
        m.setShortProperty("short", (short) 2);
        m.setIntProperty("int", 3);
        m.setLongProperty("long", 4);
        m.setFloatProperty("float", 5);
        m.setDoubleProperty("double", 6);
        m.setStringProperty("string", "7");
        // allowed
        assertEquals("true", m.getStringProperty("bool"));
        assertEquals(1, m.getShortProperty("byte"));
        assertEquals(1, m.getIntProperty("byte"));
        assertEquals(2, m.getIntProperty("short"));
        assertEquals(2L, m.getLongProperty("short"));
        assertEquals(3L, m.getLongProperty("int"));
        assertEquals(5.0, m.getDoubleProperty("float"));
        assertEquals(7, m.getByteProperty("string"));
        assertEquals(7, m.getShortProperty("string"));
        assertEquals(7L, m.getLongProperty("string"));
        assertEquals(7f, m.getFloatProperty("string"));
        assertEquals(7.0, m.getDoubleProperty("string"));
        assertEquals(false, m.getBooleanProperty("string"));
        // refused
        for (String n : List.of("byte", "short", "int", "long", "float", "double")) {
            assertThrows(MessageFormatException.class, () -> m.getBooleanProperty(n), n + " as boolean");
        }
        for (String n : List.of("bool", "short", "int", "long", "float", "double")) {
            assertThrows(MessageFormatException.class, () -> m.getByteProperty(n), n + " as byte");
        }
        for (String n : List.of("bool", "int", "long", "float", "double")) {
            assertThrows(MessageFormatException.class, () -> m.getShortProperty(n), n + " as short");
        }
        for (String n : List.of("bool", "long", "float", "double")) {
            assertThrows(MessageFormatException.class, () -> m.getIntProperty(n), n + " as int");
        }
        for (String n : List.of("bool", "float", "double")) {
            assertThrows(MessageFormatException.class, () -> m.getLongProperty(n), n + " as long");
        }
        for (String n : List.of("bool", "byte", "short", "int", "long", "double")) {
            assertThrows(MessageFormatException.class, () -> m.getFloatProperty(n), n + " as float");
        }
        for (String n : List.of("bool", "byte", "short", "int", "long")) {
            assertThrows(MessageFormatException.class, () -> m.getDoubleProperty(n), n + " as double");
        }
    }

    @Test
    @DisplayName("§3.11.3 the MapMessage and StreamMessage tables: chars, bytes and strings")
    void bodyConversionTable() throws JMSException {
        MapMessage m = session.createMapMessage();
        m.setChar("char", 'x');
        m.setBytes("bytes", new byte[] {1});
        m.setBoolean("bool", true);
        m.setString("num", "5");
        assertEquals("x", m.getString("char"));
        assertThrows(MessageFormatException.class, () -> m.getInt("char"));
        assertThrows(MessageFormatException.class, () -> m.getString("bytes"));
        assertThrows(MessageFormatException.class, () -> m.getBytes("bool"));
        assertThrows(MessageFormatException.class, () -> m.getLong("bool"));
        assertThrows(MessageFormatException.class, () -> m.getDouble("bool"));
        assertThrows(MessageFormatException.class, () -> m.getFloat("bool"));
        assertThrows(MessageFormatException.class, () -> m.getShort("bool"));
        assertThrows(MessageFormatException.class, () -> m.getByte("bool"));
        assertEquals(5, m.getShort("num"));
        assertEquals(5, m.getByte("num"));
        assertEquals(5f, m.getFloat("num"));
        StreamMessage s = session.createStreamMessage();
        s.writeBytes(new byte[] {1});
        s.writeChar('y');
        s.writeBoolean(false);
        s.reset();
        assertThrows(MessageFormatException.class, s::readString);
        assertEquals(1, s.readBytes(new byte[1]));
        assertEquals(-1, s.readBytes(new byte[1]));
        assertThrows(MessageFormatException.class, s::readLong);
        assertEquals("y", s.readString());
        assertThrows(MessageFormatException.class, s::readShort);
        assertThrows(MessageFormatException.class, s::readFloat);
        assertEquals(false, s.readBoolean());
    }

    @Test
    @DisplayName("§3.13 StreamMessage edges: empty arrays, readBytes needs an array, read-only after reset")
    void streamEdges() throws JMSException {
        StreamMessage m = session.createStreamMessage();
        m.writeBytes(new byte[0]);
        m.writeInt(1);
        m.writeString(null);
        assertThrows(MessageFormatException.class, () -> m.writeObject(new ArrayList<>()));
        StreamMessage r = roundTrip(m);
        byte[] buf = new byte[4];
        assertEquals(0, r.readBytes(buf), "an empty array reads as 0 bytes");
        assertEquals(-1, r.readBytes(buf));
        assertThrows(MessageFormatException.class, () -> r.readBytes(buf), "an int is not a byte array");
        assertEquals(1, r.readInt());
        assertNull(r.readString());
        assertThrows(MessageEOFException.class, () -> r.readBytes(buf));
        assertThrows(MessageNotWriteableException.class, () -> r.writeBoolean(true));
        assertThrows(MessageNotWriteableException.class, () -> r.writeObject(1));
        r.clearBody();
        r.writeString("again");
        r.reset();
        assertEquals("again", r.readString());
    }

    @Test
    @DisplayName("§3.13 MapMessage keeps null values")
    void mapNulls() throws JMSException {
        MapMessage m = session.createMapMessage();
        m.setString("s", null);
        m.setObject("o", null);
        MapMessage r = roundTrip(m);
        assertTrue(r.itemExists("s"));
        assertNull(r.getString("s"));
        assertNull(r.getObject("o"));
    }

    @Test
    @DisplayName("§3.11.4 getBody of an ObjectMessage checks the type")
    void objectGetBody() throws JMSException {
        ObjectMessage r = roundTrip(session.createObjectMessage(new ArrayList<>(List.of(1))));
        assertTrue(r.isBodyAssignableTo(List.class));
        assertFalse(r.isBodyAssignableTo(String.class));
        assertThrows(MessageFormatException.class, () -> r.getBody(String.class));
        assertEquals(List.of(1), r.getBody(List.class));
        assertNull(roundTrip(session.createObjectMessage()).getObject());
    }

    @Test
    @DisplayName("§3.11.2 clearBody makes a received message writable; its properties stay read-only")
    void clearBody() throws JMSException {
        MapMessage r = roundTrip(session.createMapMessage());
        r.clearBody();
        r.setInt("k", 1);
        assertThrows(MessageNotWriteableException.class, () -> r.setIntProperty("p", 1));
        assertNotNull(r.getPropertyNames());
    }

    @Test
    @DisplayName("§3.11.2, §3.11.4 and the BytesMessage API: read-only and write-only modes, null writeObject, readBytes length, getBody of another type")
    void bytesMessageRules() throws JMSException {
        jakarta.jms.BytesMessage b = session.createBytesMessage();
        org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class, () -> b.writeObject(null));
        b.writeBytes(new byte[] {1, 2, 3});
        org.junit.jupiter.api.Assertions.assertThrows(jakarta.jms.MessageNotReadableException.class, b::readByte);
        b.reset();
        org.junit.jupiter.api.Assertions.assertThrows(jakarta.jms.MessageNotWriteableException.class,
                () -> b.writeInt(4));
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
                () -> b.readBytes(new byte[2], 3));
        org.junit.jupiter.api.Assertions.assertThrows(jakarta.jms.MessageFormatException.class,
                () -> b.getBody(String.class));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {1, 2, 3}, b.getBody(byte[].class));
    }
}
