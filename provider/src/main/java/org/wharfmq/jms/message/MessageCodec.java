package org.wharfmq.jms.message;

import org.wharfmq.config.ObjectAllowList;
import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.wharfmq.jms.WharfDestination;

/**
 * The stored form of a message: headers, properties and body in one compact binary record. The journal keeps
 * these bytes opaquely; every consumer decodes its own copy, which is what gives each receiver an independent
 * message object (JMS 3.1 §3.9 — changing a sent message does not change what was sent).
 */
public final class MessageCodec {

    private static final byte FORMAT_VERSION = 1;

    private static final byte T_MESSAGE = 0;
    private static final byte T_TEXT = 1;
    private static final byte T_BYTES = 2;
    private static final byte T_MAP = 3;
    private static final byte T_STREAM = 4;
    private static final byte T_OBJECT = 5;

    private static final byte V_NULL = 0;
    private static final byte V_BOOLEAN = 1;
    private static final byte V_BYTE = 2;
    private static final byte V_SHORT = 3;
    private static final byte V_CHAR = 4;
    private static final byte V_INT = 5;
    private static final byte V_LONG = 6;
    private static final byte V_FLOAT = 7;
    private static final byte V_DOUBLE = 8;
    private static final byte V_STRING = 9;
    private static final byte V_BYTES = 10;

    private MessageCodec() {
    }

    public static byte[] encode(WharfMessage m) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(FORMAT_VERSION);
            out.writeByte(typeOf(m));
            writeString(out, m.getJMSMessageID());
            out.writeLong(m.getJMSTimestamp());
            writeString(out, m.getJMSCorrelationID());
            writeBytes(out, m.rawCorrelationIdBytes());
            writeDestination(out, m.getJMSReplyTo());
            writeDestination(out, m.getJMSDestination());
            out.writeByte(m.getJMSDeliveryMode());
            out.writeByte(m.getJMSPriority());
            out.writeLong(m.getJMSExpiration());
            out.writeLong(m.getJMSDeliveryTime());
            writeString(out, m.getJMSType());
            Map<String, Object> props = m.properties();
            out.writeInt(props.size());
            for (Map.Entry<String, Object> e : props.entrySet()) {
                writeString(out, e.getKey());
                writeValue(out, e.getValue());
            }
            writeBody(out, m);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + m, e);
        }
    }

    private static byte typeOf(WharfMessage m) {
        if (m instanceof WharfTextMessage) {
            return T_TEXT;
        } else if (m instanceof WharfBytesMessage) {
            return T_BYTES;
        } else if (m instanceof WharfMapMessage) {
            return T_MAP;
        } else if (m instanceof WharfStreamMessage) {
            return T_STREAM;
        } else if (m instanceof WharfObjectMessage) {
            return T_OBJECT;
        }
        return T_MESSAGE;
    }

    private static void writeBody(DataOutputStream out, WharfMessage m) throws IOException {
        if (m instanceof WharfTextMessage t) {
            writeString(out, t.getText());
        } else if (m instanceof WharfBytesMessage b) {
            writeBytes(out, b.bodyBytes());
        } else if (m instanceof WharfMapMessage map) {
            out.writeInt(map.entries().size());
            for (Map.Entry<String, Object> e : map.entries().entrySet()) {
                writeString(out, e.getKey());
                writeValue(out, e.getValue());
            }
        } else if (m instanceof WharfStreamMessage s) {
            out.writeInt(s.values().size());
            for (Object v : s.values()) {
                writeValue(out, v);
            }
        } else if (m instanceof WharfObjectMessage o) {
            writeBytes(out, o.serialized());
        }
    }

    /** Decodes a stored message; the result has read-only properties and body, as a received message does. */
    public static WharfMessage decode(byte[] data, ObjectAllowList allowList) throws JMSException {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            byte version = in.readByte();
            if (version != FORMAT_VERSION) {
                throw new JMSException("stored message format " + version + " is newer than this Wharf understands");
            }
            byte type = in.readByte();
            WharfMessage m = switch (type) {
                case T_TEXT -> new WharfTextMessage();
                case T_BYTES -> new WharfBytesMessage();
                case T_MAP -> new WharfMapMessage();
                case T_STREAM -> new WharfStreamMessage();
                case T_OBJECT -> new WharfObjectMessage();
                default -> new WharfMessage();
            };
            m.setJMSMessageID(readString(in));
            m.setJMSTimestamp(in.readLong());
            String corr = readString(in);
            byte[] corrBytes = readBytes(in);
            m.restoreCorrelation(corr, corrBytes);
            m.setJMSReplyTo(readDestination(in));
            m.setJMSDestination(readDestination(in));
            m.setJMSDeliveryMode(in.readByte());
            m.setJMSPriority(in.readByte());
            m.setJMSExpiration(in.readLong());
            m.setJMSDeliveryTime(in.readLong());
            m.setJMSType(readString(in));
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                m.properties().put(readString(in), readValue(in));
            }
            switch (type) {
                case T_TEXT -> ((WharfTextMessage) m).setText(readString(in));
                case T_BYTES -> ((WharfBytesMessage) m).restoreBody(readBytes(in));
                case T_MAP -> {
                    int size = in.readInt();
                    Map<String, Object> entries = ((WharfMapMessage) m).entries();
                    for (int i = 0; i < size; i++) {
                        entries.put(readString(in), readValue(in));
                    }
                }
                case T_STREAM -> {
                    int size = in.readInt();
                    List<Object> values = new ArrayList<>(size);
                    for (int i = 0; i < size; i++) {
                        values.add(readValue(in));
                    }
                    ((WharfStreamMessage) m).restoreValues(values);
                }
                case T_OBJECT -> {
                    WharfObjectMessage o = (WharfObjectMessage) m;
                    o.restoreSerialized(readBytes(in));
                    o.setAllowList(allowList);
                }
                default -> {
                }
            }
            m.markReceived();
            return m;
        } catch (IOException e) {
            JMSException je = new MessageEOFException("a stored message is truncated or corrupt: " + e);
            je.setLinkedException(e);
            throw je;
        }
    }

    /**
     * Copies any provider's message into a Wharf message of the same type (JMS 3.1 §3.12 foreign messages).
     * A Wharf message is returned as it is.
     */
    public static WharfMessage fromForeign(Message m) throws JMSException {
        if (m instanceof WharfMessage w) {
            return w;
        }
        WharfMessage copy;
        if (m instanceof TextMessage t) {
            copy = new WharfTextMessage(t.getText());
        } else if (m instanceof BytesMessage b) {
            WharfBytesMessage wb = new WharfBytesMessage();
            b.reset();
            byte[] body = new byte[(int) b.getBodyLength()];
            b.readBytes(body);
            wb.writeBytes(body);
            copy = wb;
        } else if (m instanceof MapMessage mm) {
            WharfMapMessage wm = new WharfMapMessage();
            for (Enumeration<?> e = mm.getMapNames(); e.hasMoreElements(); ) {
                String name = (String) e.nextElement();
                wm.setObject(name, mm.getObject(name));
            }
            copy = wm;
        } else if (m instanceof StreamMessage sm) {
            WharfStreamMessage ws = new WharfStreamMessage();
            sm.reset();
            while (true) {
                try {
                    ws.writeObject(sm.readObject());
                } catch (MessageEOFException eof) {
                    break;
                }
            }
            copy = ws;
        } else if (m instanceof ObjectMessage om) {
            WharfObjectMessage wo = new WharfObjectMessage();
            wo.setObject(om.getObject());
            copy = wo;
        } else {
            copy = new WharfMessage();
        }
        copy.copyHeadersAndPropertiesFrom(m);
        if (m.getJMSCorrelationID() == null && safeCorrelationBytes(m) != null) {
            copy.setJMSCorrelationIDAsBytes(safeCorrelationBytes(m));
        }
        return copy;
    }

    private static byte[] safeCorrelationBytes(Message m) {
        try {
            return m.getJMSCorrelationIDAsBytes();
        } catch (JMSException | UnsupportedOperationException e) {
            return null;
        }
    }

    // ---- primitives ----------------------------------------------------------------------------------

    private static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        if (b == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    private static void writeDestination(DataOutputStream out, Destination d) throws IOException {
        if (d == null) {
            out.writeByte(0);
            return;
        }
        WharfDestination w = toWharf(d);
        out.writeByte(w.kindCode());
        writeString(out, w.getName());
    }

    /** Maps another provider's Queue or Topic to the Wharf destination of the same name. */
    private static WharfDestination toWharf(Destination d) {
        if (d instanceof WharfDestination w) {
            return w;
        }
        try {
            if (d instanceof Queue q) {
                return WharfDestination.of(1, q.getQueueName());
            }
            if (d instanceof Topic t) {
                return WharfDestination.of(2, t.getTopicName());
            }
        } catch (JMSException e) {
            throw new IllegalArgumentException("cannot read the name of destination " + d, e);
        }
        throw new IllegalArgumentException("destination " + d + " is neither a Queue nor a Topic");
    }

    private static Destination readDestination(DataInputStream in) throws IOException {
        byte kind = in.readByte();
        if (kind == 0) {
            return null;
        }
        return WharfDestination.of(kind, readString(in));
    }

    private static void writeValue(DataOutputStream out, Object v) throws IOException {
        if (v == null) {
            out.writeByte(V_NULL);
        } else if (v instanceof Boolean b) {
            out.writeByte(V_BOOLEAN);
            out.writeBoolean(b);
        } else if (v instanceof Byte b) {
            out.writeByte(V_BYTE);
            out.writeByte(b);
        } else if (v instanceof Short s) {
            out.writeByte(V_SHORT);
            out.writeShort(s);
        } else if (v instanceof Character c) {
            out.writeByte(V_CHAR);
            out.writeChar(c);
        } else if (v instanceof Integer i) {
            out.writeByte(V_INT);
            out.writeInt(i);
        } else if (v instanceof Long l) {
            out.writeByte(V_LONG);
            out.writeLong(l);
        } else if (v instanceof Float f) {
            out.writeByte(V_FLOAT);
            out.writeFloat(f);
        } else if (v instanceof Double d) {
            out.writeByte(V_DOUBLE);
            out.writeDouble(d);
        } else if (v instanceof String s) {
            out.writeByte(V_STRING);
            writeString(out, s);
        } else if (v instanceof byte[] b) {
            out.writeByte(V_BYTES);
            writeBytes(out, b);
        } else {
            throw new IOException("cannot store a value of type " + v.getClass().getName());
        }
    }

    private static Object readValue(DataInputStream in) throws IOException {
        byte t = in.readByte();
        return switch (t) {
            case V_NULL -> null;
            case V_BOOLEAN -> in.readBoolean();
            case V_BYTE -> in.readByte();
            case V_SHORT -> in.readShort();
            case V_CHAR -> in.readChar();
            case V_INT -> in.readInt();
            case V_LONG -> in.readLong();
            case V_FLOAT -> in.readFloat();
            case V_DOUBLE -> in.readDouble();
            case V_STRING -> readString(in);
            case V_BYTES -> readBytes(in);
            default -> throw new IOException("unknown value tag " + t);
        };
    }
}
