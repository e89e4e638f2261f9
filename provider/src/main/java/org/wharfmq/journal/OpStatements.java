package org.wharfmq.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.wharfmq.store.QueueRecord;
import org.wharfmq.store.StoreOp;

/**
 * The SQL of every kind of {@link StoreOp}, prepared once on the writer's connection: what a group applies inside
 * its transaction, and what a replay of the redo log applies again. The writer decides when; this class, how.
 */
final class OpStatements {

    private final PreparedStatement insertMessage;
    private final PreparedStatement insertEntry;
    private final PreparedStatement deleteEntry;
    private final PreparedStatement deleteMessage;
    private final PreparedStatement updateCount;
    private final PreparedStatement resetCount;
    private final PreparedStatement insertQueue;
    private final PreparedStatement deleteQueueEntries;
    private final PreparedStatement deleteQueue;
    private final PreparedStatement insertXa;
    private final PreparedStatement insertXaEntry;
    private final PreparedStatement insertXaAck;
    private final PreparedStatement deleteXaEntries;
    private final PreparedStatement deleteXaAcks;
    private final PreparedStatement deleteXa;

    OpStatements(Connection c) throws SQLException {
        insertMessage = c.prepareStatement("INSERT INTO WHARF_MESSAGE(ID, PRIORITY, EXPIRATION, DELIVERY_TIME,"
                + " GROUP_ID, BODY, CREATED, NOTE) VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
        insertEntry = c.prepareStatement("INSERT INTO WHARF_ENTRY(MESSAGE_ID, QUEUE_ID, DELIVERY_COUNT)"
                + " VALUES(?, ?, ?)");
        deleteEntry = c.prepareStatement("DELETE FROM WHARF_ENTRY WHERE MESSAGE_ID = ? AND QUEUE_ID = ?");
        deleteMessage = c.prepareStatement("DELETE FROM WHARF_MESSAGE WHERE ID = ?");
        updateCount = c.prepareStatement("UPDATE WHARF_ENTRY SET DELIVERY_COUNT = ? WHERE MESSAGE_ID = ?"
                + " AND QUEUE_ID = ? AND DELIVERY_COUNT < ?");
        resetCount = c.prepareStatement("UPDATE WHARF_ENTRY SET DELIVERY_COUNT = ? WHERE MESSAGE_ID = ?"
                + " AND QUEUE_ID = ?");
        insertQueue = c.prepareStatement("INSERT INTO WHARF_QUEUE(ID, KIND, NAME, TOPIC, CLIENT_ID, SUB_NAME,"
                + " SELECTOR, NO_LOCAL, SHARED) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
        deleteQueueEntries = c.prepareStatement("DELETE FROM WHARF_ENTRY WHERE QUEUE_ID = ?");
        deleteQueue = c.prepareStatement("DELETE FROM WHARF_QUEUE WHERE ID = ?");
        insertXa = c.prepareStatement("INSERT INTO WHARF_XA(ID, FORMAT_ID, GTRID, BQUAL) VALUES(?, ?, ?, ?)");
        insertXaEntry = c.prepareStatement("INSERT INTO WHARF_XA_ENTRY(XA_ID, MESSAGE_ID, QUEUE_ID) VALUES(?, ?, ?)");
        insertXaAck = c.prepareStatement("INSERT INTO WHARF_XA_ACK(XA_ID, MESSAGE_ID, QUEUE_ID) VALUES(?, ?, ?)");
        deleteXaEntries = c.prepareStatement("DELETE FROM WHARF_XA_ENTRY WHERE XA_ID = ?");
        deleteXaAcks = c.prepareStatement("DELETE FROM WHARF_XA_ACK WHERE XA_ID = ?");
        deleteXa = c.prepareStatement("DELETE FROM WHARF_XA WHERE ID = ?");
    }

    /** An entry's delivery count becomes {@code count} unless it is already higher. */
    void raiseCount(long queueId, long messageId, int count) throws SQLException {
        updateCount.setInt(1, count);
        updateCount.setLong(2, messageId);
        updateCount.setLong(3, queueId);
        updateCount.setInt(4, count);
        updateCount.executeUpdate();
    }

    void apply(List<StoreOp> ops) throws SQLException {
        for (StoreOp op : ops) {
            if (op instanceof StoreOp.InsertMessage m) {
                insertMessage.setLong(1, m.id());
                insertMessage.setInt(2, m.priority());
                insertMessage.setLong(3, m.expiration());
                insertMessage.setLong(4, m.deliveryTime());
                insertMessage.setString(5, m.groupId());
                insertMessage.setBytes(6, m.body());
                insertMessage.setLong(7, m.created());
                insertMessage.setString(8, m.note());
                insertMessage.executeUpdate();
            } else if (op instanceof StoreOp.InsertEntry e) {
                insertEntry.setLong(1, e.messageId());
                insertEntry.setLong(2, e.queueId());
                insertEntry.setInt(3, e.deliveryCount());
                insertEntry.executeUpdate();
            } else if (op instanceof StoreOp.DeleteEntry e) {
                deleteEntry.setLong(1, e.messageId());
                deleteEntry.setLong(2, e.queueId());
                deleteEntry.executeUpdate();
            } else if (op instanceof StoreOp.RecordDelivery d) {
                raiseCount(d.queueId(), d.messageId(), d.count());
            } else if (op instanceof StoreOp.ResetDeliveryCount d) {
                resetCount.setInt(1, d.count());
                resetCount.setLong(2, d.messageId());
                resetCount.setLong(3, d.queueId());
                resetCount.executeUpdate();
            } else if (op instanceof StoreOp.DeleteMessage m) {
                deleteMessage.setLong(1, m.messageId());
                deleteMessage.executeUpdate();
            } else if (op instanceof StoreOp.InsertQueue q) {
                QueueRecord r = q.queue();
                insertQueue.setLong(1, r.id());
                insertQueue.setString(2, String.valueOf(r.kind()));
                insertQueue.setString(3, r.name());
                insertQueue.setString(4, r.topic());
                insertQueue.setString(5, r.clientId());
                insertQueue.setString(6, r.subscriptionName());
                insertQueue.setString(7, r.selector());
                insertQueue.setBoolean(8, r.noLocal());
                insertQueue.setBoolean(9, r.shared());
                insertQueue.executeUpdate();
            } else if (op instanceof StoreOp.InsertXa x) {
                insertXa.setLong(1, x.id());
                insertXa.setInt(2, x.formatId());
                insertXa.setBytes(3, x.gtrid());
                insertXa.setBytes(4, x.bqual());
                insertXa.executeUpdate();
            } else if (op instanceof StoreOp.InsertXaEntry x) {
                insertXaEntry.setLong(1, x.xaId());
                insertXaEntry.setLong(2, x.messageId());
                insertXaEntry.setLong(3, x.queueId());
                insertXaEntry.executeUpdate();
            } else if (op instanceof StoreOp.InsertXaAck x) {
                insertXaAck.setLong(1, x.xaId());
                insertXaAck.setLong(2, x.messageId());
                insertXaAck.setLong(3, x.queueId());
                insertXaAck.executeUpdate();
            } else if (op instanceof StoreOp.DeleteXa x) {
                deleteXaEntries.setLong(1, x.id());
                deleteXaEntries.executeUpdate();
                deleteXaAcks.setLong(1, x.id());
                deleteXaAcks.executeUpdate();
                deleteXa.setLong(1, x.id());
                deleteXa.executeUpdate();
            } else if (op instanceof StoreOp.DeleteQueue q) {
                deleteQueueEntries.setLong(1, q.queueId());
                deleteQueueEntries.executeUpdate();
                deleteQueue.setLong(1, q.queueId());
                deleteQueue.executeUpdate();
            }
        }
    }
}
