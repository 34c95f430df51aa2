package io.chatbackend.userclient;

import io.chatbackend.userclient.contract.NodeSession;
import io.chatbackend.userclient.contract.SessionChanges;
import io.chatbackend.userclient.contract.SessionChangesResult;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

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
    void aBatchOpensAndEndsSessionsOfSeveralUsersAndPresenceFollows() throws Exception {
        UUID ann = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        SessionChangesResult first = changes("node-b", List.of(new NodeSession("a1-" + ann, ann, "phone"),
                new NodeSession("a2-" + ann, ann, "laptop"), new NodeSession("b1-" + bob, bob, "phone"),
                new NodeSession("a1-" + ann, ann, "phone"), new NodeSession("x-" + ann, ann, "phone")),
                List.of("x-" + ann, "never-registered"));
        assertThat(first.registered()).as("in the order opened, once each; opened and ended means ended")
                .containsExactly("a1-" + ann, "a2-" + ann, "b1-" + bob);
        assertThat(first.revoked()).isEmpty();
        assertThat(first.conflicting()).isEmpty();
        JsonNode live = ok(call("GET", "/internal/users/" + ann + "/sessions", sessionsToken(), null), 200);
        assertThat(live).hasSize(2);
        assertThat(live.get(1).get("nodeId").asString()).isEqualTo("node-b");
        assertThat(online(ann)).isTrue();
        assertThat(online(bob)).isTrue();

        SessionChangesResult second = changes("node-b", List.of(new NodeSession("a1-" + ann, ann, "phone")),
                List.of("b1-" + bob, "a2-" + ann));
        assertThat(second.registered()).containsExactly("a1-" + ann);
        assertThat(ok(call("GET", "/internal/users/" + ann + "/sessions", sessionsToken(), null), 200)).hasSize(1);
        assertThat(ok(call("GET", "/internal/users/" + bob + "/sessions", sessionsToken(), null), 200)).isEmpty();
        assertThat(online(ann)).isTrue();
        assertThat(online(bob)).as("as when the last session ends with DELETE").isFalse();
        assertThat(jdbc.queryForObject("SELECT last_seen_at IS NOT NULL FROM presence WHERE user_id = ?",
                Boolean.class, bob)).isTrue();

        // the largest batch (1,000 users' sessions, the longest ids) in one call, then all of them ended in one call
        String node = "n".repeat(128);
        List<NodeSession> many = IntStream.range(0, SessionChanges.MAX_ENTRIES).mapToObj(i -> i + "-" + ann)
                .map(id -> new NodeSession("m".repeat(128 - id.length()) + id, UUID.randomUUID(), "d".repeat(128)))
                .toList();
        assertThat(changes(node, many, null).registered()).hasSize(SessionChanges.MAX_ENTRIES);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM live_session WHERE node_id = ? AND session_id LIKE ?",
                Integer.class, node, "%-" + ann)).isEqualTo(SessionChanges.MAX_ENTRIES);
        assertThat(changes(node, null, many.stream().map(NodeSession::sessionId).toList()).registered()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM live_session WHERE session_id LIKE ?", Integer.class,
                "%-" + ann)).isOne();
    }

    @Test
    void aBatchReportsRevokedDevicesAndConflictingIdsAndRegistersTheRest() throws Exception {
        UUID user = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        ok(register("old-" + user, user, "old", "node-1"), 201);
        ok(call("DELETE", "/api/v1/clients/old", IDENTITY.userToken(user, "phone"), null), 204);
        ok(register("taken-" + user, other, "phone", "node-1"), 201);

        SessionChangesResult result = changes("node-r", List.of(new NodeSession("r-" + user, user, "old"),
                new NodeSession("k-" + user, user, "phone"), new NodeSession("taken-" + user, user, "phone"),
                new NodeSession("o-" + other, other, "tablet")), null);
        assertThat(result.registered()).containsExactly("k-" + user, "o-" + other);
        assertThat(result.revoked()).containsExactly("r-" + user);
        assertThat(result.conflicting()).containsExactly("taken-" + user);
        JsonNode live = ok(call("GET", "/internal/users/" + user + "/sessions", sessionsToken(), null), 200);
        assertThat(live).hasSize(1);
        assertThat(live.get(0).get("sessionId").asString()).isEqualTo("k-" + user);
        JsonNode taken = ok(call("GET", "/internal/users/" + other + "/sessions", sessionsToken(), null), 200);
        assertThat(taken.get(0).get("sessionId").asString()).isEqualTo("taken-" + user);
        assertThat(taken.get(0).get("nodeId").asString()).as("left as it was").isEqualTo("node-1");
        assertThat(changes("node-r", List.of(new NodeSession("k-" + user, user, "laptop")), List.of()).conflicting())
                .as("same user, another device").containsExactly("k-" + user);
    }

    @Test
    void batchesOfTwoNodesOverTheSameUsersDoNotDeadlock() throws Exception {
        List<UUID> users = IntStream.range(0, 20).mapToObj(i -> UUID.randomUUID()).toList();
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        List<UUID> reversed = new ArrayList<>(users);
        Collections.reverse(reversed);
        for (String node : List.of("node-x", "node-y")) {
            List<UUID> order = node.equals("node-x") ? users : reversed;
            calls.add(CompletableFuture.supplyAsync(() -> {
                for (int round = 0; round < 5; round++) {
                    List<NodeSession> opened = order.stream().map(u -> new NodeSession(node + "-" + u, u, node))
                            .toList();
                    List<String> ended = opened.stream().map(NodeSession::sessionId).toList();
                    for (HttpResponse<String> response : List.of(changesCall(node, opened, null),
                            changesCall(node, List.of(), ended))) {
                        if (response.statusCode() != 200) {
                            return response.statusCode();
                        }
                    }
                }
                return 200;
            }));
        }
        for (CompletableFuture<Integer> call : calls) {
            assertThat(call.get()).isEqualTo(200);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM live_session WHERE user_id = ANY (?::uuid[])",
                Integer.class, "{" + String.join(",", users.stream().map(UUID::toString).toList()) + "}")).isZero();
    }

    @Test
    void aBatchWithBadInputChangesNothing() throws Exception {
        UUID user = UUID.randomUUID();
        String token = sessionsToken();
        String body = json.writeValueAsString(new SessionChanges("n", List.of(new NodeSession("s-" + user, user,
                "phone")), null));
        assertProblem(call("POST", "/internal/sessions/changes", IDENTITY.userToken(user, "phone"), body), 403,
                "FORBIDDEN");
        assertProblem(call("POST", "/internal/sessions/changes", null, body), 401, "UNAUTHENTICATED");

        List<NodeSession> good = IntStream.range(0, 600)
                .mapToObj(i -> new NodeSession(i + "-" + user, user, "phone")).toList();
        List<String> ended = IntStream.range(0, 401).mapToObj(i -> "e" + i).toList();
        assertProblem(changesCall("n", good, ended), 400, "VALIDATION_FAILED");
        assertProblem(changesCall(null, good.subList(0, 1), null), 400, "VALIDATION_FAILED");
        for (NodeSession bad : new NodeSession[]{new NodeSession("bad id", user, "phone"),
                new NodeSession("s", null, "phone"), new NodeSession("s", user, ""), null,
                new NodeSession("0-" + user, UUID.randomUUID(), "phone")}) {
            List<NodeSession> opened = new ArrayList<>(good.subList(0, 5));
            opened.add(bad);
            assertProblem(changesCall("n", opened, null), 400, "VALIDATION_FAILED");
        }
        assertProblem(changesCall("n", good.subList(0, 5), Arrays.asList("e", null)), 400,
                "VALIDATION_FAILED");
        assertProblem(call("POST", "/internal/sessions/changes", token, "{\"nodeId\":\"n\",\"opened\":[{"
                + "\"sessionId\":\"s\",\"userId\":\"nope\",\"deviceId\":\"d\"}]}"), 400, "MALFORMED_REQUEST");

        assertThat(jdbc.queryForObject("SELECT count(*) FROM live_session WHERE user_id = ?", Integer.class, user))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM device WHERE user_id = ?", Integer.class, user))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM presence WHERE user_id = ?", Integer.class, user))
                .isZero();
        SessionChangesResult empty = changes("n", null, null);
        assertThat(empty.registered()).isEmpty();
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

    private SessionChangesResult changes(String node, List<NodeSession> opened, List<String> ended) {
        return json.treeToValue(ok(changesCall(node, opened, ended), 200), SessionChangesResult.class);
    }

    private HttpResponse<String> changesCall(String node, List<NodeSession> opened, List<String> ended) {
        try {
            return call("POST", "/internal/sessions/changes", sessionsToken(),
                    json.writeValueAsString(new SessionChanges(node, opened, ended)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean online(UUID user) {
        return jdbc.queryForObject("SELECT online FROM presence WHERE user_id = ?", Boolean.class, user);
    }

    private HttpResponse<String> register(String sessionId, UUID user, String device, String node)
            throws Exception {
        return call("POST", "/internal/sessions", sessionsToken(), "{\"sessionId\":\"" + sessionId + "\",\"userId\":\""
                + user + "\",\"deviceId\":\"" + device + "\",\"nodeId\":\"" + node + "\"}");
    }
}
