package org.wharfmq.jms;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.StreamMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.wharfmq.engine.MessageQueue;
import org.wharfmq.engine.QueueEntry;
import org.wharfmq.engine.Receiver;
import org.wharfmq.jms.message.WharfMessage;

/**
 * Receives from a queue or a topic subscription (JMS 3.1 §8, {@link jakarta.jms.MessageConsumer}),
 * synchronously or through a MessageListener. Messages are pulled from the engine one at a time, so nothing is
 * prefetched into a consumer that may never take it.
 */
public class WharfMessageConsumer implements QueueReceiver, TopicSubscriber {

    private final WharfSession session;
    private final WharfDestination destination;
    final Receiver receiver;
    final MessageQueue source;
    private final String selector;
    private final boolean noLocal;
    private final String subscriptionName;
    private volatile MessageListener listener;
    private volatile boolean closed;
    private final ReentrantLock receiveLock = new ReentrantLock();

    WharfMessageConsumer(WharfSession session, WharfDestination destination, Receiver receiver, String selector,
                         boolean noLocal, String subscriptionName) {
        this.session = session;
        this.destination = destination;
        this.receiver = receiver;
        this.source = receiver.queue();
        this.selector = selector;
        this.noLocal = noLocal;
        this.subscriptionName = subscriptionName;
    }

    private void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the consumer is closed");
        }
        session.checkOpen();
    }

    boolean isClosed() {
        return closed;
    }

    MessageListener listener() {
        return listener;
    }

    WharfSession session() {
        return session;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return selector;
    }

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return listener;
    }

    /** Setting a listener makes delivery asynchronous, on the session's dispatcher thread (§8.7). */
    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        checkOpen();
        MessageListener previous = this.listener;
        this.listener = listener;
        if (listener != null && previous == null) {
            session.listenerSet(this);
        } else if (listener == null && previous != null) {
            session.listenerRemoved(this);
        }
    }

    // ---- synchronous receive (§8.6) ------------------------------------------------------------------

    @Override
    public Message receive() throws JMSException {
        return receiveMessage(0, false);
    }

    @Override
    public Message receive(long timeout) throws JMSException {
        return receiveMessage(Math.max(timeout, 0), false);
    }

    @Override
    public Message receiveNoWait() throws JMSException {
        return receiveMessage(0, true);
    }

    private Message receiveMessage(long timeoutMillis, boolean noWait) throws JMSException {
        QueueEntry e = claim(timeoutMillis, noWait);
        if (e == null) {
            return null;
        }
        WharfMessage m = session.delivered(e, true);
        session.completeDelivery(e);
        return m;
    }

    /**
     * JMSConsumer.receiveBody (§8.4): the body of the next message; a message whose body cannot be assigned
     * throws MessageFormatException and, in AUTO/DUPS_OK, stays first in line as if never delivered.
     */
    <T> T receiveBody(Class<T> type, long timeoutMillis, boolean noWait) throws JMSException {
        QueueEntry e = claim(Math.max(timeoutMillis, 0), noWait);
        if (e == null) {
            return null;
        }
        WharfMessage m = session.delivered(e, true);
        boolean assignable = m.getClass() != WharfMessage.class && !(m instanceof StreamMessage)
                && m.isBodyAssignableTo(type);
        if (!assignable) {
            session.undoDelivery(e);
            throw new MessageFormatException("the next message is a " + m.getClass().getSimpleName().replace("Wharf", "")
                    + " whose body cannot be returned as " + type.getName() + " (JMS 3.1 §8.4)");
        }
        T body = m.getBody(type);
        session.completeDelivery(e);
        return body;
    }

    private QueueEntry claim(long timeoutMillis, boolean noWait) throws JMSException {
        checkOpen();
        if (listener != null) {
            throw new IllegalStateException("this consumer has a MessageListener; synchronous receive is not "
                    + "allowed (JMS 3.1 §8.7)");
        }
        WharfConnection connection = session.connection;
        long deadline = timeoutMillis == 0 ? Long.MAX_VALUE
                : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        receiveLock.lock();
        try {
            while (!closed && !session.isClosed()) {
                long left = deadline == Long.MAX_VALUE ? 0 : deadline - System.nanoTime();
                if (deadline != Long.MAX_VALUE && left <= 0) {
                    return null;
                }
                if (!connection.isStarted()) {
                    // a stopped connection delivers nothing (§6.1.5)
                    if (noWait) {
                        return null;
                    }
                    boolean started = connection.awaitStarted(left);
                    if (!started && (connection.isClosed()
                            || deadline != Long.MAX_VALUE && deadline - System.nanoTime() <= 0)) {
                        return null;
                    }
                    continue;
                }
                QueueEntry e = noWait ? receiver.poll()
                        : receiver.take(left, () -> !closed && connection.isStarted() && !session.isClosed());
                if (e != null || noWait) {
                    return e;
                }
            }
            return null;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new JMSException("interrupted while waiting for a message");
        } finally {
            receiveLock.unlock();
        }
    }

    // ---- close (§8.8) --------------------------------------------------------------------------------

    /**
     * Closes the consumer: a blocked receive returns null; a listener in progress finishes first, unless close
     * is called from that listener. Delivered but unacknowledged messages stay with the session.
     */
    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        closeQuietly();
    }

    void closeQuietly() {
        if (closed) {
            return;
        }
        closed = true;
        if (listener != null) {
            session.listenerRemoved(this);
        }
        source.wakeAll();
        if (!receiveLock.isHeldByCurrentThread()) {
            receiveLock.lock();
            receiveLock.unlock();
        }
        if (!session.isDeliveryThread()) {
            session.awaitListenerIdle();
        }
        receiver.close();
        session.engine.consumerClosed(source);
        session.consumerClosed(this);
    }

    // ---- QueueReceiver / TopicSubscriber -------------------------------------------------------------

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return (Queue) destination;
    }

    @Override
    public Topic getTopic() throws JMSException {
        checkOpen();
        return (Topic) destination;
    }

    @Override
    public boolean getNoLocal() throws JMSException {
        checkOpen();
        return noLocal;
    }

    @Override
    public String toString() {
        return "WharfMessageConsumer[" + destination + (subscriptionName == null ? "" : ", " + subscriptionName) + "]";
    }
}
