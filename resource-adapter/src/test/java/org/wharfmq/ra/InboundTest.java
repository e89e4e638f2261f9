package org.wharfmq.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.InvalidPropertyException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.jms.WharfQueue;
import org.wharfmq.jms.WharfTopic;
import org.wharfmq.ra.support.TestEndpointFactory;
import org.wharfmq.ra.support.TestServer;

/** The inbound contract: activations feeding message-driven beans (Connectors 2.1 §13, JMS 3.1 §12). */
class InboundTest {

    private static final long WAIT = 10_000;

    @RegisterExtension
    final TestServer server = new TestServer();

    /** A bean that records what it got, and can be told to fail. */
    static final class RecordingBean implements MessageListener {
        final List<String> texts = Collections.synchronizedList(new ArrayList<>());
        final List<Long> times = Collections.synchronizedList(new ArrayList<>());
        final List<Boolean> redelivered = Collections.synchronizedList(new ArrayList<>());
        volatile CountDownLatch latch;
        volatile boolean fail;

        RecordingBean(int expected) {
            latch = new CountDownLatch(expected);
        }

        @Override
        public void onMessage(Message m) {
            try {
                texts.add(((TextMessage) m).getText());
                redelivered.add(m.getJMSRedelivered());
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
            times.add(System.nanoTime());
            latch.countDown();
            if (fail) {
                throw new IllegalArgumentException("order rejected: no such customer");
            }
        }

        boolean await() throws InterruptedException {
            return latch.await(WAIT, TimeUnit.MILLISECONDS);
        }
    }

    private static void eventually(String what, java.util.function.BooleanSupplier condition) throws Exception {
        long end = System.currentTimeMillis() + WAIT;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("not within " + WAIT + " ms: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    @DisplayName("Connectors §13.4: an activated bean receives the queue's messages (not transacted)")
    void beanReceivesFromQueue() throws Exception {
        RecordingBean bean = new RecordingBean(3);
        server.activate(TestServer.queueSpec("orders"), false, bean);
        for (int i = 0; i < 3; i++) {
            server.send("orders", "order-" + i);
        }
        assertTrue(bean.await());
        eventually("queue drained", () -> depth("orders") == 0);
        assertEquals(Set.of("order-0", "order-1", "order-2"), Set.copyOf(bean.texts));
    }

    private int depth(String queue) {
        try {
            return server.depth(queue);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("Connectors §13.5.3: a transacted delivery commits the consumption and the bean's send together")
    void transactedDeliveryCommitsWithBeanWork() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        MessageListener bean = m -> {
            try (Connection c = server.connectionFactory().createConnection()) {
                Session s = c.createSession();
                s.createProducer(new WharfQueue("shipped")).send(s.createTextMessage(((TextMessage) m).getText()));
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
            done.countDown();
        };
        TestEndpointFactory f = server.activate(TestServer.queueSpec("orders"), true, bean);
        server.send("orders", "order-7");
        assertTrue(done.await(WAIT, TimeUnit.MILLISECONDS));
        eventually("reply visible", () -> depth("shipped") == 1);
        assertEquals(0, depth("orders"));
        eventually("before/after paired", () -> f.before.get() == f.after.get());
    }

    @Test
    @DisplayName("Connectors §13.5.3: a failing transacted bean leaves neither its send nor the consumption; then the DLQ with the reason")
    void failingTransactedBeanRollsBackThenDeadLetters() throws Exception {
        WharfActivationSpec spec = TestServer.queueSpec("orders");
        spec.setMaxDeliveryAttempts(3);
        spec.setDeadLetterQueue("orders.dlq");
        AtomicInteger calls = new AtomicInteger();
        MessageListener bean = m -> {
            calls.incrementAndGet();
            try (Connection c = server.connectionFactory().createConnection()) {
                Session s = c.createSession();
                s.createProducer(new WharfQueue("shipped")).send(s.createTextMessage("must not appear"));
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalArgumentException("order rejected: no such customer");
        };
        TestEndpointFactory f = server.activate(spec, true, bean);
        server.send("orders", "bad order");
        Message dead = server.receive("orders.dlq", WAIT);
        assertNotNull(dead, "the message reached the dead-letter queue");
        assertEquals(3, calls.get(), "delivered maxDeliveryAttempts times");
        assertEquals("bad order", ((TextMessage) dead).getText());
        String reason = dead.getStringProperty("JMS_WharfFailureReason");
        assertTrue(reason.contains("order rejected: no such customer"), reason);
        assertEquals(0, depth("shipped"), "the bean's sends were rolled back each time");
        assertEquals(0, depth("orders"));
        eventually("before/after paired", () -> f.before.get() == 3 && f.after.get() == 3);
    }

    @Test
    @DisplayName("JMS 3.1 §8.7: a failing non-transacted bean gets the message again, marked redelivered")
    void failingNonTransactedBeanGetsRedelivery() throws Exception {
        RecordingBean bean = new RecordingBean(2);
        bean.fail = true;
        server.activate(TestServer.queueSpec("orders"), false, bean);
        server.send("orders", "retry me");
        assertTrue(bean.await());
        List<Boolean> firstTwo;
        synchronized (bean.redelivered) {
            // the bean keeps failing, so redeliveries go on while we look
            firstTwo = new ArrayList<>(bean.redelivered.subList(0, 2));
        }
        assertEquals(List.of(false, true), firstTwo);
    }

    @Test
    @DisplayName("Wharf activation property redeliveryDelay: the next delivery waits that long, also on a queue that already existed")
    void redeliveryDelayIsObserved() throws Exception {
        server.send("orders", "the queue exists before the activation");
        assertNotNull(server.receive("orders", 1000));
        WharfActivationSpec spec = TestServer.queueSpec("orders");
        spec.setRedeliveryDelay(400L);
        RecordingBean bean = new RecordingBean(2);
        bean.fail = true;
        server.activate(spec, true, bean);
        server.send("orders", "slowly");
        assertTrue(bean.await());
        long gapMillis = (bean.times.get(1) - bean.times.get(0)) / 1_000_000;
        assertTrue(gapMillis >= 400, "redelivered after " + gapMillis + " ms");
    }

    @Test
    @DisplayName("Activation property maxSession: that many deliveries run at once, no more")
    void maxSessionBoundsConcurrency() throws Exception {
        WharfActivationSpec spec = TestServer.queueSpec("orders");
        spec.setMaxSession(4);
        AtomicInteger now = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(20);
        server.activate(spec, true, m -> {
            peak.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            now.decrementAndGet();
            all.countDown();
        });
        for (int i = 0; i < 20; i++) {
            server.send("orders", "m" + i);
        }
        assertTrue(all.await(WAIT, TimeUnit.MILLISECONDS));
        assertEquals(4, peak.get());
    }

    @Test
    @DisplayName("Activation property messageSelector: the bean gets only what matches")
    void selectorFilters() throws Exception {
        WharfActivationSpec spec = TestServer.queueSpec("orders");
        spec.setMessageSelector("region = 'EU'");
        RecordingBean bean = new RecordingBean(1);
        server.activate(spec, false, bean);
        try (Connection c = new org.wharfmq.jms.WharfConnectionFactory(server.journalUrl()).createConnection()) {
            Session s = c.createSession();
            for (String region : List.of("US", "EU", "APAC")) {
                TextMessage m = s.createTextMessage(region);
                m.setStringProperty("region", region);
                s.createProducer(new WharfQueue("orders")).send(m);
            }
        }
        assertTrue(bean.await());
        Thread.sleep(300);
        assertEquals(List.of("EU"), bean.texts);
        assertEquals(2, depth("orders"));
    }

    @Test
    @DisplayName("JMS 3.1 §8.3.2: a durable subscription keeps what is published while the bean is undeployed")
    void durableSubscriptionSurvivesUndeploy() throws Exception {
        WharfActivationSpec spec = new WharfActivationSpec();
        spec.setDestination("events");
        spec.setDestinationType("jakarta.jms.Topic");
        spec.setSubscriptionDurability("Durable");
        spec.setSubscriptionName("audit");
        spec.setShareSubscriptions(true);
        RecordingBean first = new RecordingBean(1);
        TestEndpointFactory f = server.activate(spec, true, first);
        publish("before");
        assertTrue(first.await());
        server.adapter().endpointDeactivation(f, spec);
        publish("while away");
        RecordingBean second = new RecordingBean(1);
        server.activate(spec, true, second);
        assertTrue(second.await());
        assertEquals(List.of("while away"), second.texts);
    }

    private void publish(String text) throws JMSException {
        try (Connection c = new org.wharfmq.jms.WharfConnectionFactory(server.journalUrl()).createConnection()) {
            Session s = c.createSession();
            s.createProducer(new WharfTopic("events")).send(s.createTextMessage(text));
        }
    }

    @Test
    @DisplayName("Connectors §13.4.5: deactivation waits for deliveries in progress and gives the rest back; nothing is lost")
    void deactivationLosesNothing() throws Exception {
        Set<String> consumed = ConcurrentHashMap.newKeySet();
        WharfActivationSpec spec = TestServer.queueSpec("orders");
        spec.setMaxSession(2);
        CountDownLatch some = new CountDownLatch(5);
        TestEndpointFactory f = server.activate(spec, true, m -> {
            try {
                Thread.sleep(30);
                consumed.add(((TextMessage) m).getText());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            some.countDown();
        });
        for (int i = 0; i < 100; i++) {
            server.send("orders", "m" + i);
        }
        assertTrue(some.await(WAIT, TimeUnit.MILLISECONDS));
        server.adapter().endpointDeactivation(f, spec);
        int left = depth("orders");
        assertEquals(100, consumed.size() + left, consumed.size() + " consumed, " + left + " left");
        assertTrue(left > 0, "deactivation stopped the deliveries");
        assertEquals(f.before.get(), f.after.get(), "beforeDelivery and afterDelivery paired");
        assertEquals(f.created.get(), f.released.get(), "every endpoint released");
    }

    @Test
    @DisplayName("Connectors §13.5.1: while the application is not ready, nothing is consumed; delivery starts once it is")
    void unavailableEndpointConsumesNothing() throws Exception {
        RecordingBean bean = new RecordingBean(1);
        TestEndpointFactory f = new TestEndpointFactory(TestServer.transactionManager(), true, bean);
        f.available = false;
        WharfActivationSpec spec = TestServer.queueSpec("orders");
        spec.setResourceAdapter(server.adapter());
        server.adapter().endpointActivation(f, spec);
        server.send("orders", "early");
        Thread.sleep(500);
        assertEquals(1, depth("orders"));
        f.available = true;
        assertTrue(bean.await());
        assertEquals(List.of(false), bean.redelivered, "the early message was not counted as a failed delivery");
        server.adapter().endpointDeactivation(f, spec);
    }

    @Test
    @DisplayName("Connectors §13.4.2.1: validate() names the property of each contradiction")
    void validateNamesTheProperty() {
        assertInvalid("destination", new WharfActivationSpec());
        WharfActivationSpec type = TestServer.queueSpec("q");
        type.setDestinationType("jakarta.jms.Queues");
        assertInvalid("destinationType", type);
        WharfActivationSpec durableQueue = TestServer.queueSpec("q");
        durableQueue.setSubscriptionDurability("Durable");
        durableQueue.setSubscriptionName("s");
        assertInvalid("subscriptionDurability", durableQueue);
        WharfActivationSpec noName = topicSpec();
        noName.setSubscriptionDurability("Durable");
        assertInvalid("subscriptionName", noName);
        WharfActivationSpec noClientId = topicSpec();
        noClientId.setSubscriptionDurability("Durable");
        noClientId.setSubscriptionName("s");
        assertInvalid("clientId", noClientId);
        WharfActivationSpec ack = TestServer.queueSpec("q");
        ack.setAcknowledgeMode("Client-acknowledge");
        assertInvalid("acknowledgeMode", ack);
        WharfActivationSpec sessions = TestServer.queueSpec("q");
        sessions.setMaxSession(0);
        assertInvalid("maxSession", sessions);
        WharfActivationSpec attempts = TestServer.queueSpec("q");
        attempts.setMaxDeliveryAttempts(-1);
        assertInvalid("maxDeliveryAttempts", attempts);
    }

    private static WharfActivationSpec topicSpec() {
        WharfActivationSpec s = new WharfActivationSpec();
        s.setDestination("t");
        s.setDestinationType("jakarta.jms.Topic");
        return s;
    }

    private static void assertInvalid(String property, WharfActivationSpec spec) {
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, spec::validate);
        assertTrue(e.getMessage().contains("'" + property + "'"), e.getMessage());
        assertEquals(property, e.getInvalidPropertyDescriptors()[0].getName());
    }

    @Test
    @DisplayName("Activation: an invalid selector fails the activation with a message that names it")
    void invalidSelectorFailsActivation() {
        WharfActivationSpec spec = TestServer.queueSpec("orders");
        spec.setMessageSelector("region = ");
        ResourceException e = assertThrows(ResourceException.class,
                () -> server.activate(spec, false, new RecordingBean(1)));
        assertTrue(e.getMessage().contains("selector"), e.getMessage());
    }

    @Test
    @DisplayName("Connectors §5.3.1: an invalid adapter config property fails start with its name")
    void invalidConfigPropertyFailsStart() {
        WharfResourceAdapter ra = TestServer.adapter(server.journalUrl() + "-other");
        ra.setMaxDeliveryAttempts(-5);
        ResourceException e = assertThrows(ResourceException.class,
                () -> ra.start(new org.wharfmq.ra.support.TestBootstrapContext()));
        assertTrue(e.getMessage().contains("maxDeliveryAttempts"), e.getMessage());
    }

    @Test
    @DisplayName("Connectors §13.4.4: getXAResources returns the journal's XAResource; nothing in doubt after a clean run")
    void getXAResourcesRecoversNothingWhenClean() throws Exception {
        assertEquals(0, server.adapter().getXAResources(null)[0].recover(javax.transaction.xa.XAResource.TMSTARTRSCAN).length);
        assertNull(server.receive("orders", 10));
        assertFalse(server.adapter().getXAResources(null).length == 0);
    }
}
