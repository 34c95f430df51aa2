package io.chatbackend.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Contexts never use each other's code (only published contracts), and platform modules never use a context.
 * The fixture test proves the rules catch a violation, so a green run here means something.
 */
class ContextIndependenceTest {

    static final Set<String> CONTEXTS = Set.of("uaa", "message", "dialog", "userclient", "notification", "gateway");

    @Test
    void contextsDependOnEachOtherOnlyThroughContracts() {
        JavaClasses product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.chatbackend");
        assertThat(product.stream().map(javaClass -> javaClass.getPackageName()))
                .as("every context's classes are on the class path of this check")
                .contains("io.chatbackend.uaa", "io.chatbackend.message", "io.chatbackend.dialog",
                        "io.chatbackend.userclient", "io.chatbackend.notification", "io.chatbackend.gateway");
        ContextRules.check(product, "io.chatbackend", CONTEXTS, "io.chatbackend.platform");
    }

    @Test
    void theRulesCatchADeliberateViolation() {
        JavaClasses fixture = new ClassFileImporter().importPackages("io.chatbackend.archfixture");
        assertThatThrownBy(() -> ContextRules.check(fixture, "io.chatbackend.archfixture", Set.of("alpha", "beta"),
                "io.chatbackend.archfixture.platform"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("AlphaService")
                .hasMessageContaining("BetaInternals")
                .hasMessageContaining("platform code knows nothing of the chat contexts")
                .message().as("using beta's published contract is allowed").doesNotContain("AlphaService.legal(");
    }
}
