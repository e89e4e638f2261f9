package org.wharfmq.management;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.wharfmq.engine.Engine;
import org.wharfmq.engine.MessageQueue;
import org.wharfmq.engine.QueueOperations;
import org.wharfmq.engine.Subscription;

/**
 * Registers an engine's MXBeans in the platform MBean server while it is open: {@code org.wharfmq:type=Engine},
 * and one {@code type=Queue} or {@code type=Subscription} per queue and durable subscription (new ones appear with
 * the next expiry sweep, every {@code expirySweepMillis}). Closing the engine unregisters all of them, so an
 * undeployed resource adapter leaves none behind.
 */
public final class Management {

    private static final Logger LOG = Logger.getLogger(Management.class.getName());
    private static final String DOMAIN = "org.wharfmq";
    private static final Map<Engine, Map<MessageQueue, ObjectName>> REGISTERED = new ConcurrentHashMap<>();
    private static final Map<MessageQueue, QueueControl> CONTROLS = new ConcurrentHashMap<>();
    private static final Map<Engine, EngineControl> ENGINES = new ConcurrentHashMap<>();

    private Management() {
    }

    public static void opened(Engine engine) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            ObjectName name = engineName(engine);
            EngineControl control = new EngineControl(engine);
            server.registerMBean(control, name);
            ENGINES.put(engine, control);
            REGISTERED.put(engine, new HashMap<>());
            refresh(engine);
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot register Wharf's MXBeans for " + engine.journalUrl(), e);
        }
    }

    /** Registers the queues that appeared and unregisters the ones that went. */
    public static void refresh(Engine engine) {
        Map<MessageQueue, ObjectName> mine = REGISTERED.get(engine);
        if (mine == null) {
            return;
        }
        synchronized (mine) {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            List<MessageQueue> now = engine.managedQueues();
            QueueOperations operations = new QueueOperations(engine);
            for (MessageQueue q : now) {
                if (!mine.containsKey(q)) {
                    try {
                        ObjectName name = queueName(engine, q);
                        QueueControl control = new QueueControl(q, operations);
                        server.registerMBean(control, name);
                        mine.put(q, name);
                        CONTROLS.put(q, control);
                    } catch (JMException | RuntimeException e) {
                        LOG.log(Level.FINE, "cannot register the MXBean of " + q.name(), e);
                    }
                }
            }
            mine.entrySet().removeIf(e -> {
                if (now.contains(e.getKey())) {
                    return false;
                }
                unregister(server, e.getValue());
                CONTROLS.remove(e.getKey());
                return true;
            });
            long nanos = System.nanoTime();
            EngineControl engineControl = ENGINES.get(engine);
            if (engineControl != null) {
                engineControl.tick(nanos);
            }
            for (MessageQueue q : mine.keySet()) {
                QueueControl c = CONTROLS.get(q);
                if (c != null) {
                    c.tick(nanos);
                }
            }
        }
    }

    public static void closing(Engine engine) {
        Map<MessageQueue, ObjectName> mine = REGISTERED.remove(engine);
        ENGINES.remove(engine);
        if (mine == null) {
            return;
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        synchronized (mine) {
            mine.values().forEach(n -> unregister(server, n));
            mine.keySet().forEach(CONTROLS::remove);
            mine.clear();
        }
        try {
            unregister(server, engineName(engine));
        } catch (JMException e) {
            LOG.log(Level.FINE, "cannot unregister the engine MXBean", e);
        }
    }

    private static void unregister(MBeanServer server, ObjectName name) {
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException e) {
            LOG.log(Level.FINE, "cannot unregister " + name, e);
        }
    }

    static ObjectName engineName(Engine engine) throws JMException {
        return new ObjectName(DOMAIN + ":type=Engine,journal=" + ObjectName.quote(engine.journalUrl()));
    }

    static ObjectName queueName(Engine engine, MessageQueue q) throws JMException {
        String journal = ",journal=" + ObjectName.quote(engine.journalUrl());
        if (q instanceof Subscription s) {
            String name = s.subscriptionName() != null ? s.subscriptionName() : q.name();
            return new ObjectName(DOMAIN + ":type=Subscription" + journal + ",topic=" + ObjectName.quote(s.topicName())
                    + ",name=" + ObjectName.quote(name) + (s.clientId() == null ? ""
                    : ",clientId=" + ObjectName.quote(s.clientId())));
        }
        return new ObjectName(DOMAIN + ":type=Queue" + journal + ",name=" + ObjectName.quote(q.name()));
    }
}
