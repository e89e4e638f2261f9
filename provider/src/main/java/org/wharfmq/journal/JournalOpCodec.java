package org.wharfmq.journal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of a group's {@link JournalOp}s in the {@link RedoLog}: a tag byte per op, then its fields.
 * Tags are part of the file format: never renumber one, only add.
 */
final class JournalOpCodec {

    private static final int INSERT_MESSAGE = 1;
    private static final int INSERT_ENTRY = 2;
    private static final int DELETE_ENTRY = 3;
    private static final int RECORD_DELIVERY = 4;
    private static final int RESET_DELIVERY_COUNT = 5;
    private static final int DELETE_MESSAGE = 6;
    private static final int INSERT_QUEUE = 7;
    private static final int DELETE_QUEUE = 8;
    private static final int INSERT_XA = 9;
    private static final int INSERT_XA_ENTRY = 10;
    private static final int INSERT_XA_ACK = 11;
    private static final int DELETE_XA = 12;

    private JournalOpCodec() {
    }

    static byte[] encode(List<JournalOp> ops) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(ops.size());
            for (JournalOp op : ops) {
                write(op, out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot happen: writing to memory", e);
        }
        return bytes.toByteArray();
    }

    static List<JournalOp> decode(byte[] payload) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload))) {
            int n = in.readInt();
            List<JournalOp> ops = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ops.add(read(in));
            }
            return ops;
        }
    }

    private static void write(JournalOp op, DataOutputStream out) throws IOException {
        if (op instanceof JournalOp.InsertMessage m) {
            out.writeByte(INSERT_MESSAGE);
            out.writeLong(m.id());
            out.writeInt(m.priority());
            out.writeLong(m.expiration());
            out.writeLong(m.deliveryTime());
            writeString(m.groupId(), out);
            writeBytes(m.body(), out);
            out.writeLong(m.created());
            writeString(m.note(), out);
        } else if (op instanceof JournalOp.InsertEntry e) {
            out.writeByte(INSERT_ENTRY);
            out.writeLong(e.queueId());
            out.writeLong(e.messageId());
            out.writeInt(e.deliveryCount());
        } else if (op instanceof JournalOp.DeleteEntry e) {
            out.writeByte(DELETE_ENTRY);
            out.writeLong(e.queueId());
            out.writeLong(e.messageId());
        } else if (op instanceof JournalOp.RecordDelivery d) {
            out.writeByte(RECORD_DELIVERY);
            out.writeLong(d.queueId());
            out.writeLong(d.messageId());
            out.writeInt(d.count());
        } else if (op instanceof JournalOp.ResetDeliveryCount d) {
            out.writeByte(RESET_DELIVERY_COUNT);
            out.writeLong(d.queueId());
            out.writeLong(d.messageId());
            out.writeInt(d.count());
        } else if (op instanceof JournalOp.DeleteMessage m) {
            out.writeByte(DELETE_MESSAGE);
            out.writeLong(m.messageId());
        } else if (op instanceof JournalOp.InsertQueue q) {
            QueueRecord r = q.queue();
            out.writeByte(INSERT_QUEUE);
            out.writeLong(r.id());
            out.writeChar(r.kind());
            writeString(r.name(), out);
            writeString(r.topic(), out);
            writeString(r.clientId(), out);
            writeString(r.subscriptionName(), out);
            writeString(r.selector(), out);
            out.writeBoolean(r.noLocal());
            out.writeBoolean(r.shared());
        } else if (op instanceof JournalOp.DeleteQueue q) {
            out.writeByte(DELETE_QUEUE);
            out.writeLong(q.queueId());
        } else if (op instanceof JournalOp.InsertXa x) {
            out.writeByte(INSERT_XA);
            out.writeLong(x.id());
            out.writeInt(x.formatId());
            writeBytes(x.gtrid(), out);
            writeBytes(x.bqual(), out);
        } else if (op instanceof JournalOp.InsertXaEntry x) {
            out.writeByte(INSERT_XA_ENTRY);
            out.writeLong(x.xaId());
            out.writeLong(x.queueId());
            out.writeLong(x.messageId());
        } else if (op instanceof JournalOp.InsertXaAck x) {
            out.writeByte(INSERT_XA_ACK);
            out.writeLong(x.xaId());
            out.writeLong(x.queueId());
            out.writeLong(x.messageId());
        } else if (op instanceof JournalOp.DeleteXa x) {
            out.writeByte(DELETE_XA);
            out.writeLong(x.id());
        } else {
            throw new IllegalArgumentException("no redo encoding for " + op.getClass().getName());
        }
    }

    private static JournalOp read(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case INSERT_MESSAGE -> new JournalOp.InsertMessage(in.readLong(), in.readInt(), in.readLong(),
                    in.readLong(), readString(in), readBytes(in), in.readLong(), readString(in));
            case INSERT_ENTRY -> new JournalOp.InsertEntry(in.readLong(), in.readLong(), in.readInt());
            case DELETE_ENTRY -> new JournalOp.DeleteEntry(in.readLong(), in.readLong());
            case RECORD_DELIVERY -> new JournalOp.RecordDelivery(in.readLong(), in.readLong(), in.readInt());
            case RESET_DELIVERY_COUNT -> new JournalOp.ResetDeliveryCount(in.readLong(), in.readLong(), in.readInt());
            case DELETE_MESSAGE -> new JournalOp.DeleteMessage(in.readLong());
            case INSERT_QUEUE -> new JournalOp.InsertQueue(new QueueRecord(in.readLong(), in.readChar(),
                    readString(in), readString(in), readString(in), readString(in), readString(in),
                    in.readBoolean(), in.readBoolean()));
            case DELETE_QUEUE -> new JournalOp.DeleteQueue(in.readLong());
            case INSERT_XA -> new JournalOp.InsertXa(in.readLong(), in.readInt(), readBytes(in), readBytes(in));
            case INSERT_XA_ENTRY -> new JournalOp.InsertXaEntry(in.readLong(), in.readLong(), in.readLong());
            case INSERT_XA_ACK -> new JournalOp.InsertXaAck(in.readLong(), in.readLong(), in.readLong());
            case DELETE_XA -> new JournalOp.DeleteXa(in.readLong());
            default -> throw new IOException("unknown redo op tag " + tag);
        };
    }

    private static void writeString(String s, DataOutputStream out) throws IOException {
        writeBytes(s == null ? null : s.getBytes(java.nio.charset.StandardCharsets.UTF_8), out);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = readBytes(in);
        return b == null ? null : new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void writeBytes(byte[] b, DataOutputStream out) throws IOException {
        if (b == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(b.length);
            out.write(b);
        }
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
}
