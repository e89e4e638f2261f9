package org.wharfmq.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.wharfmq.jms.WharfConnectionFactory;

/** Settings are validated in one place, and docs/configuration.md documents every one of them. */
class WharfSettingsTest {

    @Test
    @DisplayName("defaults are what the reference says")
    void defaults() {
        WharfSettings s = WharfSettings.from(Map.of());
        assertEquals(WharfSettings.DEFAULT_JOURNAL_URL, s.journalUrl());
        assertEquals(64L * 1024 * 1024, s.bodyCacheBytes());
        assertEquals(null, s.clientID());
    }

    @Test
    @DisplayName("an unknown setting or a bad value is refused with the property's name")
    void badSettingsNameTheProperty() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> WharfSettings.from(Map.of("journalURL", "x")));
        assertTrue(unknown.getMessage().contains("journalURL"));
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> new WharfConnectionFactory().setBodyCacheBytes(-1));
        assertTrue(negative.getMessage().contains("bodyCacheBytes"));
        assertThrows(IllegalArgumentException.class, () -> new WharfConnectionFactory().setJournalUrl(" "));
    }

    @Test
    @DisplayName("the journal URL's scheme chooses the store: one Wharf has no store for is refused, naming the setting")
    void storeIsChosenByTheUrlsScheme() {
        IllegalArgumentException mysql = assertThrows(IllegalArgumentException.class,
                () -> WharfSettings.from(Map.of("journalUrl", "jdbc:mysql://db/wharf")));
        assertTrue(mysql.getMessage().startsWith("setting 'journalUrl' must be an H2 JDBC URL"), mysql.getMessage());
        assertTrue(mysql.getMessage().contains("PostgreSQL JDBC URL"), mysql.getMessage());
        IllegalArgumentException path = assertThrows(IllegalArgumentException.class,
                () -> new WharfConnectionFactory().setJournalUrl("./data/journal"));
        assertTrue(path.getMessage().contains("setting 'journalUrl'"), path.getMessage());
        WharfSettings pg = WharfSettings.from(Map.of("journalUrl",
                "jdbc:postgresql://db/wharf?user=u&nodeLeaseSeconds=10&ssl=true&password=p%26q"));
        assertEquals("jdbc:postgresql://db/wharf?user=u&ssl=true&password=p%26q", pg.journalUrl(),
                "the driver's parameters (user and password among them) stay in the URL");
        assertEquals(10, pg.nodeLeaseSeconds());
        assertEquals(pg.journalUrl(), WharfSettings.from(pg.toMap()).journalUrl(), "the same URL from the settings' map");
        assertEquals("jdbc:H2:mem:x", WharfSettings.from(Map.of("journalUrl", "jdbc:H2:mem:x")).journalUrl());
    }

    @Test
    @DisplayName("docs/configuration.md documents every setting with its default")
    void referenceDocumentsEverySetting() throws Exception {
        Path doc = Path.of(System.getProperty("user.dir")).getParent().resolve("docs/configuration.md");
        String text = Files.readString(doc);
        for (WharfSettings.Property p : WharfSettings.PROPERTIES) {
            String row = "| `" + p.name() + "` | `" + p.defaultValue() + "` |";
            assertTrue(text.contains(row), "docs/configuration.md lacks the row starting " + row);
        }
    }
}
