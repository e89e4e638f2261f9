package org.wharfmq.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/architecture.md, as rules on the compiled provider: the facade over the engine over the
 * journal, the selector language beside them. A change that reaches across a layer fails here, naming the
 * classes and the dependency.
 */
class LayersTest {

    private static JavaClasses provider;

    @BeforeAll
    static void importProvider() {
        provider = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.wharfmq");
    }

    @Test
    @DisplayName("the engine knows no JMS types: it imports nothing of jakarta.jms")
    void engineImportsNoJms() {
        noClasses().that().resideInAPackage("org.wharfmq.engine..").should().dependOnClassesThat()
                .resideInAPackage("jakarta.jms..").check(provider);
    }

    @Test
    @DisplayName("the journals (SQL and durability: the local one and the shared one) know neither JMS nor the facade")
    void journalImportsNeitherJmsNorTheFacade() {
        noClasses().that().resideInAnyPackage("org.wharfmq.journal..", "org.wharfmq.shared..").should()
                .dependOnClassesThat().resideInAnyPackage("jakarta.jms..", "org.wharfmq.jms..", "org.wharfmq.jndi..",
                        "org.wharfmq.engine..").check(provider);
    }

    @Test
    @DisplayName("the engine reaches its store only through the store SPI: it imports no store's classes (journal, shared)")
    void engineKnowsOnlyTheStoreSpi() {
        noClasses().that().resideInAPackage("org.wharfmq.engine..").should().dependOnClassesThat()
                .resideInAnyPackage("org.wharfmq.journal..", "org.wharfmq.shared..").check(provider);
    }

    @Test
    @DisplayName("the store SPI knows neither JMS, the engine nor any store")
    void storeSpiStandsAlone() {
        noClasses().that().resideInAPackage("org.wharfmq.store..").should().dependOnClassesThat()
                .resideInAnyPackage("jakarta.jms..", "org.wharfmq.jms..", "org.wharfmq.engine..", "org.wharfmq.journal..",
                        "org.wharfmq.shared..").check(provider);
    }

    @Test
    @DisplayName("the facade reaches the journals only through the engine")
    void facadeImportsNoJournal() {
        noClasses().that().resideInAnyPackage("org.wharfmq.jms..", "org.wharfmq.jndi..").should()
                .dependOnClassesThat().resideInAnyPackage("org.wharfmq.journal..", "org.wharfmq.shared..")
                .check(provider);
    }

    @Test
    @DisplayName("the engine does not call up into the facade, JNDI or management")
    void engineDoesNotCallUp() {
        noClasses().that().resideInAnyPackage("org.wharfmq.engine..", "org.wharfmq.journal..").should()
                .dependOnClassesThat().resideInAnyPackage("org.wharfmq.jms..", "org.wharfmq.jndi..",
                        "org.wharfmq.management..", "org.wharfmq.security..").check(provider);
    }

    @Test
    @DisplayName("the selector language stands alone")
    void selectorStandsAlone() {
        noClasses().that().resideInAPackage("org.wharfmq.selector..").should().dependOnClassesThat()
                .resideInAnyPackage("org.wharfmq.jms..", "org.wharfmq.engine..", "org.wharfmq.journal..",
                        "jakarta.jms..").check(provider);
    }

    /**
     * The facade is {@code jms}, {@code jms.message} and {@code jndi} (docs/architecture.md), with
     * {@code management}: the operators' view is registered through the facade's engine hooks and shows stored
     * messages through the facade's codec. Every other top-level package is a slice of its own.
     */
    private static final SliceAssignment LAYERS = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String p = javaClass.getPackageName();
            if (!p.startsWith("org.wharfmq.")) {
                return SliceIdentifier.ignore();
            }
            String top = p.substring("org.wharfmq.".length()).split("\\.")[0];
            return SliceIdentifier.of(switch (top) {
                case "jms", "jndi", "management" -> "facade";
                default -> top;
            });
        }

        @Override
        public String getDescription() {
            return "the facade (jms, jndi, management) and each other package of org.wharfmq";
        }
    };

    @Test
    @DisplayName("no cycles between the layers and the packages beside them")
    void noPackageCycles() {
        slices().assignedFrom(LAYERS).should().beFreeOfCycles().check(provider);
    }
}
