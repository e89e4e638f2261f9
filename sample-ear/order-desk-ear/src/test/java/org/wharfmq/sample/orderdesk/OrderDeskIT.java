package org.wharfmq.sample.orderdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.wharfmq.jms.WharfConnectionFactory;
import org.wharfmq.jms.WharfTopic;

/**
 * The order desk EAR in a real application server (GlassFish or WildFly, started by Arquillian): the Wharf RAR
 * drives the MDBs, the web front talks HTTP. Each test uses its own order ids, so they do not depend on each other;
 * the one that undeploys the application runs last.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderDeskIT {

    private static boolean deployed;
    private final OrderDeskApi api = OrderDeskApi.local();

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = "order-desk", managed = false, testable = false)
    static EnterpriseArchive orderDesk() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.file")));
    }

    @BeforeEach
    void deployOnce() throws Exception {
        if (!deployed) {
            deployer.deploy("order-desk");
            deployed = true;
            api.awaitUp();
        }
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    @Order(1)
    @DisplayName("JMS 3.1 §12 / Connectors §13: an order placed through the web front is processed by the queue MDB and audited by the topic MDB")
    void orderIsProcessedAndAudited() throws Exception {
        String id = id("ok");
        api.placeOrder(id, 2, 0);
        api.await("orders/counts", body -> body.contains("\"" + id + "\":1"), "order " + id + " stored once");
        api.await("audit", body -> body.contains(id), "order " + id + " audited");
    }

    @Test
    @Order(2)
    @DisplayName("Connectors §13.5.3: a failing MDB leaves neither its row nor the consumption; after maxDeliveryAttempts the order is in the DLQ with the reason")
    void failingOrderReachesDeadLetterQueueWithoutRow() throws Exception {
        String id = id("bad");
        api.placeOrder(id, 0, 0);
        String dlq = api.await("queues/orders.dlq", body -> body.contains(id), "order " + id + " in orders.dlq");
        assertTrue(dlq.contains("quantity must be positive"), dlq);
        assertFalse(api.get("orders/counts").contains(id), "the row written before the failure was rolled back");
        assertEquals(3, OrderDeskApi.numbers(api.get("attempts/" + id)).size(), "maxDeliveryAttempts = 3");
        assertFalse(api.get("audit").contains(id), "the event sent before the failure was rolled back");
    }

    @Test
    @Order(3)
    @DisplayName("Activation property redeliveryDelay = 500 ms: redeliveries wait 500 ms, then 1000 ms")
    void redeliveryDelayIsObserved() throws Exception {
        String id = id("slow-fail");
        api.placeOrder(id, 0, 0);
        api.await("queues/orders.dlq", body -> body.contains(id), "order " + id + " in orders.dlq");
        List<Long> at = OrderDeskApi.numbers(api.get("attempts/" + id));
        assertEquals(3, at.size(), at.toString());
        assertTrue(at.get(1) - at.get(0) >= 500, "first redelivery after " + (at.get(1) - at.get(0)) + " ms");
        assertTrue(at.get(2) - at.get(1) >= 1000, "second redelivery after " + (at.get(2) - at.get(1)) + " ms");
    }

    @Test
    @Order(4)
    @DisplayName("Activation property maxSession = 4: four MDB instances work at once, never more")
    void maxSessionConcurrencyIsObserved() throws Exception {
        api.post("stats/reset", Map.of());
        String prefix = id("burst");
        for (int i = 0; i < 12; i++) {
            api.placeOrder(prefix + "-" + i, 1, 400);
        }
        api.await("orders/counts", body -> body.split(prefix).length - 1 == 12, "12 orders stored");
        assertEquals(4, OrderDeskApi.number(api.get("stats"), "peakConcurrency"));
    }

    @Test
    @Order(5)
    @DisplayName("Activation property messageSelector: the audit MDB records 'processed' events and nothing else")
    void selectorFilters() throws Exception {
        String noise = id("noise");
        String wanted = id("wanted");
        api.post("events", Map.of("kind", "noise", "orderId", noise));
        api.post("events", Map.of("kind", "processed", "orderId", wanted));
        api.await("audit", body -> body.contains(wanted), "event " + wanted + " audited");
        Thread.sleep(500);
        assertFalse(api.get("audit").contains(noise), "an event the selector excludes was audited");
    }

    @Test
    @Order(6)
    @DisplayName("JMS 3.1 §12.3: messages sent in one container transaction reach the queue when it commits; each of a batch of 50 orders is processed once")
    void batchSentInOneTransactionIsProcessedOnce() throws Exception {
        String prefix = id("batch") + "-";
        api.placeOrders(prefix, 50, 0);
        String counts = api.await("orders/counts", body -> body.split(prefix).length - 1 == 50, "50 orders stored");
        Matcher rows = Pattern.compile("\"" + Pattern.quote(prefix) + "\\d+\":(\\d+)").matcher(counts);
        int orders = 0;
        while (rows.find()) {
            orders++;
            assertEquals("1", rows.group(1), "rows of one order of the batch");
        }
        assertEquals(50, orders);
        IOException refused = assertThrows(IOException.class, () -> api.placeOrders(prefix, 0, 0));
        assertTrue(refused.getMessage().contains("400"), refused.getMessage());
    }

    @Test
    @Order(7)
    @DisplayName("JMS 3.1 §8.3.2: the durable subscription gets what was published while the application was undeployed")
    void durableSubscriptionSurvivesUndeployment() throws Exception {
        deployer.undeploy("order-desk");
        deployed = false;
        String id = id("while-away");
        // undeployed, the RAR has closed the journal: a plain Wharf connection can open the file and publish
        try (Connection c = new WharfConnectionFactory(Servers.current().journalUrl()
                + "?engineLingerMillis=0").createConnection()) {
            Session s = c.createSession();
            TextMessage m = s.createTextMessage("published while the order desk was undeployed");
            m.setStringProperty("kind", "processed");
            m.setStringProperty("orderId", id);
            s.createProducer(new WharfTopic("events")).send(m);
        }
        deployer.deploy("order-desk");
        deployed = true;
        api.awaitUp();
        api.await("audit", body -> body.contains(id), "event " + id + " audited after redeployment");
    }
}
