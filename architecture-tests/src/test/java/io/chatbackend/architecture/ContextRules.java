package io.chatbackend.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The dependency rules between bounded contexts and the platform, parameterised by root package so the same
 * rules run against the product and against a fixture that breaks them on purpose.
 */
final class ContextRules {

    /** A context may use another context only through its published contract package. */
    static final String CONTRACT_PACKAGE = "contract";

    private ContextRules() {
    }

    static List<ArchRule> rules(String rootPackage, Set<String> contexts, String platformPackage) {
        List<ArchRule> rules = new ArrayList<>();
        for (String context : contexts) {
            for (String other : contexts) {
                if (other.equals(context)) {
                    continue;
                }
                String otherRoot = rootPackage + "." + other;
                rules.add(noClasses().that().resideInAPackage(rootPackage + "." + context + "..")
                        .should().dependOnClassesThat(insideButNotContract(otherRoot))
                        .as("context '" + context + "' uses context '" + other + "' only through "
                                + otherRoot + "." + CONTRACT_PACKAGE)
                        .allowEmptyShould(true));
            }
        }
        String[] contextPackages = contexts.stream().map(context -> rootPackage + "." + context + "..")
                .toArray(String[]::new);
        rules.add(noClasses().that().resideInAPackage(platformPackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(contextPackages)
                .as("platform code knows nothing of the chat contexts")
                .allowEmptyShould(true));
        return rules;
    }

    static void check(JavaClasses classes, String rootPackage, Set<String> contexts, String platformPackage) {
        List<String> failures = new ArrayList<>();
        for (ArchRule rule : rules(rootPackage, contexts, platformPackage)) {
            var result = rule.evaluate(classes);
            if (result.hasViolation()) {
                failures.add(result.getFailureReport().toString());
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n", failures));
        }
    }

    private static DescribedPredicate<JavaClass> insideButNotContract(String contextRoot) {
        return DescribedPredicate.describe("reside in " + contextRoot + " outside its contract",
                javaClass -> {
                    String name = javaClass.getPackageName();
                    boolean inside = name.equals(contextRoot) || name.startsWith(contextRoot + ".");
                    boolean contract = name.equals(contextRoot + "." + CONTRACT_PACKAGE)
                            || name.startsWith(contextRoot + "." + CONTRACT_PACKAGE + ".");
                    return inside && !contract;
                });
    }
}
