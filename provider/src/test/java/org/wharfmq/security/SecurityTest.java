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

    private Path realmWith(String... extra) throws Exception {
        Path file = journal.directory().resolve("anonymous.properties");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(
                journal.directory().resolve("security.properties")));
        lines.addAll(List.of(extra));
        Files.write(file, lines);
        return file;
    }

    @Test
    @DisplayName("a realm that names an anonymous identity gives it to connections without credentials, with its grants only")
    void anonymousIdentityForConnectionsWithoutCredentials() throws Exception {
        factory.setSecurityFile(realmWith("anonymous = guest, readers", "consume.orders = readers").toString());
        Session alice = connect("alice", "alice-secret").createSession();
        alice.createProducer(new WharfQueue("orders")).send(alice.createTextMessage("for the guest"));
        Connection anonymous = journal.track(factory.createConnection());
        anonymous.start();
        Session guest = anonymous.createSession();
        assertEquals("for the guest", ((jakarta.jms.TextMessage) guest.createConsumer(new WharfQueue("orders"))
                .receive(5000)).getText());
        JMSSecurityException e = assertThrows(JMSSecurityException.class,
                () -> guest.createProducer(new WharfQueue("orders")).send(guest.createTextMessage("no")));
        assertTrue(e.getMessage().contains("user 'guest' may not send"), e.getMessage());
        journal.track(factory.createContext()).createConsumer(new WharfQueue("orders")).close();
        journal.track(factory.createConnection(null, null)).close();
        assertThrows(JMSSecurityException.class, () -> factory.createConnection("alice", "guess"),
                "an anonymous identity does not make wrong passwords pass");
    }

    @Test
    @DisplayName("an anonymous identity must not be a user with a password")
    void anonymousIdentityIsNotAUser() throws Exception {
        factory.setSecurityFile(realmWith("anonymous = alice").toString());
        JMSException e = assertThrows(JMSException.class, () -> factory.createConnection("bob", "bob-secret"));
        assertTrue(e.getMessage().contains("key 'anonymous'"), e.getMessage());
    }

    @Test
    @DisplayName("a verified password is remembered: the same credential connects again, a wrong one never matches")
    void repeatedSignOnIsRememberedButWrongPasswordsStillFail() throws Exception {
        for (int i = 0; i < 3; i++) {
            journal.track(factory.createConnection("alice", "alice-secret")).close();
            assertThrows(JMSSecurityException.class, () -> factory.createConnection("alice", "alice-secret "));
            assertThrows(JMSSecurityException.class, () -> factory.createConnection("alice", "bob-secret"));
            assertThrows(JMSSecurityException.class, () -> factory.createConnection("bob", "alice-secret"));
        }
    }

    @Test
    @DisplayName("a changed realm file forgets remembered passwords: the old password is refused at once")
    void changedRealmFileForgetsRememberedPasswords() throws Exception {
        journal.track(factory.createConnection("alice", "alice-secret")).close();
        Path file = journal.directory().resolve("security.properties");
        Files.write(file, List.of("user.alice = " + PasswordHash.hash("new-secret".toCharArray()) + ", producers"));
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 2000));
        assertThrows(JMSSecurityException.class, () -> factory.createConnection("alice", "alice-secret"));
        journal.track(factory.createConnection("alice", "new-secret")).close();
    }

    @Test
    @DisplayName("remembered credentials: an HMAC under a key of the realm's own, matching only the same user and password")
    void verifiedCredentialsMatchOnlyTheSameCredential() {
        VerifiedCredentials verified = new VerifiedCredentials();
        byte[] right = verified.mac("alice", "pw");
        assertFalse(verified.matches("alice", right), "nothing is remembered before a verification");
        verified.remember("alice", right);
        assertTrue(verified.matches("alice", verified.mac("alice", "pw")));
        assertFalse(verified.matches("alice", verified.mac("alice", "pW")));
        assertFalse(verified.matches("alic", verified.mac("alic", "epw")), "user and password are separated");
        assertFalse(new VerifiedCredentials().matches("alice", right), "another realm's key gives another HMAC");
        assertFalse(java.util.Arrays.equals(right, new VerifiedCredentials().mac("alice", "pw")));
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
