package org.wharfmq.sample.orderdesk;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.wharfmq.sample.orderdesk.ServerControl.AdapterSecurity;
import org.wharfmq.sample.orderdesk.probe.SendProbe;
import org.wharfmq.security.PasswordHash;

/**
 * The order desk on a server whose Wharf adapter has a security realm, configured the way an operator of that server
 * would (GlassFish: {@code create-resource-adapter-config}; WildFly: the system properties the RAR's ironjacamar.xml
 * reads): the order desk's connection factory signs on with container-managed credentials, the adapter's MDBs with
 * its own user; a wrong password and a user without the grant are refused at the call with JMSSecurityException and
 * a log line, and the MDBs go on consuming. The calls are made inside the server by {@link SendProbe}, a servlet
 * added to the EAR for this test only.
 */
class OrderDeskSecurityIT {

    private static final String FACTORY_PASSWORD = "orderdesk-secret"; // as in glassfish-resources.xml
    private static final String ADAPTER_PASSWORD = "adapter-secret";
    private static final String CLERK_PASSWORD = "clerk-secret";

    private static ServerControl server;
    private static Path realm;
    private static final OrderDeskApi api = OrderDeskApi.local();
    private static final OrderDeskApi probe = new OrderDeskApi("http://localhost:8080/wharf-security-probe/");

    @BeforeAll
    static void startSecuredWithTheOrderDesk() throws Exception {
        ServerControl plain = ServerControl.forCurrent();
        realm = plain.configDirectory().resolve("wharf-security.properties");
        Files.write(realm, List.of(
                "# the order desk's connection factory (container-managed sign-on)",
                "user.orderdesk = " + PasswordHash.hash(FACTORY_PASSWORD.toCharArray()) + ", desk",
                "# the adapter itself: journal anchor, message-driven beans, XA recovery",
                "user.adapter = " + PasswordHash.hash(ADAPTER_PASSWORD.toCharArray()) + ", adapter",
                "user.clerk = " + PasswordHash.hash(CLERK_PASSWORD.toCharArray()) + ", clerks",
                "send.orders = desk",
                "send.events = desk",
                "browse.* = desk",
                "consume.orders = adapter",
                "consume.events = adapter",
                "durable.events = adapter",
                "send.probes = desk, clerks"));
        server = ServerControl.startFresh(new AdapterSecurity(realm, "adapter", ADAPTER_PASSWORD, "orderdesk",
                FACTORY_PASSWORD));
        server.deployAndAwait(earWithProbe(), api);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stopAndUndeploy();
        }
        Files.deleteIfExists(realm);
    }

    /**
     * The EAR under test plus the probe servlet as a module of its own; on GlassFish also a connection factory
     * whose pool signs on with a wrong password, and one with no principal of its own for component-managed
     * sign-on (a pool's principal would be the container's credential, which comes first).
     */
    private static Path earWithProbe() throws IOException {
        Path original = Path.of(System.getProperty("ear.file"));
        EnterpriseArchive ear = ShrinkWrap.createFromZipFile(EnterpriseArchive.class, original.toFile());
        // component-managed sign-on needs a reference with res-auth Application (Connectors 2.1 §9.1.8): a lookup
        // without one is container-managed, and GlassFish then signs on with the pool's principal
        String webXml = """
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <resource-ref>
                    <res-ref-name>jms/ComponentSignOn</res-ref-name>
                    <res-type>jakarta.jms.ConnectionFactory</res-type>
                    <res-auth>Application</res-auth>
                    <lookup-name>%s</lookup-name>
                  </resource-ref>
                </web-app>
                """.formatted(glassFish() ? "java:app/jms/ComponentSignOnCF" : "java:/jms/WharfConnectionFactory");
        ear.addAsModule(ShrinkWrap.create(WebArchive.class, "wharf-security-probe.war").addClass(SendProbe.class)
                .setWebXML(new StringAsset(webXml)));
        String applicationXml = read(ear, "META-INF/application.xml").replace("<library-directory>",
                "<module><web><web-uri>wharf-security-probe.war</web-uri>"
                        + "<context-root>/wharf-security-probe</context-root></web></module>\n  <library-directory>");
        ear.delete("META-INF/application.xml");
        ear.setApplicationXML(new StringAsset(applicationXml));
        if (ear.contains("META-INF/glassfish-resources.xml")) {
            String resources = read(ear, "META-INF/glassfish-resources.xml").replace("</resources>", """
                      <connector-connection-pool name="java:app/jms/WrongPasswordPool" resource-adapter-name="order-desk#wharf-ra"
                          connection-definition-name="jakarta.jms.ConnectionFactory" transaction-support="XATransaction">
                        <property name="userName" value="orderdesk"/>
                        <property name="password" value="not-the-password"/>
                      </connector-connection-pool>
                      <connector-resource jndi-name="java:app/jms/WrongPasswordCF" pool-name="java:app/jms/WrongPasswordPool"/>
                      <connector-connection-pool name="java:app/jms/ComponentSignOnPool" resource-adapter-name="order-desk#wharf-ra"
                          connection-definition-name="jakarta.jms.ConnectionFactory" transaction-support="XATransaction"/>
                      <connector-resource jndi-name="java:app/jms/ComponentSignOnCF" pool-name="java:app/jms/ComponentSignOnPool"/>
                    </resources>""");
            ear.delete("META-INF/glassfish-resources.xml");
            ear.addAsManifestResource(new StringAsset(resources), "glassfish-resources.xml");
        }
        Path out = original.resolveSibling("security-test").resolve(original.getFileName());
        Files.createDirectories(out.getParent());
        ear.as(ZipExporter.class).exportTo(out.toFile(), true);
        return out;
    }

    private static String read(EnterpriseArchive ear, String path) throws IOException {
        try (InputStream in = ear.get(path).getAsset().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static boolean glassFish() {
        return Servers.current() == Servers.GLASSFISH;
    }

    /** The order desk's own connection factory, container-managed sign-on. */
    private static String orderDeskFactory() {
        return glassFish() ? "java:app/jms/OrderDeskCF" : "java:/jms/WharfConnectionFactory";
    }

    /** A reference (res-auth Application) on which createConnection(user, password) signs on as that user. */
    private static String componentSignOnFactory() {
        return "java:comp/env/jms/ComponentSignOn";
    }

    private static String send(String factory, String user, String password, String queue) throws Exception {
        Map<String, String> query = new java.util.LinkedHashMap<>();
        query.put("cf", factory);
        if (user != null) {
            query.put("user", user);
            query.put("password", password);
        }
        query.put("queue", queue);
        return probe.get("send?" + query.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&")));
    }

    /** The warnings Wharf logged during the probe's call (its answer's last line). */
    private static String logged(String answer) {
        int at = answer.lastIndexOf("\nlogged: ");
        return at < 0 ? "" : answer.substring(at + "\nlogged: ".length());
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void assertOrderFlows(String why) throws Exception {
        String id = id("secured");
        api.placeOrder(id, 1, 0);
        api.await("orders/counts", body -> body.contains("\"" + id + "\":1"), "order " + id + " stored once " + why);
        api.await("audit", body -> body.contains(id), "order " + id + " audited " + why);
    }

    @Test
    @DisplayName("Connectors §9.1.8: with a realm, orders flow — the order desk's factory signs on container-managed, the MDBs as the adapter's user")
    void ordersFlowWithContainerManagedSignOn() throws Exception {
        assertOrderFlows("with security on");
        String answer = send(orderDeskFactory(), null, null, "probes");
        assertTrue(answer.startsWith("sent\n"), "createConnection() on the order desk's factory signs on as its"
                + " configured user: " + answer);
    }

    @Test
    @DisplayName("JMS 3.1 §6.1.2 / Connectors §9.1.8: a wrong password is refused at createConnection with JMSSecurityException and a log line, and the MDBs keep consuming")
    void wrongPasswordIsRefused() throws Exception {
        String answer = send(componentSignOnFactory(), "orderdesk", "not-the-password", "probes");
        assertTrue(answer.startsWith("refused at createConnection: jakarta.jms.JMSSecurityException"), answer);
        assertTrue(answer.contains("'orderdesk' could not be authenticated"), answer);
        assertFalse(answer.contains("not-the-password"), "the password is neither repeated nor logged: " + answer);
        assertTrue(logged(answer).contains("connection refused: user 'orderdesk' could not be authenticated"),
                "the refusal is logged: " + answer);
        if (glassFish()) {
            String pool = send("java:app/jms/WrongPasswordCF", null, null, "probes");
            assertTrue(pool.startsWith("refused at createConnection: jakarta.jms.JMSSecurityException"),
                    "a pool whose container-managed sign-on has a wrong password: " + pool);
        }
        assertOrderFlows("after the refusal");
    }

    @Test
    @DisplayName("a user without 'send' on orders is refused at send() with JMSSecurityException naming the grant, logged; its other grants work and the MDBs keep consuming")
    void userWithoutTheGrantIsRefusedAtSend() throws Exception {
        String answer = send(componentSignOnFactory(), "clerk", CLERK_PASSWORD, "orders");
        assertTrue(answer.startsWith("refused at send: jakarta.jms.JMSSecurityException"), answer);
        assertTrue(answer.contains("user 'clerk' may not send queue 'orders'"), answer);
        assertTrue(logged(answer).contains("denied: user 'clerk' may not send queue 'orders'"),
                "the refusal is logged: " + answer);
        assertTrue(send(componentSignOnFactory(), "clerk", CLERK_PASSWORD, "probes").startsWith("sent\n"),
                "the same user may send where a grant lets it");
        assertOrderFlows("after the refusal");
    }
}
