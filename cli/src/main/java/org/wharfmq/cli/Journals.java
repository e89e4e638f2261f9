package org.wharfmq.cli;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.wharfmq.jms.WharfConnectionFactory;
import org.wharfmq.management.QueueControlMXBean;

/**
 * Where a command finds the queues: offline, a journal no Wharf has open, opened here (its MXBeans then live in this
 * JVM's MBean server); online, the MBean server of the JVM that runs Wharf, through a JMX service URL. Both are
 * steered through the same MXBeans.
 */
final class Journals implements AutoCloseable {

    private final MBeanServerConnection server;
    private final Connection offline;
    private final JMXConnector online;
    private final WharfConnectionFactory factory;

    private Journals(MBeanServerConnection server, Connection offline, JMXConnector online, WharfConnectionFactory f) {
        this.server = server;
        this.offline = offline;
        this.online = online;
        this.factory = f;
    }

    static Journals open(String journalUrl, String jmxUrl) throws Exception {
        if ((journalUrl == null) == (jmxUrl == null)) {
            throw new IllegalArgumentException("give either --journal <jdbc url> (offline: no Wharf may have it open)"
                    + " or --jmx <service:jmx:...> (online: a running Wharf)");
        }
        if (journalUrl != null) {
            // the command's last connection closes the journal at once, so a Wharf may open it right after
            WharfConnectionFactory f = new WharfConnectionFactory(journalUrl);
            f.set("engineLingerMillis", "0");
            Connection c;
            try {
                c = f.createConnection();
            } catch (JMSException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            return new Journals(ManagementFactory.getPlatformMBeanServer(), c, null, f);
        }
        JMXConnector connector;
        try {
            connector = JMXConnectorFactory.connect(new JMXServiceURL(jmxUrl));
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + jmxUrl + ": " + e.getMessage(), e);
        }
        return new Journals(connector.getMBeanServerConnection(), null, connector, null);
    }

    /** The JMS connection of an offline journal, for export and import; refused online. */
    Connection jms(String what) {
        if (offline == null) {
            throw new IllegalArgumentException(what + " works offline only: stop Wharf and give --journal");
        }
        return offline;
    }

    WharfConnectionFactory factory() {
        return factory;
    }

    record Named(ObjectName name, QueueControlMXBean control) {
    }

    List<Named> all() throws IOException {
        List<Named> out = new ArrayList<>();
        for (String type : List.of("Queue", "Subscription")) {
            for (ObjectName n : server.queryNames(pattern("type=" + type + ",*"), null)) {
                out.add(new Named(n, JMX.newMXBeanProxy(server, n, QueueControlMXBean.class)));
            }
        }
        out.sort((a, b) -> a.control().getName().compareTo(b.control().getName()));
        return out;
    }

    /** The queue (or durable subscription) of that name. */
    QueueControlMXBean queue(String name) throws IOException {
        Set<ObjectName> found = server.queryNames(pattern("type=Queue,name=" + ObjectName.quote(name) + ",*"), null);
        if (found.isEmpty()) {
            found = server.queryNames(pattern("type=Subscription,name=" + ObjectName.quote(name) + ",*"), null);
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no queue or durable subscription named '" + name + "'");
        }
        if (found.size() > 1) {
            throw new IllegalArgumentException("'" + name + "' names " + found.size() + " destinations: " + found);
        }
        return JMX.newMXBeanProxy(server, found.iterator().next(), QueueControlMXBean.class);
    }

    private static ObjectName pattern(String keys) {
        try {
            return new ObjectName("org.wharfmq:" + keys);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public void close() throws Exception {
        if (offline != null) {
            offline.close();
        }
        if (online != null) {
            online.close();
        }
    }
}
