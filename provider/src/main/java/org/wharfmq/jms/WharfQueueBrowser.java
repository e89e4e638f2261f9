package org.wharfmq.jms;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.wharfmq.engine.EngineException;
import org.wharfmq.engine.MessageQueue;
import org.wharfmq.engine.QueueEntry;
import org.wharfmq.jms.message.MessageCodec;
import org.wharfmq.jms.message.WharfMessage;
import org.wharfmq.selector.Selector;
import org.wharfmq.selector.SelectorSyntaxException;

/**
 * Looks at a queue's ready messages without consuming them (JMS 3.1 §5.9, {@link QueueBrowser}). Each
 * enumeration is a snapshot taken when it is created; a message consumed meanwhile is skipped.
 */
public class WharfQueueBrowser implements QueueBrowser {

    private final WharfSession session;
    private final Queue queue;
    private final MessageQueue source;
    private final String selector;
    private final Selector parsed;
    private volatile boolean closed;

    WharfQueueBrowser(WharfSession session, Queue queue, MessageQueue source, String selector) {
        this.session = session;
        this.queue = queue;
        this.source = source;
        this.selector = selector;
        try {
            this.parsed = selector == null ? null : Selector.parse(selector);
        } catch (SelectorSyntaxException e) {
            throw new IllegalArgumentException("the session validates selectors first", e);
        }
    }

    private void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the browser is closed");
        }
        session.checkOpen();
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return queue;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return selector;
    }

    @Override
    public Enumeration<?> getEnumeration() throws JMSException {
        checkOpen();
        List<QueueEntry> snapshot = source.snapshot();
        Iterator<QueueEntry> it = snapshot.iterator();
        return new Enumeration<Message>() {
            private Message next = advance();

            private Message advance() {
                while (it.hasNext()) {
                    QueueEntry e = it.next();
                    try {
                        WharfMessage m = MessageCodec.decode(session.engine.body(e),
                                session.connection.settings.objectMessageAllowList());
                        if (parsed == null || parsed.matches(WharfEngineHooks.context(m, e.deliveryCount() + 1))) {
                            return m;
                        }
                    } catch (EngineException | JMSException gone) {
                        // consumed since the snapshot: skip it
                    }
                }
                return null;
            }

            @Override
            public boolean hasMoreElements() {
                return next != null;
            }

            @Override
            public Message nextElement() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Message m = next;
                next = advance();
                return m;
            }
        };
    }

    @Override
    public void close() throws JMSException {
        closeQuietly();
        session.browserClosed(this);
    }

    void closeQuietly() {
        closed = true;
    }
}
