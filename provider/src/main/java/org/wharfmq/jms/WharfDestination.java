package org.wharfmq.jms;

import jakarta.jms.Destination;
import java.io.Serializable;
import java.util.Objects;
import javax.naming.NamingException;
import javax.naming.Reference;
import javax.naming.Referenceable;
import javax.naming.StringRefAddr;
import org.wharfmq.jndi.WharfObjectFactory;

/**
 * A named Wharf queue or topic (JMS 3.1 §2.4, §4.2 administered objects). Equal by kind and name, so a
 * destination looked up from JNDI, created by {@code createQueue} or deserialized compares equal.
 */
public abstract class WharfDestination implements Destination, Serializable, Referenceable {

    private static final long serialVersionUID = 1L;

    /** The longest destination name the journal stores. */
    public static final int MAX_NAME_LENGTH = 200;

    private String name;

    protected WharfDestination() {
    }

    protected WharfDestination(String name) {
        this.name = checkName(name);
    }

    /** Checks a destination name and returns it; the message names the rule that was broken. */
    public static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a destination name must not be null or blank");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("destination name '" + name.substring(0, 40) + "...' is "
                    + name.length() + " characters; at most " + MAX_NAME_LENGTH + " are allowed");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new IllegalArgumentException("destination name '" + name + "' contains a control character");
            }
        }
        return name;
    }

    /** The destination's name, as given to {@code createQueue}/{@code createTopic}. */
    public String getName() {
        return name;
    }

    /** JavaBean setter for administered-object definitions (Connectors 2.1 §13.4). */
    public void setName(String name) {
        this.name = checkName(name);
    }

    public abstract boolean isTopic();

    /** Kind codes the message codec stores: 1 queue, 2 topic, 3 temporary queue, 4 temporary topic. */
    public int kindCode() {
        return (isTopic() ? 2 : 1) + (isTemporary() ? 2 : 0);
    }

    /** Recreates a destination stored with {@link #kindCode()}; temporary ones come back without an owner. */
    public static WharfDestination of(int kindCode, String name) {
        return switch (kindCode) {
            case 1 -> new WharfQueue(name);
            case 2 -> new WharfTopic(name);
            case 3 -> new WharfTemporaryQueue(name, null);
            case 4 -> new WharfTemporaryTopic(name, null);
            default -> throw new IllegalArgumentException("unknown destination kind " + kindCode);
        };
    }

    public boolean isTemporary() {
        return false;
    }

    @Override
    public Reference getReference() throws NamingException {
        Reference ref = new Reference(getClass().getName(), WharfObjectFactory.class.getName(), null);
        ref.add(new StringRefAddr("name", name));
        return ref;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WharfDestination d && d.isTopic() == isTopic() && d.isTemporary() == isTemporary()
                && Objects.equals(d.name, name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(isTopic(), name);
    }

    @Override
    public String toString() {
        return (isTemporary() ? "temporary " : "") + (isTopic() ? "topic " : "queue ") + name;
    }
}
