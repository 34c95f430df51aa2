package io.chatbackend.userclient;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notification node registry (ADR 0013 "N nodes", scope {@code sessions}) on real PostgreSQL. Every test uses
 * its own node ids and its own partition count (claims are per topic layout), so the tests share the registry
 * without seeing each other's claims.
 */
class NotificationNodesIT extends UserClientIntegrationTest {

    @Test
    void registersRefreshesAndListsLiveNodes() throws Exception {
        String node = "node-" + UUID.randomUUID();
        int count = uniqueCount();
        JsonNode first = ok(put(node, "ws://10.0.0.7:8085/ws", count, "[2, 0, 2]"), 200);
        assertThat(first.get("nodeId").asString()).isEqualTo(node);
        assertThat(partitions(first)).as("ascending, without duplicates").containsExactly(0, 2);
        assertThat(first.get("partitionCount").asInt()).isEqualTo(count);
        Instant claimed = Instant.parse(first.get("claimedAt").asString());
        Instant expires = Instant.parse(first.get("expiresAt").asString());
        assertThat(expires).isAfter(claimed.plus(NODE_TTL).minusMillis(500));

        JsonNode again = ok(put(node, "wss://node-7.chat.example/ws", count, "[0, 2]"), 200);
        assertThat(Instant.parse(again.get("claimedAt").asString())).as("the same set: the claim keeps its time")
                .isEqualTo(claimed);
        assertThat(Instant.parse(again.get("expiresAt").asString())).isAfter(expires);

        JsonNode listed = mine(List.of(node));
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("wsUrl").asString()).isEqualTo("wss://node-7.chat.example/ws");
        assertThat(partitions(listed.get(0))).containsExactly(0, 2);

        // a node may hold nothing (more nodes than partitions)
        assertThat(partitions(ok(put(node, "ws://h/ws", count, "[]"), 200))).isEmpty();
        assertThat(partitions(mine(List.of(node)).get(0))).isEmpty();
    }

    @Test
    void aPartitionClaimedByTwoLiveNodesBelongsToTheMoreRecentClaim() throws Exception {
        String a = "a-" + UUID.randomUUID();
        String b = "b-" + UUID.randomUUID();
        int count = uniqueCount();
        ok(put(a, "ws://a/ws", count, "[0, 1]"), 200);
        ok(put(b, "ws://b/ws", count, "[1, 2]"), 200); // b got partition 1 in a rebalance a has not caught up with
        assertThat(owned(a, b)).containsExactly(List.of(0), List.of(1, 2));

        // a's heartbeat with its unchanged (stale) set does not take the partition back
        ok(put(a, "ws://a/ws", count, "[0, 1]"), 200);
        assertThat(owned(a, b)).containsExactly(List.of(0), List.of(1, 2));

        // a's next rebalance gives it partition 1 again: a new claim, more recent than b's
        ok(put(a, "ws://a/ws", count, "[0]"), 200);
        ok(put(a, "ws://a/ws", count, "[0, 1]"), 200);
        assertThat(owned(a, b)).containsExactly(List.of(0, 1), List.of(2));

        // a claim under another partition count (the topic grew) is about other partitions
        ok(put(b, "ws://b/ws", count + 1, "[0, 1]"), 200);
        assertThat(owned(a, b)).containsExactly(List.of(0, 1), List.of(0, 1));
    }

    @Test
    void aNodeThatStopsRegisteringExpiresIsIgnoredAndSwept() throws Exception {
        String crashed = "crashed-" + UUID.randomUUID();
        String alive = "alive-" + UUID.randomUUID();
        int count = uniqueCount();
        ok(put(alive, "ws://alive/ws", count, "[0]"), 200);
        ok(put(crashed, "ws://crashed/ws", count, "[0, 1]"), 200);
        assertThat(owned(alive, crashed)).containsExactly(List.of(), List.of(0, 1));

        long deadline = System.nanoTime() + NODE_TTL.multipliedBy(2).toNanos();
        while (System.nanoTime() < deadline) {
            ok(put(alive, "ws://alive/ws", count, "[0]"), 200); // the live node's heartbeat
            Thread.sleep(500);
        }
        JsonNode live = mine(List.of(alive, crashed));
        assertThat(live).hasSize(1);
        assertThat(live.get(0).get("nodeId").asString()).isEqualTo(alive);
        assertThat(partitions(live.get(0))).as("the expired claim no longer wins").containsExactly(0);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM notification_node WHERE node_id = ?", Integer.class,
                crashed)).as("deleted by a later registration's sweep, not just hidden").isZero();

        // a node that comes back after expiring makes a new claim
        ok(put(crashed, "ws://crashed/ws", count, "[0, 1]"), 200);
        assertThat(owned(alive, crashed)).containsExactly(List.of(), List.of(0, 1));
    }

    @Test
    void needsTheSessionsScopeAndRefusesBadInputWithoutChangingAnything() throws Exception {
        String node = "bad-" + UUID.randomUUID();
        String body = "{\"wsUrl\":\"ws://h/ws\",\"partitionCount\":3,\"partitions\":[0]}";
        UUID user = UUID.randomUUID();
        assertProblem(call("PUT", "/internal/nodes/" + node, IDENTITY.userToken(user, "phone"), body), 403,
                "FORBIDDEN");
        assertProblem(call("PUT", "/internal/nodes/" + node, IDENTITY.serviceToken("dialog-domain", "users.read"),
                body), 403, "FORBIDDEN");
        assertProblem(call("GET", "/internal/nodes", IDENTITY.userToken(user, "phone"), null), 403, "FORBIDDEN");
        assertProblem(call("PUT", "/internal/nodes/" + node, null, body), 401, "UNAUTHENTICATED");

        String token = sessionsToken();
        assertProblem(call("PUT", "/internal/nodes/bad%20node", token, body), 400, "VALIDATION_FAILED");
        List<String> invalid = List.of(
                "{\"partitionCount\":3,\"partitions\":[0]}",
                "{\"wsUrl\":\"http://h/ws\",\"partitionCount\":3,\"partitions\":[0]}",
                "{\"wsUrl\":\"ws://user:pw@h/ws\",\"partitionCount\":3,\"partitions\":[0]}",
                "{\"wsUrl\":\"/ws\",\"partitionCount\":3,\"partitions\":[0]}",
                "{\"wsUrl\":\"ws://h/ws\",\"partitions\":[0]}",
                "{\"wsUrl\":\"ws://h/ws\",\"partitionCount\":0,\"partitions\":[]}",
                "{\"wsUrl\":\"ws://h/ws\",\"partitionCount\":10001,\"partitions\":[]}",
                "{\"wsUrl\":\"ws://h/ws\",\"partitionCount\":3}",
                "{\"wsUrl\":\"ws://h/ws\",\"partitionCount\":3,\"partitions\":[3]}",
                "{\"wsUrl\":\"ws://h/ws\",\"partitionCount\":3,\"partitions\":[-1]}",
                "{\"wsUrl\":\"ws://h/ws\",\"partitionCount\":3,\"partitions\":[null]}",
                "{\"wsUrl\":\"ws://h/ws\",\"partitionCount\":2,\"partitions\":[0,1,1]}");
        for (String bad : invalid) {
            assertProblem(call("PUT", "/internal/nodes/" + node, token, bad), 400, "VALIDATION_FAILED");
        }
        assertProblem(call("PUT", "/internal/nodes/" + node, token,
                "{\"wsUrl\":\"ws://h/ws\",\"partitionCount\":\"many\",\"partitions\":[]}"), 400, "MALFORMED_REQUEST");
        assertProblem(call("PUT", "/internal/nodes/" + node, token, body.replace("}", ",\"extra\":1}")), 400,
                "MALFORMED_REQUEST");

        assertThat(jdbc.queryForObject("SELECT count(*) FROM notification_node WHERE node_id = ?", Integer.class,
                node)).isZero();
    }

    private HttpResponse<String> put(String node, String wsUrl, int count, String partitions) throws Exception {
        return call("PUT", "/internal/nodes/" + node, sessionsToken(), "{\"wsUrl\":\"" + wsUrl
                + "\",\"partitionCount\":" + count + ",\"partitions\":" + partitions + "}");
    }

    /** The live nodes among {@code ids}, as listed (by id). */
    private JsonNode mine(List<String> ids) throws Exception {
        JsonNode all = ok(call("GET", "/internal/nodes", sessionsToken(), null), 200);
        tools.jackson.databind.node.ArrayNode found = json.createArrayNode();
        all.forEach(node -> {
            if (ids.contains(node.get("nodeId").asString())) {
                found.add(node);
            }
        });
        return found;
    }

    /** The partitions each of the given nodes owns (empty for a node that is not live). */
    private List<List<Integer>> owned(String... ids) throws Exception {
        JsonNode live = mine(List.of(ids));
        List<List<Integer>> owned = new ArrayList<>();
        for (String id : ids) {
            List<Integer> partitions = List.of();
            for (JsonNode node : live) {
                if (node.get("nodeId").asString().equals(id)) {
                    partitions = partitions(node);
                }
            }
            owned.add(partitions);
        }
        return owned;
    }

    private static List<Integer> partitions(JsonNode node) {
        List<Integer> partitions = new ArrayList<>();
        node.get("partitions").forEach(p -> partitions.add(p.asInt()));
        return partitions;
    }

    /** Claims are per partition count, so a count of its own keeps a test's claims apart from the others'. */
    private static int uniqueCount() {
        return ThreadLocalRandom.current().nextInt(100, 9_000);
    }
}
