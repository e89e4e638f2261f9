package org.wharfmq.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.zip.CRC32C;
import org.wharfmq.store.StoreOp;

/**
 * An append-only copy of every group the journal committed, kept next to an embedded H2 file, so that a group
 * H2 loses when its process is killed is written again when the journal next opens.
 *
 * <p>Why it exists: H2 2.3 and 2.5 can forget their newest commits after {@code kill -9}, even commits followed
 * by {@code CHECKPOINT SYNC}. When MVStore writes a chunk into a hole of the file (not where the previous chunk
 * predicted), the store header it rewrites still names the previous chunk, so on reopen the chain stops there
 * and every chunk from the misplaced one on is ignored, until the header is next rewritten. Wharf's crash
 * torture and an H2-only probe (docs/operations.md) both showed it. Each group therefore carries a sequence
 * number, written in the same H2 transaction ({@code WHARF_META 'redo.seq'}); on open, groups the log holds
 * beyond that number are applied again, in order, onto the state H2 did keep (which is always the state after
 * some whole group).
 *
 * <p>Layout: {@code <journal>.redo} (being written) and {@code <journal>.redo.old} (the segment before it);
 * when the current one passes the segment size it becomes the old one, so the log holds at least one segment
 * of the most recent groups. Each file starts with a magic number; each record is
 * {@code [payload length int][seq long][CRC32C int][payload]}, and zeros follow the last one (segments grow in
 * zero-filled steps of 1 MiB, so that syncing an append does not have to sync the file's length too). A record
 * cut short by a kill fails its length or CRC check and ends the log (it belonged to a group whose caller was
 * never told it was stored); the log is zeroed from there when it opens again. A clean close of the journal,
 * after which H2 reopens exactly what it had, deletes both files.
 */
final class RedoLog implements AutoCloseable {

    /** A group as the log holds it. */
    record Group(long seq, List<StoreOp> ops) {
    }

    /** Receives the groups a replay finds. */
    interface GroupConsumer {
        void accept(Group group) throws Exception;
    }

    static final long DEFAULT_SEGMENT_BYTES = 64L * 1024 * 1024;
    private static final long MAGIC = 0x5748524652444F31L; // "WHRFRDO1"
    private static final int RECORD_HEADER = 4 + 8 + 4;
    private static final int MAX_PAYLOAD = 1 << 30;

    private final Path current;
    private final Path old;
    private final long segmentBytes;
    private FileChannel channel;
    /** Where the next record goes. */
    private long size;
    /** How far the segment file is written (records, then zeros). */
    private long allocated;
    private static final long PREALLOCATION_STEP = 1 << 20;

    private RedoLog(Path base, long segmentBytes) {
        this.current = base.resolveSibling(base.getFileName() + ".redo");
        this.old = base.resolveSibling(base.getFileName() + ".redo.old");
        this.segmentBytes = segmentBytes;
    }

    /** The log of the journal whose database file path, without extension, is {@code base}. */
    static RedoLog at(Path base, long segmentBytes) {
        return new RedoLog(base, segmentBytes);
    }

    Path path() {
        return current;
    }

    /**
     * Reads both segments in order, handing every intact group with a sequence number above {@code after} to
     * {@code consumer}, then opens the current segment for appending (cutting off a record torn by a kill).
     * Returns the highest sequence number the log holds, or {@code after} if it holds none above it.
     */
    long replayAfter(long after, GroupConsumer consumer) throws Exception {
        long last = after;
        if (Files.exists(old)) {
            last = Math.max(last, scan(old, after, consumer)[0]);
        }
        long validEnd = 0;
        if (Files.exists(current)) {
            long[] r = scan(current, after, consumer);
            last = Math.max(last, r[0]);
            validEnd = r[1];
        }
        openForAppend(validEnd);
        return last;
    }

    /** Returns {highest seq, end of the last intact record}. */
    private static long[] scan(Path file, long after, GroupConsumer consumer) throws Exception {
        long last = -1;
        long end = 0;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer magic = ByteBuffer.allocate(8);
            if (!readFully(in, magic) || magic.getLong(0) != MAGIC) {
                return new long[] {last, 0};
            }
            end = 8;
            ByteBuffer header = ByteBuffer.allocate(RECORD_HEADER);
            while (true) {
                header.clear();
                if (!readFully(in, header)) {
                    break;
                }
                int length = header.getInt(0);
                long seq = header.getLong(4);
                int crc = header.getInt(12);
                if (length < 0 || length > MAX_PAYLOAD || length > in.size() - in.position()) {
                    break; // the zeros after the last record, or a record cut short
                }
                ByteBuffer payload = ByteBuffer.allocate(length);
                if (!readFully(in, payload)) {
                    break;
                }
                if (crc(seq, payload.array()) != crc) {
                    break;
                }
                end = in.position();
                last = Math.max(last, seq);
                if (seq > after) {
                    consumer.accept(new Group(seq, JournalOpCodec.decode(payload.array())));
                }
            }
        }
        return new long[] {last, end};
    }

    private static boolean readFully(FileChannel in, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (in.read(b) < 0) {
                return false;
            }
        }
        return true;
    }

    private void openForAppend(long validEnd) throws IOException {
        if (validEnd < 8) {
            Files.deleteIfExists(current);
            createSegment();
            return;
        }
        channel = FileChannel.open(current, StandardOpenOption.WRITE);
        allocated = channel.size();
        // what follows the last intact record must read as the end of the log again: zeros
        zero(validEnd, allocated);
        channel.force(false);
        channel.position(validEnd);
        size = validEnd;
    }

    private void createSegment() throws IOException {
        try {
            Files.createFile(current, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(current);
        } catch (FileAlreadyExistsException e) {
            // a rotation or an earlier open was cut short after creating it; it is rewritten from the start
        }
        channel = FileChannel.open(current, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        ByteBuffer magic = ByteBuffer.allocate(8).putLong(0, MAGIC);
        while (magic.hasRemaining()) {
            channel.write(magic);
        }
        allocated = 8;
        size = 8;
        preallocate(8 + PREALLOCATION_STEP);
        forceDirectory();
    }

    /**
     * Grows the segment with zeros, ahead of the records, and forces the new length once: a sync of an append inside
     * the already written area then flushes data only (fdatasync), no file-size metadata, which halves its cost.
     */
    private void preallocate(long needed) throws IOException {
        if (needed <= allocated) {
            return;
        }
        long target = Math.max(needed, allocated + PREALLOCATION_STEP);
        zero(allocated, target);
        allocated = target;
        channel.force(true);
    }

    private void zero(long from, long to) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(1 << 20, Math.max(0, to - from)));
        for (long pos = from; pos < to; ) {
            zeros.clear();
            zeros.limit((int) Math.min(zeros.capacity(), to - pos));
            pos += channel.write(zeros, pos);
        }
    }

    /** Makes a created or renamed segment survive a power loss too (where the platform allows it). */
    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(current.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not possible on every platform; the segment's own contents are forced regardless
        }
    }

    /** What must hold before the log drops its old segment: the database has every group it holds on disk. */
    interface BeforeRotation {
        void forceDatabase() throws IOException;
    }

    /** Appends a committed group; with {@code force}, also forces it to the disk. */
    void append(long seq, List<StoreOp> ops, boolean force) throws IOException {
        append(seq, ops, force, () -> { });
    }

    /**
     * Appends a committed group; with {@code force}, also forces it to the disk. When the current segment is full,
     * {@code beforeRotation} runs first: the old segment, about to be replaced, may hold groups the database has
     * not yet forced to its own file.
     */
    void append(long seq, List<StoreOp> ops, boolean force, BeforeRotation beforeRotation) throws IOException {
        byte[] payload = JournalOpCodec.encode(ops);
        int recordSize = RECORD_HEADER + payload.length;
        if (size > 8 && size + recordSize > segmentBytes) {
            beforeRotation.forceDatabase();
            rotate();
        }
        preallocate(size + recordSize);
        ByteBuffer record = ByteBuffer.allocate(recordSize);
        record.putInt(payload.length).putLong(seq).putInt(crc(seq, payload)).put(payload).flip();
        long pos = size;
        while (record.hasRemaining()) {
            pos += channel.write(record, pos);
        }
        size += recordSize;
        if (force) {
            channel.force(false);
        }
    }

    /** Forces what was appended to the disk (the redo log's part of a forced group). */
    void force() throws IOException {
        channel.force(false);
    }

    private void rotate() throws IOException {
        channel.force(false);
        channel.close();
        Files.move(current, old, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        createSegment();
    }

    private static int crc(long seq, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(8).putLong(0, seq));
        crc.update(payload);
        return (int) crc.getValue();
    }

    /** After a clean shutdown of the database: nothing is left to replay. */
    void closeAndDelete() throws IOException {
        close();
        Files.deleteIfExists(old);
        Files.deleteIfExists(current);
    }

    @Override
    public void close() throws IOException {
        if (channel != null && channel.isOpen()) {
            channel.close();
        }
    }
}
