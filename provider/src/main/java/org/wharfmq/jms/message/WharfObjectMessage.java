package org.wharfmq.jms.message;

import org.wharfmq.config.ObjectAllowList;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;

/**
 * A message whose body is a serialized Java object (JMS 3.1 §3.13, {@link ObjectMessage}). The object is
 * serialized when set, so later changes to it do not change the message, and deserialized only into classes
 * that the connection factory's {@link ObjectAllowList} allows.
 */
public class WharfObjectMessage extends WharfMessage implements ObjectMessage {

    private byte[] serialized;
    private transient ObjectAllowList allowList = ObjectAllowList.parse(ObjectAllowList.DEFAULT);

    byte[] serialized() {
        return serialized;
    }

    void restoreSerialized(byte[] bytes) {
        this.serialized = bytes;
    }

    public void setAllowList(ObjectAllowList allowList) {
        this.allowList = allowList;
    }

    @Override
    public void setObject(Serializable object) throws JMSException {
        checkWritable();
        if (object == null) {
            serialized = null;
            return;
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(object);
            }
            serialized = bytes.toByteArray();
        } catch (IOException e) {
            MessageFormatException mfe = new MessageFormatException("cannot serialize the ObjectMessage body "
                    + object.getClass().getName() + ": " + e);
            mfe.setLinkedException(e);
            throw mfe;
        }
    }

    @Override
    public Serializable getObject() throws JMSException {
        if (serialized == null) {
            return null;
        }
        String[] rejected = new String[1];
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialized)) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                ClassLoader tccl = Thread.currentThread().getContextClassLoader();
                if (tccl != null) {
                    try {
                        return Class.forName(desc.getName(), false, tccl);
                    } catch (ClassNotFoundException ignored) {
                        // fall back to the default resolution below
                    }
                }
                return super.resolveClass(desc);
            }
        }) {
            in.setObjectInputFilter(allowList.filter(rejected));
            return (Serializable) in.readObject();
        } catch (InvalidClassException e) {
            if (ObjectAllowList.GRAPH_LIMIT.equals(rejected[0])) {
                MessageFormatException mfe = new MessageFormatException("the ObjectMessage body's object graph is"
                        + " deeper than " + ObjectAllowList.MAX_DEPTH + " levels, holds more than "
                        + ObjectAllowList.MAX_REFERENCES + " objects or an array longer than " + ObjectAllowList.MAX_ARRAY
                        + ": refused as a possible serialization bomb; send such data as a BytesMessage");
                mfe.setLinkedException(e);
                throw mfe;
            }
            MessageFormatException mfe = new MessageFormatException("the ObjectMessage body contains class "
                    + (rejected[0] != null ? rejected[0] : e.classname) + ", which is not on the ObjectMessage allow-list (" + allowList + "); add its "
                    + "package to the connection factory property 'objectMessageAllowList' (or the system property "
                    + "'wharf.objectMessageAllowList') if you trust the senders");
            mfe.setLinkedException(e);
            throw mfe;
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            MessageFormatException mfe = new MessageFormatException("cannot deserialize the ObjectMessage body: " + e);
            mfe.setLinkedException(e);
            throw mfe;
        }
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        serialized = null;
    }

    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        if (serialized == null) {
            return null;
        }
        Serializable o = getObject();
        if (!c.isInstance(o)) {
            throw new MessageFormatException("the ObjectMessage body is a " + o.getClass().getName()
                    + " and cannot be returned as " + c.getName() + " (§3.11.4)");
        }
        return c.cast(o);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) throws JMSException {
        if (serialized == null) {
            return true;
        }
        return c.isInstance(getObject());
    }
}
