package com.streambazaar.testkit.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

import java.util.ArrayList;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layering every service keeps, stated once: resources ({@code rest}) call services; services call repositories
 * and clients; event consumers ({@code event}) and socket endpoints ({@code ws}) call services; nothing below a
 * resource knows a resource; and no service's code uses another service's code (they meet at events and HTTP).
 * Each service module runs {@link #assertLayered(String)} in a test of its own.
 */
public final class ServiceLayering {

    /** The five services' root packages; a service may depend on none of the others. */
    public static final List<String> SERVICES = List.of("com.streambazaar.auth", "com.streambazaar.catalog",
            "com.streambazaar.session", "com.streambazaar.realtime", "com.streambazaar.analytics");

    private ServiceLayering() {
    }

    /** Fails with every violation in the service's main code below {@code basePackage}. */
    public static void assertLayered(String basePackage) {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
        rules(basePackage).check(classes);
    }

    /** The rules for one service (also checked against deliberately broken code in the test kit's own tests). */
    public static ArchRule rules(String basePackage) {
        String rest = basePackage + ".rest..";
        String service = basePackage + ".service..";
        String repository = basePackage + ".repository..";
        String event = basePackage + ".event..";
        String ws = basePackage + ".ws..";
        List<ArchRule> rules = new ArrayList<>(List.of(
                noClasses().that().resideInAPackage(rest)
                        .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                        .orShould().dependOnClassesThat().haveFullyQualifiedName("io.vertx.mutiny.sqlclient.Pool")
                        .as("resources reach data only through services, never a repository")
                        .allowEmptyShould(true),
                noClasses().that().resideInAnyPackage(service, repository, event, ws)
                        .should().dependOnClassesThat().resideInAPackage(rest)
                        .as("nothing below a resource knows a rest type").allowEmptyShould(true),
                noClasses().that().resideInAPackage(repository)
                        .should().dependOnClassesThat().resideInAnyPackage(service, event, ws)
                        .as("repositories know only the database").allowEmptyShould(true),
                noClasses().that().resideInAnyPackage(event, ws)
                        .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                        .as("event consumers and sockets reach data only through services").allowEmptyShould(true)));
        for (String other : SERVICES) {
            if (!other.equals(basePackage)) {
                rules.add(noClasses().that().resideInAPackage(basePackage + "..")
                        .should().dependOnClassesThat().resideInAPackage(other + "..")
                        .as("no code of " + basePackage + " uses " + other + " (services meet at events and HTTP)")
                        .allowEmptyShould(true));
            }
        }
        return CompositeArchRule.of(rules);
    }
}
