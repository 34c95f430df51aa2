package io.chatbackend.platform.events.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ContractCompatibilityTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void addedMembersBreakNoEarlierReader() {
        assertThat(ContractCompatibility.breaks(json("{\"a\":1,\"b\":{\"c\":\"x\"}}"),
                json("{\"a\":2,\"b\":{\"c\":\"y\",\"d\":true},\"e\":[1]}"))).isEmpty();
        assertThat(ContractCompatibility.additions(json("{\"a\":1}"), json("{\"a\":2,\"e\":[1]}")))
                .containsExactly("/e");
    }

    @Test
    void aRemovedARetypedAndAFlattenedMemberEachBreakEarlierReaders() {
        assertThat(ContractCompatibility.breaks(json("{\"a\":1,\"b\":{\"c\":\"x\"},\"f\":true}"),
                json("{\"a\":\"1\",\"b\":\"x\"}"))).containsExactly("/a retyped from NUMBER to STRING",
                "/b/c removed (was STRING)", "/f removed (was BOOLEAN)");
    }

    @Test
    void nullMatchesAnyTypeSinceItIsHowAnOptionalMemberIsAbsent() {
        assertThat(ContractCompatibility.breaks(json("{\"a\":null,\"b\":\"x\"}"), json("{\"a\":3,\"b\":null}")))
                .isEmpty();
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
