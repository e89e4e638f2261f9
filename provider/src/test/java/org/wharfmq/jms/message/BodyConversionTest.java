package org.wharfmq.jms.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** JMS 3.1 §3.11.3: StreamMessage and MapMessage conversions; §3.11.2 read-only and write-only modes. */
class BodyConversionTest {

    @Test
    @DisplayName("§3.11.3 StreamMessage reads convert as the table says")
    void streamConversions() throws JMSException {
        WharfStreamMessage m = new WharfStreamMessage();
        m.writeShort((short) 3);
        m.writeChar('x');
        m.writeString("12");
        m.writeBytes(new byte[] {1, 2, 3});
        m.reset();
        assertEquals(3L, m.readLong());
        assertThrows(MessageFormatException.class, m::readInt, "char does not convert to int");
        assertEquals("x", m.readString());
        assertEquals(12, m.readInt());
        byte[] buf = new byte[2];
        assertEquals(2, m.readBytes(buf));
        assertEquals(1, m.readBytes(buf));
        assertEquals(-1, m.readBytes(buf));
        assertThrows(MessageEOFException.class, m::readBoolean);
    }

    @Test
    @DisplayName("§3.11.3 a failed StreamMessage read does not move the position")
    void failedReadKeepsPosition() throws JMSException {
        WharfStreamMessage m = new WharfStreamMessage();
        m.writeString("not a number");
        m.reset();
        assertThrows(NumberFormatException.class, m::readInt);
        assertThrows(MessageFormatException.class, m::readChar);
        assertEquals("not a number", m.readString());
    }

    @Test
    @DisplayName("§3.11.3 a null stream value reads as valueOf(null)")
    void nullStreamValue() throws JMSException {
        WharfStreamMessage m = new WharfStreamMessage();
        m.writeObject(null);
        m.writeObject(null);
        m.writeObject(null);
        m.reset();
        assertNull(m.readString());
        assertFalse(m.readBoolean());
        assertThrows(NumberFormatException.class, m::readInt);
    }

    @Test
    @DisplayName("§3.11.2 a StreamMessage is write-only until reset and read-only after")
    void streamModes() throws JMSException {
        WharfStreamMessage m = new WharfStreamMessage();
        m.writeInt(1);
        assertThrows(MessageNotReadableException.class, m::readInt);
        m.reset();
        assertThrows(MessageNotWriteableException.class, () -> m.writeInt(2));
        m.clearBody();
        m.writeInt(3);
        m.reset();
        assertEquals(3, m.readInt());
    }

    @Test
    @DisplayName("§3.11.3 MapMessage conversions, chars and bytes")
    void mapConversions() throws JMSException {
        WharfMapMessage m = new WharfMapMessage();
        m.setFloat("f", 2.5f);
        m.setChar("c", 'z');
        m.setBytes("b", new byte[] {9});
        m.setString("s", "true");
        assertEquals(2.5d, m.getDouble("f"));
        assertThrows(MessageFormatException.class, () -> m.getLong("f"));
        assertEquals('z', m.getChar("c"));
        assertEquals("z", m.getString("c"));
        assertThrows(MessageFormatException.class, () -> m.getChar("s"));
        assertArrayEquals(new byte[] {9}, m.getBytes("b"));
        assertThrows(MessageFormatException.class, () -> m.getString("b"));
        assertEquals(true, m.getBoolean("s"));
        assertNull(m.getBytes("missing"));
        assertThrows(NullPointerException.class, () -> m.getChar("missing"));
        assertThrows(IllegalArgumentException.class, () -> m.setInt("", 1));
        assertThrows(MessageFormatException.class, () -> m.setObject("x", new Object()));
    }

    @Test
    @DisplayName("§3.11.2 a BytesMessage is write-only until reset; reading past the end throws MessageEOFException")
    void bytesModes() throws JMSException {
        WharfBytesMessage m = new WharfBytesMessage();
        m.writeInt(42);
        m.writeUTF("hé");
        m.writeObject(7L);
        assertThrows(MessageNotReadableException.class, m::getBodyLength);
        assertThrows(MessageNotReadableException.class, m::readInt);
        m.reset();
        assertEquals(4 + 2 + 3 + 8, m.getBodyLength());
        assertEquals(42, m.readInt());
        assertEquals("hé", m.readUTF());
        assertEquals(7L, m.readLong());
        assertThrows(MessageEOFException.class, m::readByte);
        assertThrows(MessageNotWriteableException.class, () -> m.writeInt(1));
        assertThrows(MessageFormatException.class, () -> new WharfBytesMessage().writeObject(new Object()));
        assertThrows(NullPointerException.class, () -> new WharfBytesMessage().writeObject(null));
    }
}
