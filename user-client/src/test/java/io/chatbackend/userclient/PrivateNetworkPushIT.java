package io.chatbackend.userclient;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code chat.user-client.push-allow-private-networks=true} (the local run, tests with receivers on loopback)
 * push URLs on private addresses and over http are accepted; the other rules still hold.
 */
@TestPropertySource(properties = "chat.user-client.push-allow-private-networks=true")
class PrivateNetworkPushIT extends UserClientIntegrationTest {

    @Test
    void loopbackAndHttpAreAllowedButAHostMustStillResolve() throws Exception {
        UUID me = UUID.randomUUID();
        String token = IDENTITY.userToken(me, "phone");
        JsonNode registered = ok(call("PUT", "/api/v1/clients/phone/push", token,
                "{\"url\":\"http://127.0.0.1:9/hook\"}"), 200);
        assertThat(registered.get("url").asString()).isEqualTo("http://127.0.0.1:9/hook");
        ok(call("PUT", "/api/v1/clients/phone/push", token, "{\"url\":\"https://169.254.169.254/x\"}"), 200);
        ok(call("PUT", "/api/v1/clients/phone/push", token, "{\"url\":\"http://localhost:8080/hook\"}"), 200);

        assertProblem(call("PUT", "/api/v1/clients/phone/push", token,
                "{\"url\":\"https://no-such-host.invalid/hook\"}"), 422, "PUSH_URL_NOT_ALLOWED");
        assertProblem(call("PUT", "/api/v1/clients/phone/push", token, "{\"url\":\"ftp://127.0.0.1/\"}"), 400,
                "VALIDATION_FAILED");
        JsonNode endpoints = ok(call("GET", "/internal/users/" + me + "/push-endpoints", sessionsToken(), null), 200);
        assertThat(endpoints.get(0).get("url").asString()).isEqualTo("http://localhost:8080/hook");
    }
}
