package org.wharfmq.jndi;

import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.RefAddr;
import javax.naming.Reference;
import javax.naming.spi.ObjectFactory;
import org.wharfmq.jms.WharfConnectionFactory;
import org.wharfmq.jms.WharfQueue;
import org.wharfmq.jms.WharfTopic;

/** Rebuilds Wharf administered objects from the JNDI References they produce ({@code Referenceable}). */
public class WharfObjectFactory implements ObjectFactory {

    @Override
    public Object getObjectInstance(Object obj, Name name, Context nameCtx, Hashtable<?, ?> environment) {
        if (!(obj instanceof Reference ref)) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Enumeration<RefAddr> e = ref.getAll(); e.hasMoreElements(); ) {
            RefAddr a = e.nextElement();
            values.put(a.getType(), (String) a.getContent());
        }
        String className = ref.getClassName();
        if (WharfConnectionFactory.class.getName().equals(className)) {
            return new WharfConnectionFactory(values);
        }
        if (org.wharfmq.jms.WharfXAConnectionFactory.class.getName().equals(className)) {
            org.wharfmq.jms.WharfXAConnectionFactory f = new org.wharfmq.jms.WharfXAConnectionFactory();
            values.forEach(f::set);
            return f;
        }
        if (WharfQueue.class.getName().equals(className)) {
            return new WharfQueue(values.get("name"));
        }
        if (WharfTopic.class.getName().equals(className)) {
            return new WharfTopic(values.get("name"));
        }
        return null;
    }
}
