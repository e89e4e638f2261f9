package org.wharfmq.management;

import jakarta.jms.JMSException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Logger;
import org.wharfmq.engine.EngineException;
import org.wharfmq.engine.MessageQueue;
import org.wharfmq.engine.QueueOperations;
import org.wharfmq.engine.Subscription;
import org.wharfmq.jms.message.MessageCodec;
import org.wharfmq.jms.message.WharfMessage;

/** The {@link QueueControlMXBean} of one queue or durable subscription. */
final class QueueControl implements QueueControlMXBean {

    private static final Logger LOG = Logger.getLogger(QueueControl.class.getName());

    private final MessageQueue queue;
    private final QueueOperations operations;
    private final Rates enqueueRates = new Rates();
    private final Rates acknowledgeRates = new Rates();
    private final History history = new History();

    QueueControl(MessageQueue queue, QueueOperations operations) {
        this.queue = queue;
        this.operations = operations;
    }

    @Override
    public String getName() {
        return queue instanceof Subscription s && s.subscriptionName() != null ? s.subscriptionName() : queue.name();
    }

    @Override
    public String getKind() {
        return queue.isSubscription() ? "durable subscription" : "queue";
    }

    @Override
    public boolean isDeadLetterQueue() {
        return operations.engine().isDeadLetterQueue(queue);
    }

    @Override
    public String getTopic() {
        return queue instanceof Subscription s ? s.topicName() : null;
    }

    @Override
    public int getMessageCount() {
        return queue.readyCount() + queue.scheduledCount() + queue.inFlightCount();
    }

    @Override
    public int getReadyCount() {
        return queue.readyCount();
    }

    @Override
    public int getScheduledCount() {
        return queue.scheduledCount();
    }

    @Override
    public int getInFlightCount() {
        return queue.inFlightCount();
    }

    @Override
    public int getConsumerCount() {
        return queue.consumerCount();
    }

    @Override
    public long getHeadAgeMillis() {
        return queue.headAgeMillis();
    }

    @Override
    public long getEnqueuedTotal() {
        return queue.enqueuedTotal();
    }

    @Override
    public long getAcknowledgedTotal() {
        return queue.acknowledgedTotal();
    }

    @Override
    public long getExpiredTotal() {
        return queue.expiredTotal();
    }

    @Override
    public long getDeadLetteredTotal() {
        return queue.deadLetteredTotal();
    }

    /** Called with every refresh (each expiry sweep). */
    void tick(long nowNanos) {
        enqueueRates.tick(queue.enqueuedTotal(), nowNanos);
        acknowledgeRates.tick(queue.acknowledgedTotal(), nowNanos);
        history.record(System.currentTimeMillis(), getMessageCount(), queue.enqueuedTotal(), queue.acknowledgedTotal());
    }

    @Override
    public double getEnqueueRate1m() {
        return enqueueRates.rate(0);
    }

    @Override
    public double getEnqueueRate5m() {
        return enqueueRates.rate(1);
    }

    @Override
    public double getEnqueueRate15m() {
        return enqueueRates.rate(2);
    }

    @Override
    public double getAcknowledgeRate1m() {
        return acknowledgeRates.rate(0);
    }

    @Override
    public double getAcknowledgeRate5m() {
        return acknowledgeRates.rate(1);
    }

    @Override
    public double getAcknowledgeRate15m() {
        return acknowledgeRates.rate(2);
    }

    @Override
    public boolean isPaused() {
        return queue.isPaused();
    }

    @Override
    public String[] browse(int max) {
        List<String> lines = new ArrayList<>();
        try {
            for (QueueOperations.StoredView v : operations.browse(queue, Math.max(0, max))) {
                lines.add(describe(v));
            }
        } catch (EngineException | JMSException e) {
            throw new IllegalStateException("cannot browse " + queue.name() + ": " + e.getMessage(), e);
        }
        return lines.toArray(String[]::new);
    }

    @Override
    public MessageSummary[] browseMessages(int max) {
        List<MessageSummary> out = new ArrayList<>();
        try {
            for (QueueOperations.StoredView v : operations.browse(queue, Math.max(0, max))) {
                out.add(MessageSummary.of(v));
            }
        } catch (EngineException | JMSException e) {
            throw new IllegalStateException("cannot browse " + queue.name() + ": " + e.getMessage(), e);
        }
        return out.toArray(MessageSummary[]::new);
    }

    @Override
    public HistoryPoint[] getHistory() {
        return history.points();
    }

    private static String describe(QueueOperations.StoredView v) throws JMSException {
        WharfMessage m = MessageCodec.decode(v.body(), MessageSummary.NOTHING);
        StringBuilder b = new StringBuilder();
        b.append(m.getJMSMessageID()).append(" journalId=").append(v.id()).append(" deliveries=")
                .append(v.deliveryCount()).append(" priority=").append(m.getJMSPriority()).append(" timestamp=")
                .append(m.getJMSTimestamp());
        if (m.getJMSCorrelationID() != null) {
            b.append(" correlationId=").append(m.getJMSCorrelationID());
        }
        if (m.getJMSType() != null) {
            b.append(" type=").append(m.getJMSType());
        }
        List<String> names = Collections.list(m.getPropertyNames());
        Collections.sort(names);
        b.append(" properties={");
        for (int i = 0; i < names.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(m.getObjectProperty(names.get(i)));
        }
        b.append("} body=").append(MessageSummary.preview(m));
        return b.toString();
    }

    @Override
    public int purge() {
        try {
            int n = operations.purge(queue);
            LOG.info(() -> "JMX: purged " + n + " message(s) from " + queue.name());
            return n;
        } catch (EngineException e) {
            throw new IllegalStateException("cannot purge " + queue.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean deleteMessage(String messageId) {
        long id = journalId(messageId);
        try {
            boolean deleted = operations.delete(queue, id);
            LOG.info(() -> "JMX: message " + messageId + (deleted ? " deleted from " : " not found in ") + queue.name());
            return deleted;
        } catch (EngineException e) {
            throw new IllegalStateException("cannot delete " + messageId + ": " + e.getMessage(), e);
        }
    }

    /** A JMSMessageID ends with the journal id (ID:&lt;journal&gt;:&lt;id&gt;); a plain number is one. */
    static long journalId(String messageId) {
        String s = messageId == null ? "" : messageId.trim();
        int i = s.length();
        while (i > 0 && Character.isDigit(s.charAt(i - 1))) {
            i--;
        }
        if (i == s.length()) {
            throw new IllegalArgumentException("'" + messageId + "' is neither a Wharf JMSMessageID nor a journal id");
        }
        return Long.parseLong(s.substring(i));
    }

    @Override
    public int moveMessages(String selector, String toQueue) {
        try {
            int n = operations.move(queue, selector, toQueue);
            LOG.info(() -> "JMX: moved " + n + " message(s) from " + queue.name() + " to " + toQueue
                    + (selector == null || selector.isBlank() ? "" : " (selector " + selector + ")"));
            return n;
        } catch (EngineException e) {
            throw new IllegalStateException("cannot move messages of " + queue.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void pause() {
        queue.setPaused(true);
        LOG.info(() -> "JMX: delivery paused on " + queue.name());
    }

    @Override
    public void resume() {
        queue.setPaused(false);
        LOG.info(() -> "JMX: delivery resumed on " + queue.name());
    }
}
