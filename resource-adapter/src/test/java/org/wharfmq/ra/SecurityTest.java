package org.wharfmq.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.security.PasswordCredential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.security.auth.Subject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wharfmq.jms.WharfQueue;
import org.wharfmq.ra.support.TestBootstrapContext;
import org.wharfmq.ra.support.TestConnectionManager;
import org.wharfmq.ra.support.TestServer;
import org.wharfmq.security.PasswordHash;

/** The adapter with a security realm: the container's sign-on is authenticated, grants apply, refusals say so. */
class SecurityTest {

    @TempDir
    Path dir;

    private WharfResourceAdapter ra;
    private TestBootstrapContext bootstrap;
    private WharfManagedConnectionFactory mcf;
    private ConnectionFactory cf;
    private TestConnectionManager cm;

    @BeforeEach
    void deployWithARealm() throws Exception {
        Path realm = dir.resolve("security.properties");
        Files.write(realm, List.of(
                "user.app = " + PasswordHash.hash("app-secret".toCharArray()) + ", producers",
                "user.adapter = " + PasswordHash.hash("adapter-secret".toCharArray()) + ", consumers",
                "user.reader = " + PasswordHash.hash("reader-secret".toCharArray()) + ", consumers",
                "send.orders = producers",
                "consume.orders = consumers"));
        ra = TestServer.adapter("jdbc:h2:file:" + dir.resolve("journal").toAbsolutePath());
        // the adapter's own connections (the journal anchor, message-driven beans) sign on as 'adapter'
        ra.setSettings("securityFile=" + realm + ";user=adapter;password=adapter-secret");
        bootstrap = new TestBootstrapContext();
        ra.start(bootstrap);
        mcf = new WharfManagedConnectionFactory();
        mcf.setResourceAdapter(ra);
        cm = new TestConnectionManager(TestServer.transactionManager());
        cf = (ConnectionFactory) mcf.createConnectionFactory(cm);
    }

    @AfterEach
    void undeploy() throws Exception {
        cm.destroyAll();
        ra.stop();
        assertTrue(bootstrap.threadPool().shutdown());
        TestServer.assertNoWharfThreads();
    }

    private static Subject signOn(WharfManagedConnectionFactory mcf, String user, String password) {
        PasswordCredential pc = new PasswordCredential(user, password.toCharArray());
        pc.setManagedConnectionFactory(mcf);
        Subject s = new Subject();
        s.getPrivateCredentials().add(pc);
        return s;
    }

    @Test
    @DisplayName("Connectors §9.1.8: a container-managed sign-on with the right password gets a connection; a wrong one is a SecurityException")
    void containerSignOnIsAuthenticated() throws Exception {
        ManagedConnection mc = mcf.createManagedConnection(signOn(mcf, "app", "app-secret"), null);
        mc.destroy();
        jakarta.resource.spi.SecurityException e = assertThrows(jakarta.resource.spi.SecurityException.class,
                () -> mcf.createManagedConnection(signOn(mcf, "app", "guess-1234"), null));
        assertTrue(e.getMessage().contains("'app' could not be authenticated"), e.getMessage());
        assertTrue(!e.getMessage().contains("guess-1234"), "the password is not repeated");
    }

    @Test
    @DisplayName("component-managed sign-on: createConnection(user, password) is authenticated, and the user's grants apply")
    void componentSignOnAndGrants() throws Exception {
        try (Connection c = cf.createConnection("app", "app-secret")) {
            Session s = c.createSession();
            s.createProducer(new WharfQueue("orders")).send(s.createTextMessage("from app"));
        }
        assertThrows(JMSSecurityException.class, () -> cf.createConnection("app", "nope"));
        try (Connection c = cf.createConnection("reader", "reader-secret")) {
            Session s = c.createSession();
            assertThrows(JMSSecurityException.class,
                    () -> s.createProducer(new WharfQueue("orders")).send(s.createTextMessage("no grant")));
            c.start();
            TextMessage m = (TextMessage) s.createConsumer(new WharfQueue("orders")).receive(1000);
            assertEquals("from app", m.getText());
        }
    }

    @Test
    @DisplayName("a realm given as an option of journalUrl (?securityFile=...) turns security on, as on every entry point")
    void securityFileAsAnOptionOfTheJournalUrl() throws Exception {
        Path realm = dir.resolve("security.properties");
        WharfResourceAdapter other = TestServer.adapter("jdbc:h2:file:" + dir.resolve("other").toAbsolutePath()
                + "?securityFile=" + java.net.URLEncoder.encode(realm.toString(), java.nio.charset.StandardCharsets.UTF_8)
                + "&user=adapter&password=adapter-secret");
        TestBootstrapContext otherBootstrap = new TestBootstrapContext();
        other.start(otherBootstrap);
        try {
            WharfManagedConnectionFactory otherMcf = new WharfManagedConnectionFactory();
            otherMcf.setResourceAdapter(other);
            assertThrows(jakarta.resource.spi.SecurityException.class,
                    () -> otherMcf.createManagedConnection(signOn(otherMcf, "app", "guess-1234"), null));
            otherMcf.createManagedConnection(signOn(otherMcf, "app", "app-secret"), null).destroy();
        } finally {
            other.stop();
            assertTrue(otherBootstrap.threadPool().shutdown());
        }
    }

    @Test
    @DisplayName("a blank default user of the factory is no user (WildFly passes an unset ${wharf.ra.userName:} as \"\")")
    void blankDefaultUserIsNone() throws Exception {
        mcf.setUserName(" ");
        mcf.setPassword("");
        JMSSecurityException e = assertThrows(JMSSecurityException.class, () -> cf.createConnection());
        assertTrue(e.getMessage().startsWith("security is on"), e.getMessage());
        mcf.setUserName("app");
        mcf.setPassword("app-secret");
        cf.createConnection().close();
    }

    @Test
    @DisplayName("a Subject whose credential has no user (GlassFish's, for a pool without a principal) leaves sign-on to createConnection(user, password)")
    void credentialWithoutUserIsNoSignOn() throws Exception {
        Subject empty = signOn(mcf, "", "");
        mcf.createManagedConnection(empty, new WharfConnectionRequestInfo("app", "app-secret")).destroy();
        assertThrows(jakarta.resource.spi.SecurityException.class,
                () -> mcf.createManagedConnection(empty, new WharfConnectionRequestInfo("app", "guess-1234")));
    }
}
