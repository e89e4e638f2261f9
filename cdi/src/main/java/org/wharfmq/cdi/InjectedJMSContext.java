package org.wharfmq.cdi;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.io.Serializable;

/**
 * The JMSContext an application gets from {@code @Inject} (JMS 3.1 §12.4). Every call goes to the context that
 * the current scope holds for this injection point's {@link ContextKey}: the CDI request's shared one when a
 * request is active, otherwise one of this injection's own, closed when the bean that holds it is destroyed.
 * The container owns the context's lifecycle, so the calls §12.4.5 forbids throw IllegalStateRuntimeException.
 */
final class InjectedJMSContext implements JMSContext {

    private final ContextKey key;
    private final JMSContextProducer producer;
    private JMSContext own;

    InjectedJMSContext(ContextKey key, JMSContextProducer producer) {
        this.key = key;
        this.producer = producer;
    }

    private JMSContext delegate() {
        if (producer.requestActive()) {
            return producer.requestContext(key);
        }
        synchronized (this) {
            if (own == null) {
                own = producer.open(key);
            }
            return own;
        }
    }

    /** Closes this injection's own context, if it made one; request-scoped ones close with the request. */
    synchronized void release() {
        if (own != null) {
            own.close();
            own = null;
        }
    }

    private static IllegalStateRuntimeException forbidden(String method) {
        return new IllegalStateRuntimeException(method + "() must not be called on an injected JMSContext: the "
                + "container manages it (JMS 3.1 §12.4.5)");
    }

    @Override
    public BytesMessage createBytesMessage() {
        return delegate().createBytesMessage();
    }

    @Override
    public JMSConsumer createConsumer(Destination destination) {
        return delegate().createConsumer(destination);
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector) {
        return delegate().createConsumer(destination, messageSelector);
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal) {
        return delegate().createConsumer(destination, messageSelector, noLocal);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return delegate().createContext(sessionMode);
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name) {
        return delegate().createDurableConsumer(topic, name);
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal) {
        return delegate().createDurableConsumer(topic, name, messageSelector, noLocal);
    }

    @Override
    public MapMessage createMapMessage() {
        return delegate().createMapMessage();
    }

    @Override
    public Message createMessage() {
        return delegate().createMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() {
        return delegate().createObjectMessage();
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) {
        return delegate().createObjectMessage(object);
    }

    @Override
    public JMSProducer createProducer() {
        return delegate().createProducer();
    }

    @Override
    public Queue createQueue(String queueName) {
        return delegate().createQueue(queueName);
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) {
        return delegate().createSharedConsumer(topic, sharedSubscriptionName);
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector) {
        return delegate().createSharedConsumer(topic, sharedSubscriptionName, messageSelector);
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name) {
        return delegate().createSharedDurableConsumer(topic, name);
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector) {
        return delegate().createSharedDurableConsumer(topic, name, messageSelector);
    }

    @Override
    public StreamMessage createStreamMessage() {
        return delegate().createStreamMessage();
    }

    @Override
    public TemporaryQueue createTemporaryQueue() {
        return delegate().createTemporaryQueue();
    }

    @Override
    public TemporaryTopic createTemporaryTopic() {
        return delegate().createTemporaryTopic();
    }

    @Override
    public TextMessage createTextMessage() {
        return delegate().createTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) {
        return delegate().createTextMessage(text);
    }

    @Override
    public Topic createTopic(String topicName) {
        return delegate().createTopic(topicName);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) {
        return delegate().createBrowser(queue);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) {
        return delegate().createBrowser(queue, messageSelector);
    }

    @Override
    public boolean getAutoStart() {
        return delegate().getAutoStart();
    }

    @Override
    public String getClientID() {
        return delegate().getClientID();
    }

    @Override
    public ExceptionListener getExceptionListener() {
        return delegate().getExceptionListener();
    }

    @Override
    public ConnectionMetaData getMetaData() {
        return delegate().getMetaData();
    }

    @Override
    public int getSessionMode() {
        return delegate().getSessionMode();
    }

    @Override
    public boolean getTransacted() {
        return delegate().getTransacted();
    }

    @Override
    public void start() {
        delegate().start();
    }

    @Override
    public void unsubscribe(String name) {
        delegate().unsubscribe(name);
    }

    @Override
    public void acknowledge() {
        throw forbidden("acknowledge");
    }

    @Override
    public void close() {
        throw forbidden("close");
    }

    @Override
    public void commit() {
        throw forbidden("commit");
    }

    @Override
    public void recover() {
        throw forbidden("recover");
    }

    @Override
    public void rollback() {
        throw forbidden("rollback");
    }

    @Override
    public void setAutoStart(boolean autoStart) {
        throw forbidden("setAutoStart");
    }

    @Override
    public void setClientID(String clientID) {
        throw forbidden("setClientID");
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) {
        throw forbidden("setExceptionListener");
    }

    @Override
    public void stop() {
        throw forbidden("stop");
    }

    @Override
    public String toString() {
        return "injected JMSContext[" + key + "]";
    }
}
