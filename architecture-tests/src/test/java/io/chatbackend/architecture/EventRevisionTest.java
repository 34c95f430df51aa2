package io.chatbackend.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every stored event type declares its revision (ADR 0029), so a change of its shape raises it and brings an
 * upcaster: the records named {@code *Event} in the event-sourced contexts' {@code command} packages.
 */
class EventRevisionTest {

    @Test
    void everyStoredEventTypeDeclaresItsRevision() {
        JavaClasses product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.chatbackend.message.command", "io.chatbackend.dialog.command");
        assertThat(product.stream().filter(type -> type.getSimpleName().endsWith("Event")).count())
                .as("the stored event types are on the class path of this check").isGreaterThan(10);
        ArchRule rule = classes().that().haveSimpleNameEndingWith("Event").and().areRecords()
                .should().beAnnotatedWith("org.axonframework.serialization.Revision")
                .because("a stored event's shape is versioned: a change raises the revision and adds an upcaster");
        rule.check(product);
    }
}
