package org.wharfmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSSecurityException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wharfmq.jndi.WharfInitialContextFactory;
import org.wharfmq.jndi.WharfObjectFactory;
import org.wharfmq.security.PasswordHash;
import org.wharfmq.support.WharfJournal;

/**
 * Settings written after {@code ?} in a journal URL mean the same on every entry point: the constructor, the
 * setter, the settings map, JNDI and a JNDI Reference. The realm file is the case that matters most: dropped in
 * silence, it would leave security off and let a wrong password connect.
 */
class JournalUrlOptionsTest {

    @RegisterExtension
    final WharfJournal journal = new WharfJournal();

    private String securedUrl;

    @BeforeEach
    void realm() throws Exception {
        Path realm = journal.directory().resolve("realm.properties");
        Files.write(realm, List.of("user.alice = " + PasswordHash.hash("alice-secret".toCharArray()) + ", producers",
                "send.orders = producers"));
        securedUrl = journal.url() + "?securityFile=" + URLEncoder.encode(realm.toString(), StandardCharsets.UTF_8)
                + "&engineLingerMillis=0";
    }

    private void assertSecured(ConnectionFactory f) throws Exception {
        assertThrows(JMSSecurityException.class, () -> f.createConnection("alice", "wrong"), "a wrong password");
        assertThrows(JMSSecurityException.class, f::createConnection, "no credentials");
        journal.track(f.createConnection("alice", "alice-secret")).close();
    }

    @Test
    @DisplayName("new WharfConnectionFactory(url?securityFile=...) turns security on")
    void constructor() throws Exception {
        WharfConnectionFactory f = new WharfConnectionFactory(securedUrl);
        assertEquals(journal.url(), f.getJournalUrl(), "the JDBC URL without the options");
        assertSecured(f);
    }

    @Test
    @DisplayName("setJournalUrl(url?securityFile=...) turns security on")
    void setter() throws Exception {
        WharfConnectionFactory f = new WharfConnectionFactory();
        f.setJournalUrl(securedUrl);
        assertSecured(f);
    }

    @Test
    @DisplayName("the XA factory's constructor reads the options too")
    void xaConstructor() throws Exception {
        assertSecured(new WharfXAConnectionFactory(securedUrl));
    }

    @Test
    @DisplayName("a settings map whose journalUrl has options turns security on")
    void settingsMap() throws Exception {
        assertSecured(new WharfConnectionFactory(Map.of("journalUrl", securedUrl)));
    }

    @Test
    @DisplayName("JNDI connectionFactory.NAME=url?securityFile=... and its Reference turn security on")
    void jndiAndReference() throws Exception {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, WharfInitialContextFactory.class.getName());
        env.put("connectionFactory.cf", securedUrl);
        env.put("xaConnectionFactory.xa", securedUrl);
        InitialContext ctx = new InitialContext(env);
        WharfConnectionFactory f = (WharfConnectionFactory) ctx.lookup("cf");
        assertSecured(f);
        assertSecured((ConnectionFactory) ctx.lookup("xa"));
        assertSecured((ConnectionFactory) new WharfObjectFactory().getObjectInstance(f.getReference(), null, null, null));
    }

    @Test
    @DisplayName("an unknown option is refused, naming it; so is a setting given in the URL and on its own with another value")
    void unknownAndConflictingOptionsAreRefused() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> new WharfConnectionFactory(journal.url() + "?securityfile=x"));
        assertTrue(unknown.getMessage().contains("'securityfile'"), unknown.getMessage());
        WharfConnectionFactory f = new WharfConnectionFactory(securedUrl);
        IllegalArgumentException conflict = assertThrows(IllegalArgumentException.class, () -> f.setSecurityFile(""));
        assertTrue(conflict.getMessage().contains("'securityFile'") && conflict.getMessage().contains("twice"),
                conflict.getMessage());
        IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class,
                () -> new WharfConnectionFactory(journal.url() + "?securityFile"));
        assertTrue(malformed.getMessage().contains("'securityFile'"), malformed.getMessage());
        NamingException jndi = assertThrows(NamingException.class, () -> {
            Hashtable<String, String> env = new Hashtable<>();
            env.put(Context.INITIAL_CONTEXT_FACTORY, WharfInitialContextFactory.class.getName());
            env.put("connectionFactory.cf", journal.url() + "?securityfile=x");
            new InitialContext(env);
        });
        assertTrue(jndi.getMessage().contains("connectionFactory.cf") && jndi.getMessage().contains("securityfile"),
                jndi.getMessage());
    }
}
