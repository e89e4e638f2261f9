package org.wharfmq.jms;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import java.util.Map;
import org.wharfmq.engine.EngineHooks;
import org.wharfmq.engine.MessageFilter;
import org.wharfmq.jms.message.MessageCodec;
import org.wharfmq.config.ObjectAllowList;
import org.wharfmq.jms.message.WharfMessage;
import org.wharfmq.selector.Selector;
import org.wharfmq.selector.SelectorSyntaxException;

/**
 * The engine's window on the message format: selector filters over stored messages (JMS 3.1 §3.8.1.1 — the
 * header fields a selector may name, and properties), and message rewriting for dead-letter and expiry moves.
 */
final class WharfEngineHooks implements EngineHooks {

    static final WharfEngineHooks INSTANCE = new WharfEngineHooks();

    /** Decoding for selection and rewriting never deserializes an ObjectMessage body. */
    private static final ObjectAllowList NOTHING = ObjectAllowList.parse("");

    private WharfEngineHooks() {
    }

    @Override
    public MessageFilter filter(String selector) {
        Selector parsed;
        try {
            parsed = Selector.parse(selector);
        } catch (SelectorSyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return (body, deliveryCount) -> {
            try {
                return parsed.matches(context(MessageCodec.decode(body, NOTHING), deliveryCount));
            } catch (JMSException e) {
                throw new IllegalStateException("cannot decode a stored message: " + e.getMessage(), e);
            }
        };
    }

    /** The identifiers a selector sees (§3.8.1.1): six header fields, JMSXDeliveryCount, and properties. */
    static Selector.Context context(WharfMessage m, int deliveryCount) {
        return name -> switch (name) {
            case "JMSDeliveryMode" -> m.getJMSDeliveryMode() == DeliveryMode.PERSISTENT ? "PERSISTENT" : "NON_PERSISTENT";
            case "JMSPriority" -> m.getJMSPriority();
            case "JMSMessageID" -> m.getJMSMessageID();
            case "JMSTimestamp" -> m.getJMSTimestamp();
            case "JMSCorrelationID" -> m.getJMSCorrelationID();
            case "JMSType" -> m.getJMSType();
            case "JMSXDeliveryCount" -> deliveryCount;
            default -> m.getObjectProperty(name);
        };
    }

    @Override
    public void opened(org.wharfmq.engine.Engine engine) {
        org.wharfmq.management.Management.opened(engine);
    }

    @Override
    public void refresh(org.wharfmq.engine.Engine engine) {
        org.wharfmq.management.Management.refresh(engine);
    }

    @Override
    public void closing(org.wharfmq.engine.Engine engine) {
        org.wharfmq.management.Management.closing(engine);
    }

    @Override
    public byte[] annotate(byte[] body, Map<String, Object> properties, boolean clearExpiration) {
        try {
            WharfMessage m = MessageCodec.decode(body, NOTHING);
            properties.forEach(m::setProviderProperty);
            if (clearExpiration) {
                m.setJMSExpiration(0);
            }
            return MessageCodec.encode(m);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot rewrite a stored message: " + e.getMessage(), e);
        }
    }
}
