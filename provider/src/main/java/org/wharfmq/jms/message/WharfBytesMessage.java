package org.wharfmq.jms.message;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * A message whose body is a stream of uninterpreted bytes (JMS 3.1 §3.13, {@link BytesMessage}). Write-only
 * when created or cleared, read-only after {@link #reset()} or when received (§3.11.2).
 */
public class WharfBytesMessage extends WharfMessage implements BytesMessage {

    private ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private DataOutputStream out = new DataOutputStream(buffer);
    private byte[] data;
    private DataInputStream in;

    public WharfBytesMessage() {
    }

    /** The body as it stands: the written bytes in write-only mode, the readable bytes after reset. */
    public byte[] bodyBytes() {
        return data != null ? data : buffer.toByteArray();
    }

    /** Restores a body read from the journal and puts the message in read-only mode. */
    void restoreBody(byte[] bytes) {
        data = bytes;
        in = new DataInputStream(new ByteArrayInputStream(bytes));
        buffer = null;
        out = null;
        bodyReadOnly = true;
    }

    @Override
    public long getBodyLength() throws JMSException {
        checkReadable();
        return data.length;
    }

    @Override
    public void reset() {
        if (data == null) {
            data = buffer.toByteArray();
            buffer = null;
            out = null;
        }
        in = new DataInputStream(new ByteArrayInputStream(data));
        bodyReadOnly = true;
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        buffer = new ByteArrayOutputStream();
        out = new DataOutputStream(buffer);
        data = null;
        in = null;
    }

    private void checkReadable() throws MessageNotReadableException {
        if (data == null) {
            throw new MessageNotReadableException("the BytesMessage is in write-only mode; call reset() to read it (§3.11.2)");
        }
    }

    private interface Read<T> {
        T read() throws IOException;
    }

    private <T> T read(Read<T> r) throws JMSException {
        checkReadable();
        try {
            in.mark(Integer.MAX_VALUE);
            return r.read();
        } catch (EOFException e) {
            resetToMark();
            throw new MessageEOFException("unexpected end of the BytesMessage body");
        } catch (IOException e) {
            resetToMark();
            MessageFormatException mfe = new MessageFormatException("cannot read the BytesMessage body: " + e);
            mfe.setLinkedException(e);
            throw mfe;
        }
    }

    private void resetToMark() {
        try {
            in.reset();
        } catch (IOException ignored) {
            // a ByteArrayInputStream always supports reset
        }
    }

    @Override
    public boolean readBoolean() throws JMSException {
        return read(() -> in.readBoolean());
    }

    @Override
    public byte readByte() throws JMSException {
        return read(() -> in.readByte());
    }

    @Override
    public int readUnsignedByte() throws JMSException {
        return read(() -> in.readUnsignedByte());
    }

    @Override
    public short readShort() throws JMSException {
        return read(() -> in.readShort());
    }

    @Override
    public int readUnsignedShort() throws JMSException {
        return read(() -> in.readUnsignedShort());
    }

    @Override
    public char readChar() throws JMSException {
        return read(() -> in.readChar());
    }

    @Override
    public int readInt() throws JMSException {
        return read(() -> in.readInt());
    }

    @Override
    public long readLong() throws JMSException {
        return read(() -> in.readLong());
    }

    @Override
    public float readFloat() throws JMSException {
        return read(() -> in.readFloat());
    }

    @Override
    public double readDouble() throws JMSException {
        return read(() -> in.readDouble());
    }

    @Override
    public String readUTF() throws JMSException {
        return read(() -> in.readUTF());
    }

    @Override
    public int readBytes(byte[] value) throws JMSException {
        return readBytes(value, value.length);
    }

    @Override
    public int readBytes(byte[] value, int length) throws JMSException {
        if (length < 0 || length > value.length) {
            throw new IndexOutOfBoundsException("length " + length + " is outside the array of " + value.length);
        }
        checkReadable();
        try {
            int n = in.read(value, 0, length);
            return n;
        } catch (IOException e) {
            throw new MessageFormatException("cannot read the BytesMessage body: " + e);
        }
    }

    private interface Write {
        void write() throws IOException;
    }

    private void write(Write w) throws JMSException {
        checkWritable();
        try {
            w.write();
        } catch (IOException e) {
            JMSException je = new JMSException("cannot write the BytesMessage body: " + e);
            je.setLinkedException(e);
            throw je;
        }
    }

    @Override
    protected void checkWritable() throws jakarta.jms.MessageNotWriteableException {
        super.checkWritable();
        if (out == null) {
            throw new jakarta.jms.MessageNotWriteableException("the BytesMessage is in read-only mode; call clearBody() to write it");
        }
    }

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        write(() -> out.writeBoolean(value));
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        write(() -> out.writeByte(value));
    }

    @Override
    public void writeShort(short value) throws JMSException {
        write(() -> out.writeShort(value));
    }

    @Override
    public void writeChar(char value) throws JMSException {
        write(() -> out.writeChar(value));
    }

    @Override
    public void writeInt(int value) throws JMSException {
        write(() -> out.writeInt(value));
    }

    @Override
    public void writeLong(long value) throws JMSException {
        write(() -> out.writeLong(value));
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        write(() -> out.writeFloat(value));
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        write(() -> out.writeDouble(value));
    }

    @Override
    public void writeUTF(String value) throws JMSException {
        write(() -> out.writeUTF(value));
    }

    @Override
    public void writeBytes(byte[] value) throws JMSException {
        write(() -> out.write(value));
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        write(() -> out.write(value, offset, length));
    }

    @Override
    public void writeObject(Object value) throws JMSException {
        if (value == null) {
            throw new NullPointerException("BytesMessage.writeObject does not take null (§3.13)");
        }
        if (value instanceof Boolean v) {
            writeBoolean(v);
        } else if (value instanceof Byte v) {
            writeByte(v);
        } else if (value instanceof Short v) {
            writeShort(v);
        } else if (value instanceof Character v) {
            writeChar(v);
        } else if (value instanceof Integer v) {
            writeInt(v);
        } else if (value instanceof Long v) {
            writeLong(v);
        } else if (value instanceof Float v) {
            writeFloat(v);
        } else if (value instanceof Double v) {
            writeDouble(v);
        } else if (value instanceof String v) {
            writeUTF(v);
        } else if (value instanceof byte[] v) {
            writeBytes(v);
        } else {
            throw new MessageFormatException("BytesMessage.writeObject cannot write a " + value.getClass().getName()
                    + ": only primitive wrappers, String and byte[] are allowed");
        }
    }

    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        byte[] body = bodyBytes();
        if (body.length == 0) {
            return null;
        }
        if (!c.isAssignableFrom(byte[].class)) {
            throw new MessageFormatException("the body of a BytesMessage is a byte[] and cannot be returned as "
                    + c.getName() + " (§3.11.4)");
        }
        return c.cast(body.clone());
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) {
        return bodyBytes().length == 0 || c.isAssignableFrom(byte[].class);
    }
}
