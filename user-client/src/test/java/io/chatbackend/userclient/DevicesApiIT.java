package io.chatbackend.userclient;

import io.chatbackend.userclient.contract.DeviceRevoked;
import io.chatbackend.userclient.contract.UserClientTopics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/clients}: my devices, naming, revocation (with its event) and push endpoints. Push URLs name
 * 203.0.113.x (TEST-NET-3: a public address that needs no DNS and is never routed), because private networks are
 * not allowed here.
 */
class DevicesApiIT extends UserClientIntegrationTest {

    @Test
    void theCallingDeviceIsRegisteredImplicitlyAndOnlyUsedDevicesCanBeNamed() throws Exception {
        UUID me = UUID.randomUUID();
        String token = IDENTITY.userToken(me, "phone-1");
        JsonNode list = ok(call("GET", "/api/v1/clients", token, null), 200);
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("deviceId").asString()).isEqualTo("phone-1");
        assertThat(list.get(0).get("revoked").asBoolean()).isFalse();
        assertThat(list.get(0).get("pushEndpoint").isNull()).isTrue();
        assertThat(list.get(0).get("createdAt").asString()).isNotBlank();
        assertThat(list.get(0).get("lastSeenAt").asString()).isNotBlank();

        JsonNode named = ok(call("PUT", "/api/v1/clients/phone-1", token, "{\"name\":\"My phone\"}"), 200);
        assertThat(named.get("name").asString()).isEqualTo("My phone");
        assertProblem(call("PUT", "/api/v1/clients/laptop", token, "{\"name\":\"Laptop\"}"), 404,
                "CLIENT_NOT_FOUND");
        assertThat(ok(call("GET", "/api/v1/clients", token, null), 200)).as("naming created nothing").hasSize(1);
        ok(call("GET", "/api/v1/clients", IDENTITY.userToken(me, "laptop"), null), 200); // the laptop signs in
        ok(call("PUT", "/api/v1/clients/laptop", token, "{\"name\":\"Laptop\"}"), 200);
        ok(call("PUT", "/api/v1/clients/laptop", token, "{\"name\":\"Work laptop\"}"), 200);
        list = ok(call("GET", "/api/v1/clients", token, null), 200);
        assertThat(strings(list, "deviceId")).containsExactlyInAnyOrder("phone-1", "laptop");
        assertThat(strings(list, "name")).containsExactlyInAnyOrder("My phone", "Work laptop");

        // another user sees only their own devices
        JsonNode theirs = ok(call("GET", "/api/v1/clients", IDENTITY.userToken(UUID.randomUUID(), "x"), null), 200);
        assertThat(strings(theirs, "deviceId")).containsExactly("x");
    }

    @Test
    void revokingMarksTheDeviceEndsItsSessionsAndPublishesDeviceRevokedOnce() throws Exception {
        UUID me = UUID.randomUUID();
        String token = IDENTITY.userToken(me, "desk");
        ok(call("GET", "/api/v1/clients", IDENTITY.userToken(me, "tablet"), null), 200); // the tablet signs in
        ok(call("POST", "/internal/sessions", sessionsToken(), "{\"sessionId\":\"s-" + me + "\",\"userId\":\"" + me
                + "\",\"deviceId\":\"tablet\",\"nodeId\":\"node-a\"}"), 201);

        assertThat(call("DELETE", "/api/v1/clients/tablet", token, null).statusCode()).isEqualTo(204);
        assertThat(call("DELETE", "/api/v1/clients/tablet", token, null).statusCode()).as("a no-op").isEqualTo(204);

        JsonNode tablet = device(ok(call("GET", "/api/v1/clients", token, null), 200), "tablet");
        assertThat(tablet.get("revoked").asBoolean()).isTrue();
        assertThat(ok(call("GET", "/internal/users/" + me + "/sessions", sessionsToken(), null), 200))
                .as("its sessions ended").isEmpty();
        assertProblem(call("POST", "/internal/sessions", sessionsToken(), "{\"sessionId\":\"s2-" + me
                + "\",\"userId\":\"" + me + "\",\"deviceId\":\"tablet\",\"nodeId\":\"node-a\"}"), 409,
                "CLIENT_REVOKED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE event_type = 'DeviceRevoked' "
                + "AND message_key = ?", Integer.class, me.toString())).as("published once").isEqualTo(1);

        List<ConsumerRecord<String, String>> published = records(UserClientTopics.USERS, me.toString(),
                Duration.ofSeconds(60), 1);
        assertThat(published).hasSize(1);
        JsonNode event = json.readTree(published.get(0).value());
        assertThat(publishedContractProblems(event)).isEmpty();
        assertThat(event.get("type").asString()).isEqualTo(DeviceRevoked.TYPE);
        assertThat(event.get("aggregateId").asString()).isEqualTo(me.toString());
        DeviceRevoked payload = json.treeToValue(event.get("payload"), DeviceRevoked.class);
        assertThat(payload.userId()).isEqualTo(me);
        assertThat(payload.deviceId()).isEqualTo("tablet");
        assertThat(payload.revokedAt()).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void anotherUsersDeviceIsNotFoundAndNothingChanges() throws Exception {
        UUID owner = UUID.randomUUID();
        String ownerToken = IDENTITY.userToken(owner, "owned");
        ok(call("PUT", "/api/v1/clients/owned/push", ownerToken, "{\"url\":\"https://203.0.113.10/owned\"}"), 200);
        String stranger = IDENTITY.userToken(UUID.randomUUID(), "other");

        assertProblem(call("DELETE", "/api/v1/clients/owned", stranger, null), 404, "CLIENT_NOT_FOUND");
        assertProblem(call("PUT", "/api/v1/clients/owned/push", stranger,
                "{\"url\":\"https://203.0.113.66/evil\"}"), 404, "CLIENT_NOT_FOUND");
        assertProblem(call("DELETE", "/api/v1/clients/owned/push", stranger, null), 404, "CLIENT_NOT_FOUND");

        JsonNode owned = device(ok(call("GET", "/api/v1/clients", ownerToken, null), 200), "owned");
        assertThat(owned.get("revoked").asBoolean()).isFalse();
        assertThat(owned.get("pushEndpoint").asString()).isEqualTo("https://203.0.113.10/owned");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE message_key = ?", Integer.class,
                owner.toString())).isZero();
    }

    @Test
    void aPushEndpointGetsANewSecretShownOnceAndIsListedForNotification() throws Exception {
        UUID me = UUID.randomUUID();
        String token = IDENTITY.userToken(me, "phone");
        JsonNode first = ok(call("PUT", "/api/v1/clients/phone/push", token,
                "{\"url\":\"https://203.0.113.10/a\"}"), 200);
        assertThat(first.get("url").asString()).isEqualTo("https://203.0.113.10/a");
        String secret = first.get("secret").asString();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
        JsonNode second = ok(call("PUT", "/api/v1/clients/phone/push", token,
                "{\"url\":\"https://203.0.113.10/b\"}"), 200);
        assertThat(second.get("secret").asString()).as("a new secret each time").isNotEqualTo(secret);
        assertThat(call("GET", "/api/v1/clients", token, null).body()).doesNotContain(secret)
                .doesNotContain(second.get("secret").asString());

        ok(call("PUT", "/api/v1/clients/old/push", token, "{\"url\":\"https://203.0.113.10/old\"}"), 404);
        ok(call("GET", "/api/v1/clients", IDENTITY.userToken(me, "old"), null), 200); // "old" signs in
        ok(call("PUT", "/api/v1/clients/old/push", token, "{\"url\":\"https://203.0.113.10/old\"}"), 200);
        ok(call("DELETE", "/api/v1/clients/old", token, null), 204);
        assertProblem(call("PUT", "/api/v1/clients/old/push", token, "{\"url\":\"https://203.0.113.10/x\"}"), 409,
                "CLIENT_REVOKED");

        JsonNode endpoints = ok(call("GET", "/internal/users/" + me + "/push-endpoints", sessionsToken(), null), 200);
        assertThat(endpoints).as("revoked devices are left out").hasSize(1);
        assertThat(endpoints.get(0).get("deviceId").asString()).isEqualTo("phone");
        assertThat(endpoints.get(0).get("url").asString()).isEqualTo("https://203.0.113.10/b");
        assertThat(endpoints.get(0).get("secret").asString()).isEqualTo(second.get("secret").asString());

        assertThat(call("DELETE", "/api/v1/clients/phone/push", token, null).statusCode()).isEqualTo(204);
        assertThat(ok(call("GET", "/internal/users/" + me + "/push-endpoints", sessionsToken(), null), 200))
                .isEmpty();
        assertProblem(call("GET", "/internal/users/" + me + "/push-endpoints", token, null), 403, "FORBIDDEN");
    }

    @Test
    void badInputIsRefusedWithProblemsAndChangesNothing() throws Exception {
        UUID me = UUID.randomUUID();
        String token = IDENTITY.userToken(me, "phone");
        ok(call("PUT", "/api/v1/clients/phone", token, "{\"name\":\"Phone\"}"), 200);
        String before = call("GET", "/api/v1/clients", token, null).body();

        assertProblem(call("PUT", "/api/v1/clients/phone", token, "{\"name\":\"\"}"), 400, "VALIDATION_FAILED");
        assertProblem(call("PUT", "/api/v1/clients/phone", token, "{\"name\":\"" + "n".repeat(129) + "\"}"), 400,
                "VALIDATION_FAILED");
        assertProblem(call("PUT", "/api/v1/clients/phone", token, "{\"name\":\"x\",\"admin\":true}"), 400,
                "MALFORMED_REQUEST");
        assertProblem(call("PUT", "/api/v1/clients/phone", token, "{\"name\":"), 400, "MALFORMED_REQUEST");
        assertProblem(call("PUT", "/api/v1/clients/bad%20id", token, "{\"name\":\"x\"}"), 400, "VALIDATION_FAILED");
        assertProblem(call("PUT", "/api/v1/clients/" + "d".repeat(129), token, "{\"name\":\"x\"}"), 400,
                "VALIDATION_FAILED");
        for (String url : List.of("ftp://push.example/x", "/relative", "https://user:pw@push.example/",
                "not a url", "https://" + "h".repeat(2050) + ".example")) {
            assertProblem(call("PUT", "/api/v1/clients/phone/push", token, "{\"url\":\"" + url + "\"}"), 400,
                    "VALIDATION_FAILED");
        }
        assertProblem(call("PUT", "/api/v1/clients/phone/push", token, "{\"url\":null}"), 400, "VALIDATION_FAILED");
        assertProblem(call("PUT", "/api/v1/clients/phone/push", token, "{\"url\":5,\"x\":1}"), 400,
                "MALFORMED_REQUEST");
        assertProblem(call("GET", "/api/v1/clients", IDENTITY.serviceToken("notification", "sessions"), null), 403,
                "FORBIDDEN");
        assertProblem(call("GET", "/api/v1/clients", null, null), 401, "UNAUTHENTICATED");

        assertThat(call("GET", "/api/v1/clients", token, null).body()).isEqualTo(before);
    }

    @Test
    void pushUrlsOnInternalAddressesAreRefusedWith422AndNothingIsStored() throws Exception {
        UUID me = UUID.randomUUID();
        String token = IDENTITY.userToken(me, "phone");
        ok(call("PUT", "/api/v1/clients/phone/push", token, "{\"url\":\"https://203.0.113.10/mine\"}"), 200);
        String before = call("GET", "/internal/users/" + me + "/push-endpoints", sessionsToken(), null).body();

        for (String url : List.of("https://127.0.0.1/hook", "https://localhost:8443/hook", "https://[::1]/hook",
                "https://[::ffff:127.0.0.1]/hook", "https://169.254.169.254/latest/meta-data/",
                "https://10.0.0.5/hook", "https://172.16.3.4/hook", "https://192.168.1.1/hook",
                "https://[fd00::1]/hook", "https://[fe80::1]/hook", "https://100.64.0.1/hook", "https://0.0.0.0/hook",
                "https://224.0.0.1/hook", "http://203.0.113.10/plain-http", "https://no-such-host.invalid/hook")) {
            assertProblem(call("PUT", "/api/v1/clients/phone/push", token, "{\"url\":\"" + url + "\"}"), 422,
                    "PUSH_URL_NOT_ALLOWED");
        }
        assertThat(call("GET", "/internal/users/" + me + "/push-endpoints", sessionsToken(), null).body())
                .as("the endpoint and its secret are unchanged").isEqualTo(before);
    }

    private static List<String> strings(JsonNode list, String field) {
        List<String> values = new java.util.ArrayList<>();
        list.forEach(item -> values.add(item.get(field).asString()));
        return values;
    }

    private static JsonNode device(JsonNode list, String deviceId) {
        for (JsonNode device : list) {
            if (device.get("deviceId").asString().equals(deviceId)) {
                return device;
            }
        }
        throw new AssertionError("no device " + deviceId + " in " + list);
    }
}
