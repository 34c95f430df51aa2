package io.chatbackend.gateway;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Asserts that a response is one of the gateway's problem details (docs/architecture.md §5), and nothing more. */
final class ProblemAssert {

    private ProblemAssert() {
    }

    static JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JsonMapper.shared().readTree(response.body());
        assertThat(problem.propertyNames())
                .containsExactlyInAnyOrder("type", "title", "status", "detail", "code", "requestId");
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("code").asString()).isEqualTo(code);
        assertThat(problem.get("type").asString()).isEqualTo(
                "https://chat-backend.dev/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-'));
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank().doesNotContain("Exception", "\tat ");
        // the same id in the body and the header, so a client can quote either
        assertThat(problem.get("requestId").asString()).isNotBlank()
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElse(null));
        return problem;
    }
}
