package org.wharfmq.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.wharfmq.engine.EngineRegistry;
import org.wharfmq.jms.WharfConnectionFactory;
import org.wharfmq.jms.WharfQueue;
import org.wharfmq.ra.support.TestBootstrapContext;
import org.wharfmq.ra.support.TestEndpointFactory;
import org.wharfmq.ra.support.TestServer;
import org.wharfmq.support.RestartablePostgres;

/**
 * The adapter on the shared journal when PostgreSQL is down as the server deploys it (Connectors 2.1 §5.3.1): the
 * deployment does not fail; the adapter keeps trying, the bean's activation waits, and messages flow once the
 * database is up — no redeployment; undeploying while it still waits leaves nothing behind.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SharedJournalAdapterTest {

    @Test
    @DisplayName("PostgreSQL down at deployment: start() succeeds, the activation waits, and delivers once it is up")
    void waitsForTheDatabase() throws Exception {
        try (RestartablePostgres postgres = new RestartablePostgres()) {
            postgres.stop();
            String url = postgres.url() + "&nodeName=ra-node";
            WharfResourceAdapter ra = TestServer.adapter(url);
            TestBootstrapContext bootstrap = new TestBootstrapContext();
            ra.start(bootstrap);
            List<String> got = new CopyOnWriteArrayList<>();
            CountDownLatch received = new CountDownLatch(1);
            TestEndpointFactory bean = new TestEndpointFactory(TestServer.transactionManager(), false, m -> {
                try {
                    got.add(((TextMessage) m).getText());
                } catch (jakarta.jms.JMSException e) {
                    throw new IllegalStateException(e);
                }
                received.countDown();
            });
            WharfActivationSpec spec = TestServer.queueSpec("orders");
            spec.setResourceAdapter(ra);
            ra.endpointActivation(bean, spec);
            assertEquals(0, ra.getXAResources(null).length, "nothing to recover while the journal is not open");
            Thread.sleep(1500);
            postgres.start();
            try (Connection c = new WharfConnectionFactory(postgres.url() + "&nodeName=sender&engineLingerMillis=0")
                    .createConnection()) {
                Session s = c.createSession();
                s.createProducer(new WharfQueue("orders")).send(s.createTextMessage("after the outage"));
            }
            assertTrue(received.await(60, TimeUnit.SECONDS), "the waiting activation never delivered");
            assertEquals(List.of("after the outage"), got);
            assertEquals(1, ra.getXAResources(null).length);
            ra.stop();
            assertTrue(bootstrap.threadPool().shutdown(), "a Work was still running after the adapter stopped");
            assertEquals(0, EngineRegistry.openEngines());
            TestServer.assertNoWharfThreads();
        }
    }

    @Test
    @DisplayName("undeployed while it still waits for PostgreSQL: the retry stops, no thread or engine is left")
    void stopWhileWaiting() throws Exception {
        try (RestartablePostgres postgres = new RestartablePostgres()) {
            postgres.stop();
            WharfResourceAdapter ra = TestServer.adapter(postgres.url() + "&nodeName=ra-node");
            TestBootstrapContext bootstrap = new TestBootstrapContext();
            ra.start(bootstrap);
            WharfActivationSpec spec = TestServer.queueSpec("orders");
            spec.setResourceAdapter(ra);
            ra.endpointActivation(new TestEndpointFactory(TestServer.transactionManager(), false, m -> { }), spec);
            Thread.sleep(500);
            ra.stop();
            assertTrue(bootstrap.threadPool().shutdown(), "the retry was still running after the adapter stopped");
            assertEquals(0, EngineRegistry.openEngines());
            TestServer.assertNoWharfThreads();
        }
    }
}
