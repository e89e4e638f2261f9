package org.wharfmq.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wharfmq.store.StoreOp;

/** The redo log on its own: what it gives back after a kill, a torn record, a rotation and a clean close. */
class RedoLogTest {

    @TempDir
    Path dir;

    private static List<StoreOp> group(long messageId) {
        return List.of(new StoreOp.InsertMessage(messageId, 4, 0, 0, null, new byte[100], 0, null),
                new StoreOp.InsertEntry(1, messageId, 0));
    }

    private List<Long> replay(RedoLog log, long after) throws Exception {
        List<Long> seqs = new ArrayList<>();
        log.replayAfter(after, g -> seqs.add(g.seq()));
        return seqs;
    }

    @Test
    @DisplayName("groups after the one the database kept are given back in order; earlier ones are skipped")
    void replaysOnlyGroupsAfterTheKeptOne() throws Exception {
        try (RedoLog log = RedoLog.at(dir.resolve("journal"), 1 << 20)) {
            assertEquals(0, log.replayAfter(0, g -> { }));
            for (long seq = 1; seq <= 5; seq++) {
                log.append(seq, group(seq), seq % 2 == 0);
            }
        }
        try (RedoLog log = RedoLog.at(dir.resolve("journal"), 1 << 20)) {
            assertEquals(List.of(4L, 5L), replay(log, 3));
        }
    }

    @Test
    @DisplayName("a damaged last record ends the log, and the next append replaces it")
    void tornRecordIsCutOff() throws Exception {
        Path file;
        try (RedoLog log = RedoLog.at(dir.resolve("journal"), 1 << 20)) {
            log.replayAfter(0, g -> { });
            for (long seq = 1; seq <= 3; seq++) {
                log.append(seq, group(seq), true);
            }
            file = log.path();
        }
        // a kill cannot tear a write, but a power cut can: damage the last 7 bytes of the third record
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--; // the zeros the segment was grown with
        }
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.write(java.nio.ByteBuffer.allocate(7), end - 7);
        }
        try (RedoLog log = RedoLog.at(dir.resolve("journal"), 1 << 20)) {
            assertEquals(2, log.replayAfter(0, g -> { }), "the torn third group is not given back");
            log.append(3, group(30), true);
        }
        try (RedoLog log = RedoLog.at(dir.resolve("journal"), 1 << 20)) {
            List<RedoLog.Group> groups = new ArrayList<>();
            log.replayAfter(0, groups::add);
            assertEquals(3, groups.size());
            assertEquals(30, ((StoreOp.InsertMessage) groups.get(2).ops().get(0)).id());
        }
    }

    @Test
    @DisplayName("past its segment size the log starts a new segment and keeps the previous one")
    void rotationKeepsThePreviousSegment() throws Exception {
        try (RedoLog log = RedoLog.at(dir.resolve("journal"), 1_000)) {
            log.replayAfter(0, g -> { });
            for (long seq = 1; seq <= 30; seq++) {
                log.append(seq, group(seq), false);
            }
        }
        assertTrue(Files.exists(dir.resolve("journal.redo.old")));
        try (RedoLog log = RedoLog.at(dir.resolve("journal"), 1_000)) {
            List<Long> seqs = replay(log, 0);
            assertEquals(30L, seqs.get(seqs.size() - 1));
            for (int i = 1; i < seqs.size(); i++) {
                assertEquals(seqs.get(i - 1) + 1, seqs.get(i), "consecutive across the two segments");
            }
            assertTrue(seqs.get(0) > 1, "the oldest segments are gone: the log is bounded");
        }
    }

    @Test
    @DisplayName("before a segment is dropped, the database is forced: the log never drops a group the database file may not have")
    void rotationForcesTheDatabaseFirst() throws Exception {
        List<Long> forcedBefore = new ArrayList<>();
        try (RedoLog log = RedoLog.at(dir.resolve("journal"), 1_000)) {
            log.replayAfter(0, g -> { });
            for (long seq = 1; seq <= 30; seq++) {
                long s = seq;
                log.append(seq, group(seq), false, () -> forcedBefore.add(s));
            }
        }
        assertFalse(forcedBefore.isEmpty(), "the segments rotated");
        try (RedoLog log = RedoLog.at(dir.resolve("journal"), 1_000)) {
            List<Long> seqs = replay(log, 0);
            long oldestKept = seqs.get(0);
            long lastForce = forcedBefore.get(forcedBefore.size() - 1);
            assertTrue(oldestKept > 1, "groups were dropped");
            assertTrue(lastForce > oldestKept, "every dropped group (below " + oldestKept + ") was appended before the"
                    + " database was forced (while appending " + lastForce + ")");
        }
    }

    @Test
    @DisplayName("after a clean close nothing is left to replay")
    void cleanCloseDeletesTheLog() throws Exception {
        RedoLog log = RedoLog.at(dir.resolve("journal"), 1 << 20);
        log.replayAfter(0, g -> { });
        log.append(1, group(1), true);
        log.closeAndDelete();
        assertFalse(Files.exists(dir.resolve("journal.redo")));
    }
}
