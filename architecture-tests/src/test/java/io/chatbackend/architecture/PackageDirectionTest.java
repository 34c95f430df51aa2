package io.chatbackend.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Inside a context, the packages under its root ({@code session}, {@code delivery}, {@code routing}, ...) depend on
 * each other in one direction only: a newcomer can read a package knowing only the ones below it, and test it
 * without the ones above. The fixture test proves the rule catches a cycle.
 */
class PackageDirectionTest {

    static SliceRule packagesDependInOneDirection(String contextRoot) {
        return slices().matching(contextRoot + ".(*)..").should().beFreeOfCycles()
                .as("the packages of " + contextRoot + " depend on each other in one direction");
    }

    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.chatbackend");

    @ParameterizedTest
    @ValueSource(strings = {"notification", "message", "dialog", "userclient", "uaa", "gateway"})
    void packagesOfEachContextDependInOneDirection(String context) {
        packagesDependInOneDirection("io.chatbackend." + context).check(PRODUCT);
    }

    @Test
    void theRuleCatchesADeliberateCycle() {
        JavaClasses fixture = new ClassFileImporter().importPackages("io.chatbackend.archfixture.cyclic");
        assertThatThrownBy(() -> packagesDependInOneDirection("io.chatbackend.archfixture.cyclic").check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected")
                .hasMessageContaining("Upstream")
                .hasMessageContaining("Downstream");
    }
}
