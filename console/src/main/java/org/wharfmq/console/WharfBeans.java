package org.wharfmq.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.JMException;
import javax.management.JMRuntimeException;
import javax.management.MBeanException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

/**
 * Wharf's MXBeans ({@code org.wharfmq:type=Engine|Queue|Subscription,...}) read by name and attribute, so that the
 * console needs none of Wharf's classes and works next to any deployment of the resource adapter. Everything it
 * returns is plain maps and lists, ready to be written as JSON.
 */
final class WharfBeans {

    static final String DOMAIN = "org.wharfmq";
    private static final String[] ENGINE_ATTRIBUTES = {"JournalUrl", "JournalBytesOnDisk", "GroupCommits",
            "MeanUnitsPerGroup", "SyncRate1m", "CommitLatencyP50Micros", "CommitLatencyP99Micros", "DestinationCount"};
    private static final String[] QUEUE_ATTRIBUTES = {"Name", "Kind", "Topic", "DeadLetterQueue", "MessageCount",
            "ReadyCount", "ScheduledCount", "InFlightCount", "ConsumerCount", "HeadAgeMillis", "EnqueuedTotal",
            "AcknowledgedTotal", "ExpiredTotal", "DeadLetteredTotal", "EnqueueRate1m", "AcknowledgeRate1m", "Paused"};

    private final MBeanServer server;

    WharfBeans(MBeanServer server) {
        this.server = server;
    }

    /** One entry per open Wharf engine (journal). */
    List<Map<String, Object>> engines() throws JMException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ObjectName n : sorted(server.queryNames(new ObjectName(DOMAIN + ":type=Engine,*"), null))) {
            out.add(attributes(n, ENGINE_ATTRIBUTES));
        }
        return out;
    }

    /** Every queue and durable subscription, dead-letter queues first, then by name. */
    List<Map<String, Object>> destinations() throws JMException {
        List<Map<String, Object>> out = new ArrayList<>();
        Set<ObjectName> names = server.queryNames(new ObjectName(DOMAIN + ":type=Queue,*"), null);
        names.addAll(server.queryNames(new ObjectName(DOMAIN + ":type=Subscription,*"), null));
        for (ObjectName n : sorted(names)) {
            Map<String, Object> d = attributes(n, QUEUE_ATTRIBUTES);
            d.put("id", n.getCanonicalName());
            d.put("journal", n.getKeyProperty("journal") == null ? null : ObjectName.unquote(n.getKeyProperty("journal")));
            out.add(d);
        }
        out.sort(Comparator.comparing((Map<String, Object> d) -> !Boolean.TRUE.equals(d.get("DeadLetterQueue")))
                .thenComparing(d -> String.valueOf(d.get("Name"))));
        return out;
    }

    /**
     * The last hour of a destination: per point its time, depth, and messages in and out per second since the point
     * before.
     */
    List<Map<String, Object>> history(ObjectName destination) throws JMException {
        CompositeData[] points = (CompositeData[]) server.getAttribute(destination, "History");
        List<Map<String, Object>> out = new ArrayList<>();
        CompositeData previous = null;
        for (CompositeData p : points) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("time", p.get("time"));
            m.put("depth", p.get("messageCount"));
            m.put("inPerSecond", previous == null ? 0.0 : perSecond(previous, p, "enqueuedTotal"));
            m.put("outPerSecond", previous == null ? 0.0 : perSecond(previous, p, "acknowledgedTotal"));
            out.add(m);
            previous = p;
        }
        return out;
    }

    private static double perSecond(CompositeData from, CompositeData to, String total) {
        double seconds = ((Long) to.get("time") - (Long) from.get("time")) / 1000.0;
        return seconds <= 0 ? 0 : ((Long) to.get(total) - (Long) from.get(total)) / seconds;
    }

    /** The first {@code max} ready messages of a destination, with their failure reasons. */
    List<Map<String, Object>> messages(ObjectName destination, int max) throws JMException {
        CompositeData[] found = (CompositeData[]) invoke(destination, "browseMessages", new Object[] {max},
                new String[] {"int"});
        List<Map<String, Object>> out = new ArrayList<>();
        for (CompositeData c : found) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String key : c.getCompositeType().keySet()) {
                m.put(key, c.get(key));
            }
            out.add(m);
        }
        return out;
    }

    /** Moves one message (by JMSMessageID) to queue {@code to}; returns how many moved (0 or 1). */
    int requeue(ObjectName from, String messageId, String to) throws JMException {
        String selector = "JMSMessageID = '" + messageId.replace("'", "''") + "'";
        return (Integer) invoke(from, "moveMessages", new Object[] {selector, to},
                new String[] {String.class.getName(), String.class.getName()});
    }

    /** Deletes every message of a destination that is not in flight; returns how many. */
    int purge(ObjectName destination) throws JMException {
        return (Integer) invoke(destination, "purge", new Object[0], new String[0]);
    }

    /** An operation whose failure (Wharf throws IllegalStateException with the reason) stays a checked JMException. */
    private Object invoke(ObjectName name, String operation, Object[] args, String[] signature) throws JMException {
        try {
            return server.invoke(name, operation, args, signature);
        } catch (JMRuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new MBeanException(cause instanceof Exception x ? x : e, cause.getMessage());
        }
    }

    /**
     * The MXBean a request names, which must be one of Wharf's queues or subscriptions and registered: the console
     * never touches any other MBean.
     */
    ObjectName destination(String id) {
        ObjectName name;
        try {
            name = new ObjectName(id == null ? "" : id);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("not a destination: " + id);
        }
        String type = name.getKeyProperty("type");
        if (!DOMAIN.equals(name.getDomain()) || name.isPattern()
                || !("Queue".equals(type) || "Subscription".equals(type)) || !server.isRegistered(name)) {
            throw new IllegalArgumentException("no Wharf queue or subscription " + id);
        }
        return name;
    }

    private Map<String, Object> attributes(ObjectName n, String[] names) throws JMException {
        Map<String, Object> out = new LinkedHashMap<>();
        AttributeList list = server.getAttributes(n, names);
        for (Attribute a : list.asList()) {
            out.put(a.getName(), a.getValue());
        }
        return out;
    }

    private static List<ObjectName> sorted(Set<ObjectName> names) {
        List<ObjectName> out = new ArrayList<>(names);
        out.sort(Comparator.comparing(ObjectName::getCanonicalName));
        return out;
    }
}
