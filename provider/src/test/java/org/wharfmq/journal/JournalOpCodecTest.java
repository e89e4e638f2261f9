package org.wharfmq.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.wharfmq.store.QueueRecord;
import org.wharfmq.store.StoreOp;

/** The redo log's binary form of journal operations. */
class JournalOpCodecTest {

    private static final List<StoreOp> EVERY_KIND = List.of(
            new StoreOp.InsertMessage(7, 4, 1_000L, 2_000L, "group-é", new byte[] {1, 2, 3}, 1_795_000_000_000L,
                    "dead-lettered from orders after 10 delivery attempts"),
            new StoreOp.InsertMessage(8, 9, 0, 0, null, new byte[0], 0, null),
            new StoreOp.InsertEntry(3, 7, 1),
            new StoreOp.DeleteEntry(3, 7),
            new StoreOp.RecordDelivery(3, 8, 5),
            new StoreOp.ResetDeliveryCount(3, 8, 0),
            new StoreOp.DeleteMessage(7),
            new StoreOp.InsertQueue(new QueueRecord(11, QueueRecord.DURABLE_SUBSCRIPTION, "cid:sub", "prices",
                    "cid", "sub", "price > 10", true, false)),
            new StoreOp.InsertQueue(new QueueRecord(12, QueueRecord.QUEUE, "orders", null, null, null, null, false,
                    false)),
            new StoreOp.DeleteQueue(11),
            new StoreOp.InsertXa(5, 0x1234, new byte[] {9, 9}, new byte[] {}),
            new StoreOp.InsertXaEntry(5, 3, 8),
            new StoreOp.InsertXaAck(5, 3, 7),
            new StoreOp.DeleteXa(5));

    @Test
    @DisplayName("every kind of journal operation reads back as it was written")
    void everyKindRoundTrips() throws IOException {
        byte[] encoded = JournalOpCodec.encode(EVERY_KIND);
        List<StoreOp> decoded = JournalOpCodec.decode(encoded);
        assertEquals(EVERY_KIND.size(), decoded.size());
        assertArrayEquals(encoded, JournalOpCodec.encode(decoded), "decoding loses nothing");
        StoreOp.InsertMessage m = (StoreOp.InsertMessage) decoded.get(0);
        assertEquals("group-é", m.groupId());
        assertArrayEquals(new byte[] {1, 2, 3}, m.body());
        assertNull(((StoreOp.InsertMessage) decoded.get(1)).groupId());
        assertEquals(EVERY_KIND.get(7), decoded.get(7), "records without arrays compare equal");
        assertNull(((StoreOp.InsertQueue) decoded.get(8)).queue().selector());
    }

    @Test
    @DisplayName("an unknown operation tag is refused, not guessed")
    void unknownTagIsRefused() {
        byte[] bad = {0, 0, 0, 1, 99};
        IOException e = assertThrows(IOException.class, () -> JournalOpCodec.decode(bad));
        assertEquals("unknown redo op tag 99", e.getMessage());
    }
}
