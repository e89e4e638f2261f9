package org.wharfmq.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.jms.WharfConnectionFactory;
import org.wharfmq.jms.WharfQueue;
import org.wharfmq.jms.WharfTopic;
import org.wharfmq.support.WharfJournal;

/** Authentication and per-destination authorization (JMS 3.1 §6.1.4, JMSSecurityException). */
class SecurityTest {

    @RegisterExtension
    final WharfJournal journal = new WharfJournal();

    private WharfConnectionFactory factory;

    @BeforeEach
    void realm() throws Exception {
        Path file = journal.directory().resolve("security.properties");
        Files.write(file, List.of(
                "user.alice = " + PasswordHash.hash("alice-secret".toCharArray()) + ", producers",
                "user.bob = " + PasswordHash.hash("bob-secret".toCharArray()) + ", consumers, operators",
                "send.orders = producers",
                "send.billing.* = producers",
                "consume.orders = consumers",
                "consume.prices = consumers",
                "durable.prices = consumers",
                "browse.* = operators",
                "temporary = consumers"));
        factory = journal.factory();
        factory.setSecurityFile(file.toString());
    }

    private Connection connect(String user, String password) throws JMSException {
        Connection c = journal.track(factory.createConnection(user, password));
        c.start();
        return c;
    }

    @Test
    @DisplayName("a password hash is salted and matches only its password")
    void passwordHashes() {
        String a = PasswordHash.hash("pw".toCharArray());
        assertNotEquals(a, PasswordHash.hash("pw".toCharArray()), "two hashes of one password differ (salt)");
        assertTrue(PasswordHash.matches("pw".toCharArray(), a));
        assertFalse(PasswordHash.matches("Pw".toCharArray(), a));
        assertFalse(a.contains("pw"));
    }

    @Test
    @DisplayName("§6.1.4 a wrong password or an unknown user is refused with JMSSecurityException that does not repeat the password")
    void wrongPasswordIsRefused() {
        JMSSecurityException e = assertThrows(JMSSecurityException.class, () -> factory.createConnection("alice", "guess"));
        assertTrue(e.getMessage().contains("'alice' could not be authenticated"), e.getMessage());
        assertFalse(e.getMessage().contains("guess"));
        assertThrows(JMSSecurityException.class, () -> factory.createConnection("mallory", "x"));
        assertThrows(JMSSecurityRuntimeException.class, () -> factory.createContext("alice", "guess"));
    }

    @Test
    @DisplayName("with security on, a connection without a user is refused and says how to give one")
    void noUserIsRefused() {
        JMSSecurityException e = assertThrows(JMSSecurityException.class, () -> factory.createConnection());
        assertTrue(e.getMessage().contains("createConnection(user, password)"), e.getMessage());
    }

    @Test
    @DisplayName("a user sends only where a grant (name or prefix*) allows; a denied send stores nothing")
    void sendNeedsAGrant() throws Exception {
        Session alice = connect("alice", "alice-secret").createSession();
        alice.createProducer(new WharfQueue("orders")).send(alice.createTextMessage("ok"));
        alice.createProducer(new WharfQueue("billing.eu")).send(alice.createTextMessage("ok"));
        Session bob = connect("bob", "bob-secret").createSession();
        JMSSecurityException e = assertThrows(JMSSecurityException.class,
                () -> bob.createProducer(new WharfQueue("orders")).send(bob.createTextMessage("no")));
        assertTrue(e.getMessage().contains("user 'bob' may not send queue 'orders'"), e.getMessage());
        assertThrows(JMSSecurityException.class, () -> bob.createProducer(null)
                .send(new WharfQueue("billing.eu"), bob.createTextMessage("no")), "an anonymous producer is checked per send");
        assertEquals("ok", ((jakarta.jms.TextMessage) bob.createConsumer(new WharfQueue("orders")).receive(1000)).getText());
        assertEquals(null, bob.createConsumer(new WharfQueue("orders")).receiveNoWait(), "the denied send stored nothing");
    }

    @Test
    @DisplayName("consuming, browsing, durable subscriptions and temporary destinations each need their grant")
    void everyActionIsChecked() throws Exception {
        Session alice = connect("alice", "alice-secret").createSession();
        assertThrows(JMSSecurityException.class, () -> alice.createConsumer(new WharfQueue("orders")));
        assertThrows(JMSSecurityException.class, () -> alice.createBrowser(new WharfQueue("orders")));
        assertThrows(JMSSecurityException.class, () -> alice.createTemporaryQueue());
        Topic prices = new WharfTopic("prices");
        assertThrows(JMSSecurityException.class, () -> alice.createSharedDurableConsumer(prices, "s"));
        Session bob = connect("bob", "bob-secret").createSession();
        assertNotNull(bob.createBrowser(new WharfQueue("orders")));
        assertNotNull(bob.createSharedDurableConsumer(prices, "s"));
        assertNotNull(bob.createConsumer(bob.createTemporaryQueue()), "a temporary destination is its creator's");
        assertThrows(JMSSecurityException.class, () -> bob.createSharedDurableConsumer(new WharfTopic("news"), "n"));
    }

    @Test
    @DisplayName("the simplified API reports a denial as JMSSecurityRuntimeException")
    void simplifiedApiDenial() {
        JMSContext bob = journal.track(factory.createContext("bob", "bob-secret"));
        assertThrows(JMSSecurityRuntimeException.class,
                () -> bob.createProducer().send(new WharfQueue("orders"), "no"));
    }

    @Test
    @DisplayName("a realm file with a mistake is refused with the file and the key named")
    void badRealmFileNamesTheKey() throws Exception {
        Path bad = journal.directory().resolve("bad.properties");
        Files.write(bad, List.of("user.carol = plaintext-password", "send.orders = producers"));
        factory.setSecurityFile(bad.toString());
        JMSException e = assertThrows(JMSException.class, () -> factory.createConnection("carol", "x"));
        assertTrue(e.getMessage().contains("key 'user.carol'") && e.getMessage().contains(bad.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("plaintext-password"));
        Files.write(bad, List.of("sned.orders = producers"));
        e = assertThrows(JMSException.class, () -> factory.createConnection("carol", "x"));
        assertTrue(e.getMessage().contains("key 'sned.orders'"), e.getMessage());
    }

    @Test
    @DisplayName("the realm belongs to the engine: a factory without securityFile on the same journal cannot bypass it")
    void anotherFactoryCannotBypassTheRealm() throws Exception {
        connect("alice", "alice-secret");
        assertThrows(JMSSecurityException.class, () -> journal.factory().createConnection());
        assertThrows(JMSSecurityException.class, () -> journal.factory().createConnection("alice", "wrong"));
        journal.track(journal.factory().createConnection("alice", "alice-secret"));
    }

    @Test
    @DisplayName("security is off by default: any user and password connect")
    void offByDefault() throws Exception {
        journal.track(journal.factory().createConnection("anyone", "anything")).close();
    }

    @Test
    @DisplayName("the journal's files are readable by their owner only")
    void journalFilesAreOwnerOnly() throws Exception {
        Session alice = connect("alice", "alice-secret").createSession();
        alice.createProducer(new WharfQueue("orders")).send(alice.createTextMessage("x"));
        for (String name : List.of("journal.mv.db", "journal.redo")) {
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(journal.directory().resolve(name))), name);
        }
    }
}
