package org.wharfmq.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.StreamMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * A message whose body is a sequence of typed values (JMS 3.1 §3.13, {@link StreamMessage}). Reads convert as
 * §3.11.3 says; a read that fails with MessageFormatException or NumberFormatException leaves the position
 * where it was, so the value can be read again as another type.
 */
public class WharfStreamMessage extends WharfMessage implements StreamMessage {

    private List<Object> values = new ArrayList<>();
    private boolean readMode;
    private int position;
    /** Offset into the current byte[] value while readBytes is consuming it; -1 when not inside one. */
    private int bytesOffset = -1;

    List<Object> values() {
        return values;
    }

    void restoreValues(List<Object> restored) {
        values = restored;
        readMode = true;
        bodyReadOnly = true;
        position = 0;
        bytesOffset = -1;
    }

    private void checkReadable() throws MessageNotReadableException {
        if (!readMode) {
            throw new MessageNotReadableException("the StreamMessage is in write-only mode; call reset() to read it (§3.11.2)");
        }
    }

    private interface Convert<T> {
        T apply(Object v) throws JMSException;
    }

    private <T> T read(Convert<T> conversion) throws JMSException {
        checkReadable();
        if (bytesOffset >= 0) {
            throw new MessageFormatException("a byte[] value is partly read; finish it with readBytes first (§3.13)");
        }
        if (position >= values.size()) {
            throw new MessageEOFException("the end of the StreamMessage has been reached");
        }
        T result = conversion.apply(values.get(position));
        position++;
        return result;
    }

    @Override
    public boolean readBoolean() throws JMSException {
        return read(TypeConversions::toBoolean);
    }

    @Override
    public byte readByte() throws JMSException {
        return read(TypeConversions::toByte);
    }

    @Override
    public short readShort() throws JMSException {
        return read(TypeConversions::toShort);
    }

    @Override
    public char readChar() throws JMSException {
        return read(TypeConversions::toChar);
    }

    @Override
    public int readInt() throws JMSException {
        return read(TypeConversions::toInt);
    }

    @Override
    public long readLong() throws JMSException {
        return read(TypeConversions::toLong);
    }

    @Override
    public float readFloat() throws JMSException {
        return read(TypeConversions::toFloat);
    }

    @Override
    public double readDouble() throws JMSException {
        return read(TypeConversions::toDouble);
    }

    @Override
    public String readString() throws JMSException {
        return read(TypeConversions::toString);
    }

    @Override
    public Object readObject() throws JMSException {
        return read(v -> v instanceof byte[] b ? b.clone() : v);
    }

    @Override
    public int readBytes(byte[] value) throws JMSException {
        checkReadable();
        if (position >= values.size()) {
            throw new MessageEOFException("the end of the StreamMessage has been reached");
        }
        Object current = values.get(position);
        if (current == null) {
            position++;
            return -1;
        }
        if (!(current instanceof byte[] bytes)) {
            throw TypeConversions.mismatch(current, "byte[]");
        }
        int offset = Math.max(bytesOffset, 0);
        int remaining = bytes.length - offset;
        if (remaining == 0) {
            // the whole array has been returned (or it was empty and is reported once as 0 bytes)
            if (bytesOffset < 0 && bytes.length == 0) {
                bytesOffset = 0;
                return 0;
            }
            bytesOffset = -1;
            position++;
            return -1;
        }
        int n = Math.min(value.length, remaining);
        System.arraycopy(bytes, offset, value, 0, n);
        bytesOffset = offset + n;
        return n;
    }

    private void write(Object v) throws JMSException {
        checkWritable();
        values.add(v);
    }

    @Override
    protected void checkWritable() throws jakarta.jms.MessageNotWriteableException {
        super.checkWritable();
        if (readMode) {
            throw new jakarta.jms.MessageNotWriteableException("the StreamMessage is in read-only mode; call clearBody() to write it");
        }
    }

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        write(value);
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        write(value);
    }

    @Override
    public void writeShort(short value) throws JMSException {
        write(value);
    }

    @Override
    public void writeChar(char value) throws JMSException {
        write(value);
    }

    @Override
    public void writeInt(int value) throws JMSException {
        write(value);
    }

    @Override
    public void writeLong(long value) throws JMSException {
        write(value);
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        write(value);
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        write(value);
    }

    @Override
    public void writeString(String value) throws JMSException {
        write(value);
    }

    @Override
    public void writeBytes(byte[] value) throws JMSException {
        write(value == null ? null : value.clone());
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        byte[] copy = new byte[length];
        System.arraycopy(value, offset, copy, 0, length);
        write(copy);
    }

    @Override
    public void writeObject(Object value) throws JMSException {
        if (value != null && !TypeConversions.isBodyValueType(value)) {
            throw new MessageFormatException("StreamMessage.writeObject cannot write a " + value.getClass().getName()
                    + ": only primitive wrappers, String and byte[] are allowed (§3.11.3)");
        }
        write(value instanceof byte[] b ? b.clone() : value);
    }

    @Override
    public void reset() {
        readMode = true;
        bodyReadOnly = true;
        position = 0;
        bytesOffset = -1;
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        values = new ArrayList<>();
        readMode = false;
        position = 0;
        bytesOffset = -1;
    }

    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        throw new MessageFormatException("the body of a StreamMessage cannot be returned by getBody (§3.11.4)");
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) {
        return false;
    }
}
