package org.wharfmq.management;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.beans.ConstructorProperties;
import java.util.Collections;
import java.util.List;
import org.wharfmq.engine.Engine;
import org.wharfmq.engine.QueueOperations;
import org.wharfmq.jms.message.MessageCodec;
import org.wharfmq.config.ObjectAllowList;
import org.wharfmq.jms.message.WharfMessage;

/**
 * One stored message as an operator's tool sees it through JMX (an open-type {@code CompositeData}): headers, the
 * properties as text, why Wharf moved it (dead-lettered, expired) and a preview of its body. Built without ever
 * deserializing an ObjectMessage body.
 */
public final class MessageSummary {

    /** Browsing never deserializes an ObjectMessage body. */
    static final ObjectAllowList NOTHING = ObjectAllowList.parse("");
    private static final int PREVIEW = 200;

    private final String messageId;
    private final long journalId;
    private final int deliveryCount;
    private final long timestamp;
    private final int priority;
    private final String properties;
    private final String failureReason;
    private final String originalDestination;
    private final String bodyPreview;

    @ConstructorProperties({"messageId", "journalId", "deliveryCount", "timestamp", "priority", "properties",
            "failureReason", "originalDestination", "bodyPreview"})
    public MessageSummary(String messageId, long journalId, int deliveryCount, long timestamp, int priority,
                          String properties, String failureReason, String originalDestination, String bodyPreview) {
        this.messageId = messageId;
        this.journalId = journalId;
        this.deliveryCount = deliveryCount;
        this.timestamp = timestamp;
        this.priority = priority;
        this.properties = properties;
        this.failureReason = failureReason;
        this.originalDestination = originalDestination;
        this.bodyPreview = bodyPreview;
    }

    static MessageSummary of(QueueOperations.StoredView v) throws JMSException {
        WharfMessage m = MessageCodec.decode(v.body(), NOTHING);
        List<String> names = Collections.list(m.getPropertyNames());
        Collections.sort(names);
        StringBuilder props = new StringBuilder("{");
        for (int i = 0; i < names.size(); i++) {
            props.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(m.getObjectProperty(names.get(i)));
        }
        props.append('}');
        return new MessageSummary(m.getJMSMessageID(), v.id(), v.deliveryCount(), m.getJMSTimestamp(),
                m.getJMSPriority(), props.toString(), m.getStringProperty(Engine.FAILURE_REASON),
                m.getStringProperty(Engine.ORIGINAL_DESTINATION), preview(m));
    }

    static String preview(WharfMessage m) throws JMSException {
        if (m instanceof TextMessage t) {
            String text = t.getText();
            return text == null ? "null" : '"' + (text.length() > PREVIEW ? text.substring(0, PREVIEW) + "…" : text) + '"';
        }
        if (m instanceof BytesMessage b) {
            return "(" + b.getBodyLength() + " bytes)";
        }
        if (m instanceof MapMessage map) {
            return "(map of " + Collections.list(map.getMapNames()) + ")";
        }
        if (m instanceof ObjectMessage) {
            return "(ObjectMessage, not deserialized)";
        }
        if (m instanceof StreamMessage) {
            return "(StreamMessage)";
        }
        return "(no body)";
    }

    public String getMessageId() {
        return messageId;
    }

    public long getJournalId() {
        return journalId;
    }

    public int getDeliveryCount() {
        return deliveryCount;
    }

    /** JMSTimestamp: when the message was sent (ms since the epoch). */
    public long getTimestamp() {
        return timestamp;
    }

    public int getPriority() {
        return priority;
    }

    /** Every property, sorted by name, as {@code {name=value, ...}}. */
    public String getProperties() {
        return properties;
    }

    /** Why the message was dead-lettered ({@code JMS_WharfFailureReason}), null for others. */
    public String getFailureReason() {
        return failureReason;
    }

    /** Where a dead-lettered or expired message came from ({@code JMS_WharfOriginalDestination}), else null. */
    public String getOriginalDestination() {
        return originalDestination;
    }

    /** The first 200 characters of a text body, or what kind of body it is. */
    public String getBodyPreview() {
        return bodyPreview;
    }
}
