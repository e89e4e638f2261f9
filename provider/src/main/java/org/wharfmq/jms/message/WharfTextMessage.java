package org.wharfmq.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.TextMessage;

/** A message whose body is a String (JMS 3.1 §3.13, {@link TextMessage}). */
public class WharfTextMessage extends WharfMessage implements TextMessage {

    private String text;

    public WharfTextMessage() {
    }

    public WharfTextMessage(String text) {
        this.text = text;
    }

    @Override
    public void setText(String string) throws JMSException {
        checkWritable();
        this.text = string;
    }

    @Override
    public String getText() {
        return text;
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        text = null;
    }

    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        if (text == null) {
            return null;
        }
        if (!c.isAssignableFrom(String.class)) {
            throw new MessageFormatException("the body of a TextMessage is a String and cannot be returned as "
                    + c.getName() + " (§3.11.4)");
        }
        return c.cast(text);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) {
        return text == null || c.isAssignableFrom(String.class);
    }
}
