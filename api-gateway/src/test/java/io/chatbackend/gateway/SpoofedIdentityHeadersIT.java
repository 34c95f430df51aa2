package io.chatbackend.gateway;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Headers that claim an identity never reach a context; the token is forwarded for the context to check again. */
class SpoofedIdentityHeadersIT extends GatewayIntegrationTest {

    @Test
    void identityHeadersAreStrippedAndOthersKept() {
        String requestId = newRequestId();
        String token = TOKENS.validToken(newUserId());
        HttpResponse<String> response = gateway().send(gateway().request("/api/v1/dialogs")
                .header("Authorization", "Bearer " + token)
                .header("X-Request-Id", requestId)
                .header("X-User-Id", "00000000-0000-0000-0000-000000000001")
                .header("x-user-roles", "ADMIN")
                .header("X-Auth-Subject", "admin")
                .header("X-Roles", "ADMIN")
                .header("X-Device-Id", "d1")
                .header("X-Forwarded-User", "admin")
                .header("X-Principal", "admin")
                .header("X-Principal-Name", "admin")
                .header("Idempotency-Key", "k-1")
                .header("X-Custom-Trace", "kept"));
        assertThat(response.statusCode()).isEqualTo(200);

        StandInContext.SeenRequest seen = CONTEXTS.get("dialog-domain").seen(requestId);
        assertThat(seen.headers().keySet()).noneMatch(name -> name.startsWith("x-user-")
                || name.startsWith("x-auth-") || name.startsWith("x-roles") || name.startsWith("x-device-")
                || name.startsWith("x-forwarded-user") || name.startsWith("x-principal"));
        assertThat(seen.header("Authorization")).isEqualTo("Bearer " + token);
        assertThat(seen.header("Idempotency-Key")).isEqualTo("k-1");
        assertThat(seen.header("X-Custom-Trace")).isEqualTo("kept");
        assertThat(seen.header("X-Request-Id")).isEqualTo(requestId);
    }

    @Test
    void identityHeadersAreStrippedOnPublicPathsToo() {
        String requestId = newRequestId();
        gateway().send(gateway().request("/api/v1/auth/login")
                .header("X-Request-Id", requestId).header("X-User-Id", "someone"));
        StandInContext.SeenRequest seen = CONTEXTS.get("uaa").seen(requestId);
        assertThat(seen).isNotNull();
        assertThat(seen.header("X-User-Id")).isNull();
    }

    @Test
    void contextsLearnTheClientAddressTheGatewaySawNeverOneTheClientClaimed() {
        String requestId = newRequestId();
        gateway().send(gateway().request("/api/v1/auth/login")
                .header("X-Request-Id", requestId)
                .header("X-Forwarded-For", "203.0.113.7")
                .header("X-Forwarded-Host", "evil.example")
                .header("X-Real-IP", "203.0.113.8"));
        StandInContext.SeenRequest seen = CONTEXTS.get("uaa").seen(requestId);
        assertThat(seen.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        // the public origin is the configured one (chat.public-url), never the one a client names
        assertThat(seen.header("X-Forwarded-Host")).isEqualTo("127.0.0.1:8080");
        assertThat(seen.header("X-Forwarded-Port")).isEqualTo("8080");
        assertThat(seen.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(seen.header("X-Real-IP")).isNull();
        assertThat(seen.header("Forwarded")).isNull();
    }
}
