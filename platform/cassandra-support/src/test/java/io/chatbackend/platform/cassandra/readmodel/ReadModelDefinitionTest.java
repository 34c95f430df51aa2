package io.chatbackend.platform.cassandra.readmodel;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Names and templates are checked up front, so a bad definition fails at start, not in the middle of a rebuild. */
class ReadModelDefinitionTest {

    @Test
    void physicalNamesCarryTheEpoch() {
        ReadModelDefinition definition = ToyModel.definition();
        assertThat(ReadModelDefinition.physicalTable("items", 3)).isEqualTo("items_e3");
        assertThat(definition.createStatement("totals", "totals_e3"))
                .isEqualTo("CREATE TABLE totals_e3 (owner text PRIMARY KEY, items int, last_body text)");
        assertThat(definition.tables().keySet()).containsExactly("items", "totals");
    }

    @Test
    void refusesBadNamesAndTemplates() {
        assertThatThrownBy(() -> new ReadModelDefinition("Timeline", Map.of("t", "CREATE TABLE %s (k int PRIMARY KEY)")))
                .hasMessageContaining("read model name");
        assertThatThrownBy(() -> new ReadModelDefinition("timeline", Map.of("t-1", "CREATE TABLE %s (k int PRIMARY KEY)")))
                .hasMessageContaining("logical table name");
        assertThatThrownBy(() -> new ReadModelDefinition("timeline", Map.of("t", "CREATE TABLE t (k int PRIMARY KEY)")))
                .hasMessageContaining("%s");
        assertThatThrownBy(() -> new ReadModelDefinition("timeline", Map.of())).hasMessageContaining("no tables");
    }
}
