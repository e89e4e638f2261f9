package org.wharfmq.journal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.wharfmq.store.QueueRecord;
import org.wharfmq.store.StoreOp;

/**
 * The binary form of a group's {@link StoreOp}s in the {@link RedoLog}: a tag byte per op, then its fields.
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

    static byte[] encode(List<StoreOp> ops) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(ops.size());
            for (StoreOp op : ops) {
                write(op, out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot happen: writing to memory", e);
        }
        return bytes.toByteArray();
    }

    static List<StoreOp> decode(byte[] payload) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload))) {
            int n = in.readInt();
            List<StoreOp> ops = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ops.add(read(in));
            }
            return ops;
        }
    }

    private static void write(StoreOp op, DataOutputStream out) throws IOException {
        if (op instanceof StoreOp.InsertMessage m) {
            out.writeByte(INSERT_MESSAGE);
            out.writeLong(m.id());
            out.writeInt(m.priority());
            out.writeLong(m.expiration());
            out.writeLong(m.deliveryTime());
            writeString(m.groupId(), out);
            writeBytes(m.body(), out);
            out.writeLong(m.created());
            writeString(m.note(), out);
        } else if (op instanceof StoreOp.InsertEntry e) {
            out.writeByte(INSERT_ENTRY);
            out.writeLong(e.queueId());
            out.writeLong(e.messageId());
            out.writeInt(e.deliveryCount());
        } else if (op instanceof StoreOp.DeleteEntry e) {
            out.writeByte(DELETE_ENTRY);
            out.writeLong(e.queueId());
            out.writeLong(e.messageId());
        } else if (op instanceof StoreOp.RecordDelivery d) {
            out.writeByte(RECORD_DELIVERY);
            out.writeLong(d.queueId());
            out.writeLong(d.messageId());
            out.writeInt(d.count());
        } else if (op instanceof StoreOp.ResetDeliveryCount d) {
            out.writeByte(RESET_DELIVERY_COUNT);
            out.writeLong(d.queueId());
            out.writeLong(d.messageId());
            out.writeInt(d.count());
        } else if (op instanceof StoreOp.DeleteMessage m) {
            out.writeByte(DELETE_MESSAGE);
            out.writeLong(m.messageId());
        } else if (op instanceof StoreOp.InsertQueue q) {
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
        } else if (op instanceof StoreOp.DeleteQueue q) {
            out.writeByte(DELETE_QUEUE);
            out.writeLong(q.queueId());
        } else if (op instanceof StoreOp.InsertXa x) {
            out.writeByte(INSERT_XA);
            out.writeLong(x.id());
            out.writeInt(x.formatId());
            writeBytes(x.gtrid(), out);
            writeBytes(x.bqual(), out);
        } else if (op instanceof StoreOp.InsertXaEntry x) {
            out.writeByte(INSERT_XA_ENTRY);
            out.writeLong(x.xaId());
            out.writeLong(x.queueId());
            out.writeLong(x.messageId());
        } else if (op instanceof StoreOp.InsertXaAck x) {
            out.writeByte(INSERT_XA_ACK);
            out.writeLong(x.xaId());
            out.writeLong(x.queueId());
            out.writeLong(x.messageId());
        } else if (op instanceof StoreOp.DeleteXa x) {
            out.writeByte(DELETE_XA);
            out.writeLong(x.id());
        } else {
            throw new IllegalArgumentException("no redo encoding for " + op.getClass().getName());
        }
    }

    private static StoreOp read(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case INSERT_MESSAGE -> new StoreOp.InsertMessage(in.readLong(), in.readInt(), in.readLong(),
                    in.readLong(), readString(in), readBytes(in), in.readLong(), readString(in));
            case INSERT_ENTRY -> new StoreOp.InsertEntry(in.readLong(), in.readLong(), in.readInt());
            case DELETE_ENTRY -> new StoreOp.DeleteEntry(in.readLong(), in.readLong());
            case RECORD_DELIVERY -> new StoreOp.RecordDelivery(in.readLong(), in.readLong(), in.readInt());
            case RESET_DELIVERY_COUNT -> new StoreOp.ResetDeliveryCount(in.readLong(), in.readLong(), in.readInt());
            case DELETE_MESSAGE -> new StoreOp.DeleteMessage(in.readLong());
            case INSERT_QUEUE -> new StoreOp.InsertQueue(new QueueRecord(in.readLong(), in.readChar(),
                    readString(in), readString(in), readString(in), readString(in), readString(in),
                    in.readBoolean(), in.readBoolean()));
            case DELETE_QUEUE -> new StoreOp.DeleteQueue(in.readLong());
            case INSERT_XA -> new StoreOp.InsertXa(in.readLong(), in.readInt(), readBytes(in), readBytes(in));
            case INSERT_XA_ENTRY -> new StoreOp.InsertXaEntry(in.readLong(), in.readLong(), in.readLong());
            case INSERT_XA_ACK -> new StoreOp.InsertXaAck(in.readLong(), in.readLong(), in.readLong());
            case DELETE_XA -> new StoreOp.DeleteXa(in.readLong());
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
