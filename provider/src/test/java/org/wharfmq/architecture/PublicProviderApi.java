package org.wharfmq.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The rule every module built on the provider keeps (the resource adapter, the CLI, the console, CDI): it uses the
 * provider's public API — the facade ({@code org.wharfmq.jms}, {@code .jndi}), the settings, the MXBeans,
 * the security realm — and never the engine, the journal or the selector language, so that those can change
 * behind the facade (a store seam, another journal) without breaking the modules above.
 */
public final class PublicProviderApi {

    private PublicProviderApi() {
    }

    /** Fails, naming each dependency, if a class of {@code rootPackage} (its main code) reaches behind the facade. */
    public static void check(String rootPackage) {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
        noClasses().that().resideInAPackage(rootPackage + "..").should().dependOnClassesThat()
                .resideInAnyPackage("org.wharfmq.engine..", "org.wharfmq.journal..", "org.wharfmq.selector..")
                .because("the modules above the provider use its public API only (docs/architecture.md)")
                .check(classes);
    }
}
