package io.chatbackend.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

class StrictJsonTest {

    enum Kind { DIRECT, GROUP }

    record Request(String title, long upToSeq, Integer limit, boolean flag, UUID id, Kind kind, List<String> names) {
    }

    private final JsonMapper json = StrictJson.apply(JsonMapper.builder()).build();

    @Test
    void readsValuesOfTheirOwnType() {
        Request request = json.readValue("""
                {"title":"t","upToSeq":7,"limit":3,"flag":true,"id":"%s","kind":"GROUP","names":["a"]}"""
                .formatted(new UUID(0, 1)), Request.class);
        assertThat(request.title()).isEqualTo("t");
        assertThat(request.upToSeq()).isEqualTo(7);
        assertThat(request.kind()).isEqualTo(Kind.GROUP);
    }

    @Test
    void refusesEveryOtherJsonTypeInsteadOfGuessing() {
        for (String body : List.of("{\"title\":5}", "{\"title\":5.5}", "{\"title\":true}", "{\"upToSeq\":\"7\"}",
                "{\"upToSeq\":7.5}", "{\"upToSeq\":null}", "{\"limit\":\"3\"}", "{\"flag\":\"true\"}",
                "{\"flag\":1}", "{\"kind\":1}", "{\"upToSeq\":9223372036854775808}", "{\"unknown\":1}",
                "{\"names\":\"a\"}", "{\"id\":5}",
                "{\"title\":\"t\"} {\"title\":\"u\"}", "{\"title\":\"t\"} x")) {
            assertThatThrownBy(() -> json.readValue(body, Request.class)).as(body)
                    .isInstanceOf(JacksonException.class);
        }
    }
}
