package org.wharfmq.jms;

import jakarta.jms.JMSConsumer;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** The simplified API's consumer (JMS 3.1 §8.4, {@link JMSConsumer}): a MessageConsumer with unchecked exceptions. */
public class WharfJMSConsumer implements JMSConsumer {

    private final WharfMessageConsumer consumer;

    WharfJMSConsumer(WharfMessageConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public String getMessageSelector() {
        return JmsExceptions.unchecked(consumer::getMessageSelector);
    }

    @Override
    public MessageListener getMessageListener() {
        return JmsExceptions.unchecked(consumer::getMessageListener);
    }

    @Override
    public void setMessageListener(MessageListener listener) {
        JmsExceptions.uncheckedRun(() -> consumer.setMessageListener(listener));
    }

    @Override
    public Message receive() {
        return JmsExceptions.unchecked(consumer::receive);
    }

    @Override
    public Message receive(long timeout) {
        return JmsExceptions.unchecked(() -> consumer.receive(timeout));
    }

    @Override
    public Message receiveNoWait() {
        return JmsExceptions.unchecked(consumer::receiveNoWait);
    }

    @Override
    public void close() {
        JmsExceptions.uncheckedRun(consumer::close);
    }

    @Override
    public <T> T receiveBody(Class<T> c) {
        return JmsExceptions.unchecked(() -> consumer.receiveBody(c, 0, false));
    }

    @Override
    public <T> T receiveBody(Class<T> c, long timeout) {
        return JmsExceptions.unchecked(() -> consumer.receiveBody(c, timeout, false));
    }

    @Override
    public <T> T receiveBodyNoWait(Class<T> c) {
        return JmsExceptions.unchecked(() -> consumer.receiveBody(c, 0, true));
    }
}
