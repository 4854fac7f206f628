package com.streambazaar.testkit.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layering rules catch a resource that calls a repository and a service that knows a rest type. */
class ServiceLayeringTest {

    private static final String BROKEN = "com.streambazaar.testkit.architecture.broken";

    @Test
    void aResourceCallingARepositoryAndAServiceKnowingARestTypeAreViolations() {
        JavaClasses classes = new ClassFileImporter().importPackages(BROKEN);
        EvaluationResult result = ServiceLayering.rules(BROKEN).evaluate(classes);
        assertTrue(result.hasViolation(), "the broken code must be caught");
        String report = String.join("\n", result.getFailureReport().getDetails());
        assertTrue(report.contains("ThingResource") && report.contains("ThingRepository"), report);
        assertTrue(report.contains("ThingService"), report);
    }

    @Test
    void codeThatKeepsTheLayersPasses() {
        JavaClasses classes = new ClassFileImporter().importPackages(BROKEN + ".repository");
        EvaluationResult result = ServiceLayering.rules(BROKEN).evaluate(classes);
        assertTrue(!result.hasViolation(), String.join("\n", result.getFailureReport().getDetails()));
    }
}
