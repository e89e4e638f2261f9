package org.wharfmq.ra;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
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
import java.util.ArrayList;
import java.util.List;
import org.wharfmq.jms.JmsExceptions;

/**
 * The JMSContext an application gets in an application server (JMS 3.1 §12.3; what {@code @Inject JMSContext}
 * delegates to): a {@link WharfRAConnection} and its {@link WharfRASession}, with Wharf's own simplified-API
 * objects working through the managed connection's XA session, so that they join the JTA transaction too.
 * {@code createContext}, {@code setClientID}, {@code setExceptionListener}, {@code stop} and listeners are the
 * container's (§12.2) and are refused with IllegalStateRuntimeException.
 */
public class WharfRAJMSContext implements JMSContext {

    private final WharfRAConnection connection;
    private final WharfRASession session;
    private final JMSContext view;
    private final int sessionMode;
    private final List<JMSConsumer> consumers = new ArrayList<>();
    private volatile boolean closed;

    WharfRAJMSContext(WharfRAConnection connection, int sessionMode) throws JMSException {
        this.connection = connection;
        this.sessionMode = sessionMode;
        this.session = (WharfRASession) connection.createSession(sessionMode);
        this.view = connection.managed().session().contextView();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateRuntimeException("the JMSContext is closed");
        }
        JmsExceptions.uncheckedRun(session::checkOpen);
    }

    private JMSContext view() {
        checkOpen();
        return view;
    }

    private static IllegalStateRuntimeException forbidden(String method) {
        return new IllegalStateRuntimeException(WharfRAConnection.forbidden(method).getMessage());
    }

    private Object guard(Object o) {
        return ContainerRules.guard(o, session::checkOpen);
    }

    // ---- connection ----------------------------------------------------------------------------------------

    @Override
    public JMSContext createContext(int sessionMode) {
        checkOpen();
        throw forbidden("JMSContext.createContext");
    }

    @Override
    public String getClientID() {
        checkOpen();
        return JmsExceptions.unchecked(connection::getClientID);
    }

    @Override
    public void setClientID(String clientID) {
        checkOpen();
        throw forbidden("JMSContext.setClientID");
    }

    @Override
    public ConnectionMetaData getMetaData() {
        checkOpen();
        return JmsExceptions.unchecked(connection::getMetaData);
    }

    @Override
    public ExceptionListener getExceptionListener() {
        checkOpen();
        return null;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) {
        checkOpen();
        throw forbidden("JMSContext.setExceptionListener");
    }

    @Override
    public void start() {
        checkOpen();
        JmsExceptions.uncheckedRun(connection::start);
    }

    @Override
    public void stop() {
        checkOpen();
        throw forbidden("JMSContext.stop");
    }

    @Override
    public void setAutoStart(boolean autoStart) {
        view().setAutoStart(autoStart);
    }

    @Override
    public boolean getAutoStart() {
        return view().getAutoStart();
    }

    /** Closes the consumers, the session and the connection handle: the managed connection goes back to the pool. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (consumers) {
            for (JMSConsumer c : consumers) {
                c.close();
            }
            consumers.clear();
        }
        view.close();
        JmsExceptions.uncheckedRun(connection::close);
    }

    // ---- messages -----------------------------------------------------------------------------------------

    @Override
    public BytesMessage createBytesMessage() {
        return view().createBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() {
        return view().createMapMessage();
    }

    @Override
    public Message createMessage() {
        return view().createMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() {
        return view().createObjectMessage();
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) {
        return view().createObjectMessage(object);
    }

    @Override
    public StreamMessage createStreamMessage() {
        return view().createStreamMessage();
    }

    @Override
    public TextMessage createTextMessage() {
        return view().createTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) {
        return view().createTextMessage(text);
    }

    // ---- transactions --------------------------------------------------------------------------------------

    @Override
    public boolean getTransacted() {
        checkOpen();
        return JmsExceptions.unchecked(session::getTransacted);
    }

    @Override
    public int getSessionMode() {
        checkOpen();
        return JmsExceptions.unchecked(session::getAcknowledgeMode);
    }

    @Override
    public void commit() {
        checkOpen();
        JmsExceptions.uncheckedRun(session::commit);
    }

    @Override
    public void rollback() {
        checkOpen();
        JmsExceptions.uncheckedRun(session::rollback);
    }

    @Override
    public void recover() {
        checkOpen();
        JmsExceptions.uncheckedRun(session::recover);
    }

    /** Messages are acknowledged automatically or by the transaction here, so there is nothing to acknowledge. */
    @Override
    public void acknowledge() {
        checkOpen();
    }

    // ---- producers and consumers ---------------------------------------------------------------------------

    @Override
    public JMSProducer createProducer() {
        return (JMSProducer) guard(view().createProducer());
    }

    private JMSConsumer consumer(JMSConsumer c) {
        synchronized (consumers) {
            consumers.add(c);
        }
        return (JMSConsumer) guard(c);
    }

    @Override
    public JMSConsumer createConsumer(Destination destination) {
        return consumer(view().createConsumer(destination));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String selector) {
        return consumer(view().createConsumer(destination, selector));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String selector, boolean noLocal) {
        return consumer(view().createConsumer(destination, selector, noLocal));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String name) {
        return consumer(view().createSharedConsumer(topic, name));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String name, String selector) {
        return consumer(view().createSharedConsumer(topic, name, selector));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name) {
        return consumer(view().createDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name, String selector, boolean noLocal) {
        return consumer(view().createDurableConsumer(topic, name, selector, noLocal));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name) {
        return consumer(view().createSharedDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name, String selector) {
        return consumer(view().createSharedDurableConsumer(topic, name, selector));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) {
        checkOpen();
        return JmsExceptions.unchecked(() -> session.createBrowser(queue));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String selector) {
        checkOpen();
        return JmsExceptions.unchecked(() -> session.createBrowser(queue, selector));
    }

    // ---- destinations ---------------------------------------------------------------------------------------

    @Override
    public Queue createQueue(String name) {
        return view().createQueue(name);
    }

    @Override
    public Topic createTopic(String name) {
        return view().createTopic(name);
    }

    @Override
    public TemporaryQueue createTemporaryQueue() {
        checkOpen();
        return JmsExceptions.unchecked(session::createTemporaryQueue);
    }

    @Override
    public TemporaryTopic createTemporaryTopic() {
        checkOpen();
        return JmsExceptions.unchecked(session::createTemporaryTopic);
    }

    @Override
    public void unsubscribe(String name) {
        view().unsubscribe(name);
    }

    @Override
    public String toString() {
        return "WharfRAJMSContext[" + connection + ", mode=" + sessionMode + (closed ? ", closed" : "") + "]";
    }
}
