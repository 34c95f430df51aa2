package io.chatbackend.userclient;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The internal sessions registry, routing look-ups and delivery cursors (scope {@code sessions}). */
class SessionsApiIT extends UserClientIntegrationTest {

    @Test
    void registersListsExtendsAndEndsSessions() throws Exception {
        UUID user = UUID.randomUUID();
        JsonNode registered = ok(register("a-" + user, user, "phone", "node-1"), 201);
        assertThat(registered.get("nodeId").asString()).isEqualTo("node-1");
        Instant firstExpiry = Instant.parse(registered.get("expiresAt").asString());
        ok(register("b-" + user, user, "laptop", "node-2"), 201);
        ok(register("a-" + user, user, "phone", "node-1"), 201); // again: only the expiry moves

        JsonNode live = ok(call("GET", "/internal/users/" + user + "/sessions", sessionsToken(), null), 200);
        assertThat(live).hasSize(2);
        assertThat(live.get(0).get("sessionId").asString()).isEqualTo("a-" + user);
        assertThat(live.get(1).get("nodeId").asString()).isEqualTo("node-2");

        Thread.sleep(50);
        JsonNode beat = ok(call("POST", "/internal/sessions/heartbeat", sessionsToken(), "{\"nodeId\":\"node-1\","
                + "\"sessionIds\":[\"a-" + user + "\",\"b-" + user + "\",\"gone\"]}"), 200);
        assertThat(beat.get("extended").asInt()).as("only the node's own sessions").isEqualTo(1);
        assertThat(beat.get("unknown").toString()).contains("b-" + user).contains("gone")
                .doesNotContain("\"a-" + user);
        Instant extended = Instant.parse(ok(call("GET", "/internal/users/" + user + "/sessions", sessionsToken(),
                null), 200).get(0).get("expiresAt").asString());
        assertThat(extended).isAfter(firstExpiry);

        assertThat(call("DELETE", "/internal/sessions/a-" + user, sessionsToken(), null).statusCode()).isEqualTo(204);
        assertThat(call("DELETE", "/internal/sessions/a-" + user, sessionsToken(), null).statusCode()).isEqualTo(204);
        live = ok(call("GET", "/internal/users/" + user + "/sessions", sessionsToken(), null), 200);
        assertThat(live).hasSize(1);
        assertThat(live.get(0).get("sessionId").asString()).isEqualTo("b-" + user);

        // a session id is one user's: another user cannot take it over
        assertProblem(register("b-" + user, UUID.randomUUID(), "phone", "node-2"), 409, "SESSION_CONFLICT");
    }

    @Test
    void aCrashedNodesSessionsExpireThroughTheSweeperAndHeartbeatsKeepOthersAlive() throws Exception {
        UUID crashed = UUID.randomUUID();
        UUID alive = UUID.randomUUID();
        ok(register("c-" + crashed, crashed, "phone", "node-crashed"), 201);
        ok(register("k-" + alive, alive, "phone", "node-alive"), 201);
        Instant registeredAt = Instant.now();

        long deadline = System.nanoTime() + TTL.multipliedBy(3).toNanos();
        while (System.nanoTime() < deadline) {
            ok(call("POST", "/internal/sessions/heartbeat", sessionsToken(), "{\"nodeId\":\"node-alive\","
                    + "\"sessionIds\":[\"k-" + alive + "\"]}"), 200);
            Thread.sleep(500);
        }
        assertThat(ok(call("GET", "/internal/users/" + crashed + "/sessions", sessionsToken(), null), 200))
                .isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM live_session WHERE user_id = ?", Integer.class, crashed))
                .as("deleted by the sweeper, not just hidden").isZero();
        assertThat(ok(call("GET", "/internal/users/" + alive + "/sessions", sessionsToken(), null), 200)).hasSize(1);

        // the crashed user's presence went offline, last seen when the session expired
        Instant lastSeen = jdbc.queryForObject("SELECT last_seen_at FROM presence WHERE user_id = ? AND NOT online",
                java.sql.Timestamp.class, crashed).toInstant();
        assertThat(lastSeen).isAfter(registeredAt.plus(TTL).minusSeconds(1))
                .isBefore(registeredAt.plus(TTL).plusSeconds(2));
        // an expired session is not revived by a late heartbeat: the node learns it is unknown
        JsonNode late = ok(call("POST", "/internal/sessions/heartbeat", sessionsToken(), "{\"nodeId\":"
                + "\"node-crashed\",\"sessionIds\":[\"c-" + crashed + "\"]}"), 200);
        assertThat(late.get("extended").asInt()).isZero();
    }

    @Test
    void needsTheSessionsScopeAndRefusesBadInputWithoutChangingAnything() throws Exception {
        UUID user = UUID.randomUUID();
        String body = "{\"sessionId\":\"s-" + user + "\",\"userId\":\"" + user
                + "\",\"deviceId\":\"phone\",\"nodeId\":\"n\"}";
        assertProblem(call("POST", "/internal/sessions", IDENTITY.userToken(user, "phone"), body), 403, "FORBIDDEN");
        assertProblem(call("POST", "/internal/sessions", IDENTITY.serviceToken("dialog-domain", "users.read"), body),
                403, "FORBIDDEN");
        assertProblem(call("POST", "/internal/sessions", null, body), 401, "UNAUTHENTICATED");
        assertProblem(call("GET", "/internal/cursors/" + user + "/phone", IDENTITY.userToken(user, "phone"), null),
                403, "FORBIDDEN");

        String token = sessionsToken();
        assertProblem(call("POST", "/internal/sessions", token, "{\"sessionId\":\"s\",\"userId\":\"" + user
                + "\",\"deviceId\":\"bad device\",\"nodeId\":\"n\"}"), 400, "VALIDATION_FAILED");
        assertProblem(call("POST", "/internal/sessions", token, "{\"sessionId\":\"s\",\"deviceId\":\"d\","
                + "\"nodeId\":\"n\"}"), 400, "VALIDATION_FAILED");
        assertProblem(call("POST", "/internal/sessions", token, "{\"sessionId\":\"s\",\"userId\":\"not-a-uuid\","
                + "\"deviceId\":\"d\",\"nodeId\":\"n\"}"), 400, "MALFORMED_REQUEST");
        assertProblem(call("POST", "/internal/sessions", token, "{\"sessionId\":\"\",\"userId\":\"" + user
                + "\",\"deviceId\":\"d\",\"nodeId\":\"n\"}"), 400, "VALIDATION_FAILED");
        assertProblem(call("POST", "/internal/sessions", token, body.replace("}", ",\"extra\":1}")), 400,
                "MALFORMED_REQUEST");
        assertProblem(call("POST", "/internal/sessions/heartbeat", token, "{\"nodeId\":\"n\"}"), 400,
                "VALIDATION_FAILED");
        StringBuilder many = new StringBuilder("{\"nodeId\":\"n\",\"sessionIds\":[");
        for (int i = 0; i < 1001; i++) {
            many.append(i == 0 ? "" : ",").append('"').append(i).append('"');
        }
        assertProblem(call("POST", "/internal/sessions/heartbeat", token, many.append("]}").toString()), 400,
                "VALIDATION_FAILED");
        assertProblem(call("GET", "/internal/users/not-a-uuid/sessions", token, null), 400, "VALIDATION_FAILED");
        assertProblem(call("PUT", "/internal/cursors/" + user + "/phone/" + UUID.randomUUID(), token,
                "{\"upToSeq\":-1}"), 400, "VALIDATION_FAILED");
        assertProblem(call("PUT", "/internal/cursors/" + user + "/phone/" + UUID.randomUUID(), token, "{}"), 400,
                "VALIDATION_FAILED");
        assertProblem(call("PUT", "/internal/cursors/" + user + "/phone/nope", token, "{\"upToSeq\":1}"), 400,
                "VALIDATION_FAILED");

        assertThat(jdbc.queryForObject("SELECT count(*) FROM live_session WHERE user_id = ?", Integer.class, user))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM device WHERE user_id = ?", Integer.class, user))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM delivery_cursor WHERE user_id = ?", Integer.class, user))
                .isZero();
    }

    @Test
    void deliveryCursorsOnlyMoveForwardPerDeviceAndDialog() throws Exception {
        UUID user = UUID.randomUUID();
        UUID dialog = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        String token = sessionsToken();
        String path = "/internal/cursors/" + user + "/phone/";
        assertThat(ok(call("PUT", path + dialog, token, "{\"upToSeq\":5}"), 200).get("upToSeq").asLong())
                .isEqualTo(5);
        assertThat(ok(call("PUT", path + dialog, token, "{\"upToSeq\":3}"), 200).get("upToSeq").asLong())
                .as("never backwards").isEqualTo(5);
        assertThat(ok(call("PUT", path + dialog, token, "{\"upToSeq\":9}"), 200).get("upToSeq").asLong())
                .isEqualTo(9);
        ok(call("PUT", path + other, token, "{\"upToSeq\":0}"), 200);
        ok(call("PUT", "/internal/cursors/" + user + "/laptop/" + dialog, token, "{\"upToSeq\":2}"), 200);

        JsonNode cursors = ok(call("GET", "/internal/cursors/" + user + "/phone", token, null), 200);
        assertThat(cursors.size()).isEqualTo(2);
        assertThat(cursors.get(dialog.toString()).asLong()).isEqualTo(9);
        assertThat(cursors.get(other.toString()).asLong()).isZero();
        assertThat(ok(call("GET", "/internal/cursors/" + user + "/laptop", token, null), 200)
                .get(dialog.toString()).asLong()).isEqualTo(2);
        assertThat(ok(call("GET", "/internal/cursors/" + user + "/tablet", token, null), 200).size()).isZero();
    }

    private java.net.http.HttpResponse<String> register(String sessionId, UUID user, String device, String node)
            throws Exception {
        return call("POST", "/internal/sessions", sessionsToken(), "{\"sessionId\":\"" + sessionId + "\",\"userId\":\""
                + user + "\",\"deviceId\":\"" + device + "\",\"nodeId\":\"" + node + "\"}");
    }
}
