package io.chatbackend.userclient;

import io.chatbackend.dialog.contract.events.DialogTopics;
import io.chatbackend.dialog.contract.events.MemberJoined;
import io.chatbackend.dialog.contract.events.MemberLeft;
import io.chatbackend.dialog.contract.events.UserBlocked;
import io.chatbackend.dialog.contract.events.UserUnblocked;
import io.chatbackend.userclient.contract.PresenceChanged;
import io.chatbackend.userclient.contract.UserClientTopics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Presence: debounced PresenceChanged events in the contract's shape, and the batch pull API, visible only to
 * users who share a dialog (membership consumed from dialog-domain's topic, written from dialog-contract's samples).
 */
class PresenceIT extends UserClientIntegrationTest {

    @Test
    void aFlapInsideTheDebounceWindowPublishesNothing() throws Exception {
        UUID user = UUID.randomUUID();
        ok(register("f1-" + user, user), 201);
        ok(call("DELETE", "/internal/sessions/f1-" + user, sessionsToken(), null), 204);
        Thread.sleep(DEBOUNCE.plusMillis(1500).toMillis());
        assertThat(presenceEvents(user)).as("online then offline inside the window").isZero();

        ok(register("f2-" + user, user), 201);
        await("online published", Duration.ofSeconds(20), () -> presenceEvents(user) == 1);
        ok(call("DELETE", "/internal/sessions/f2-" + user, sessionsToken(), null), 204);
        ok(register("f3-" + user, user), 201);
        Thread.sleep(DEBOUNCE.plusMillis(1500).toMillis());
        assertThat(presenceEvents(user)).as("offline then online again inside the window").isEqualTo(1);
    }

    @Test
    void aRealChangeIsPublishedAfterTheDebounceInTheContractShape() throws Exception {
        UUID user = UUID.randomUUID();
        ok(register("r-" + user, user), 201);
        assertThat(presenceEvents(user)).as("not before the window has passed").isZero();
        await("online published", Duration.ofSeconds(20), () -> presenceEvents(user) == 1);
        ok(call("DELETE", "/internal/sessions/r-" + user, sessionsToken(), null), 204);
        await("offline published", Duration.ofSeconds(20), () -> presenceEvents(user) == 2);

        Instant changedAt = jdbc.queryForObject("SELECT changed_at FROM presence WHERE user_id = ?", Timestamp.class,
                user).toInstant();
        Instant publishedAt = jdbc.queryForObject("SELECT max(created_at) FROM outbox WHERE message_key = ?",
                Timestamp.class, user.toString()).toInstant();
        assertThat(Duration.between(changedAt, publishedAt)).as("published only after the debounce")
                .isGreaterThanOrEqualTo(DEBOUNCE);

        List<ConsumerRecord<String, String>> published = records(UserClientTopics.USERS, user.toString(),
                Duration.ofSeconds(60), 2);
        assertThat(published).hasSize(2);
        JsonNode online = json.readTree(published.get(0).value());
        JsonNode offline = json.readTree(published.get(1).value());
        assertThat(online.get("payload").get("online").asBoolean()).isTrue();
        assertThat(offline.get("payload").get("online").asBoolean()).isFalse();
        assertThat(publishedContractProblems(offline)).isEmpty();
        assertThat(offline.get("type").asString()).isEqualTo(PresenceChanged.TYPE);
        assertThat(offline.get("aggregateSequence").asLong()).isGreaterThan(online.get("aggregateSequence").asLong());
        PresenceChanged payload = json.treeToValue(offline.get("payload"), PresenceChanged.class);
        assertThat(payload.userId()).isEqualTo(user);
        assertThat(payload.lastSeenAt()).isBeforeOrEqualTo(publishedAt).isAfter(publishedAt.minusSeconds(10));
    }

    @Test
    void aUserStaysOnlineWhileAnySessionLivesAndRevokingTheLastDeviceTakesThemOffline() throws Exception {
        UUID user = UUID.randomUUID();
        ok(register("t1-" + user, user), 201);
        ok(call("POST", "/internal/sessions", sessionsToken(), "{\"sessionId\":\"t2-" + user + "\",\"userId\":\""
                + user + "\",\"deviceId\":\"laptop\",\"nodeId\":\"node-2\"}"), 201);
        await("online published", Duration.ofSeconds(20), () -> presenceEvents(user) == 1);
        ok(call("DELETE", "/internal/sessions/t1-" + user, sessionsToken(), null), 204);
        long until = System.nanoTime() + DEBOUNCE.plusMillis(1500).toNanos();
        while (System.nanoTime() < until) { // node-2 keeps the laptop's session alive (the TTL is short here)
            ok(call("POST", "/internal/sessions/heartbeat", sessionsToken(), "{\"nodeId\":\"node-2\","
                    + "\"sessionIds\":[\"t2-" + user + "\"]}"), 200);
            Thread.sleep(300);
        }
        assertThat(presenceEvents(user)).as("still online on the laptop").isEqualTo(1);

        ok(call("DELETE", "/api/v1/clients/laptop", IDENTITY.userToken(user, "phone"), null), 204);
        await("offline published", Duration.ofSeconds(20), () -> presenceEvents(user) == 2);
        assertThat(jdbc.queryForObject("SELECT payload->>'online' FROM outbox WHERE event_type = 'PresenceChanged' "
                + "AND message_key = ? ORDER BY position DESC LIMIT 1", String.class, user.toString()))
                .isEqualTo("false");
    }

    @Test
    void presenceIsVisibleOnlyToUsersWhoShareADialogAsMembershipEventsSay() throws Exception {
        UUID dialog = UUID.randomUUID();
        UUID viewer = UUID.randomUUID();
        UUID peer = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        String viewerToken = IDENTITY.userToken(viewer, "v");
        String strangerToken = IDENTITY.userToken(stranger, "s");
        publish(MemberJoined.TYPE, dialog, viewer, 1);
        publish(MemberJoined.TYPE, dialog, peer, 2);
        publish(MemberJoined.TYPE, dialog, peer, 2); // redelivered: changes nothing
        String query = "/api/v1/presence?userIds=" + peer + "," + stranger + "," + viewer;
        await("membership consumed", Duration.ofSeconds(60), () -> presenceOf(viewerToken, query).size() == 2);
        // only now, so the short TTL of this test's sessions cannot run out while the consumer starts
        ok(register("p-" + peer, peer), 201);
        await("peer online published", Duration.ofSeconds(20), () -> presenceEvents(peer) == 1);
        JsonNode answer = ok(call("GET", query, viewerToken, null), 200);
        assertThat(answer.get(0).get("userId").asString()).isEqualTo(peer.toString());
        assertThat(answer.get(0).get("online").asBoolean()).isTrue();
        assertThat(answer.get(1).get("userId").asString()).as("myself").isEqualTo(viewer.toString());
        assertThat(answer.get(1).get("online").asBoolean()).isFalse();
        assertThat(answer.get(1).get("lastSeenAt").isNull()).isTrue();
        assertThat(ok(call("GET", "/api/v1/presence?userIds=" + peer + "," + viewer, strangerToken, null), 200))
                .as("a stranger gets nothing").isEmpty();

        // the peer leaves; then an old join is replayed, which must not undo the leave
        publish(MemberLeft.TYPE, dialog, peer, 5);
        publish(MemberJoined.TYPE, dialog, peer, 2);
        UUID marker = UUID.randomUUID();
        publish(MemberJoined.TYPE, dialog, marker, 6);
        await("later events consumed", Duration.ofSeconds(60),
                () -> presenceOf(viewerToken, "/api/v1/presence?userIds=" + marker).size() == 1);
        assertThat(presenceOf(viewerToken, "/api/v1/presence?userIds=" + peer)).as("left, replay ignored").isEmpty();
        assertThat(jdbc.queryForObject("SELECT seq FROM dialog_member WHERE dialog_id = ? AND user_id = ?",
                Long.class, dialog, peer)).isEqualTo(5);
    }

    @Test
    void aBlockerLooksLikeAStrangerToWhomTheyBlockedAsBlockEventsSay() throws Exception {
        UUID dialog = UUID.randomUUID();
        UUID blocker = UUID.randomUUID();
        UUID blocked = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        publish(MemberJoined.TYPE, dialog, blocker, 1);
        publish(MemberJoined.TYPE, dialog, blocked, 2);
        publish(MemberJoined.TYPE, dialog, other, 3);
        String blockedToken = IDENTITY.userToken(blocked, "b");
        String otherToken = IDENTITY.userToken(other, "o");
        String query = "/api/v1/presence?userIds=" + blocker;
        await("membership consumed", Duration.ofSeconds(60), () -> presenceOf(blockedToken, query).size() == 1);

        publishBlock(UserBlocked.TYPE, blocker, blocked, 0);
        await("block consumed", Duration.ofSeconds(60), () -> presenceOf(blockedToken, query).isEmpty());
        assertThat(presenceOf(otherToken, query)).as("others still see the blocker").hasSize(1);
        assertThat(presenceOf(IDENTITY.userToken(blocker, "x"), "/api/v1/presence?userIds=" + blocked))
                .as("the blocker still sees whom they blocked").hasSize(1);

        publishBlock(UserUnblocked.TYPE, blocker, blocked, 1);
        publishBlock(UserBlocked.TYPE, blocker, blocked, 0); // an old block replayed: must not undo the unblock
        await("unblock consumed", Duration.ofSeconds(60), () -> presenceOf(blockedToken, query).size() == 1);
        UUID marker = UUID.randomUUID();
        publishBlock(UserBlocked.TYPE, blocker, marker, 2);
        await("later events consumed", Duration.ofSeconds(60), () -> Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM user_block WHERE blocked_id = ?)", Boolean.class, marker)));
        assertThat(presenceOf(blockedToken, query)).as("replay ignored").hasSize(1);
    }

    /** Publishes dialog-contract's sample of a block event as dialog-domain would, with our ids and sequence. */
    private void publishBlock(String type, UUID blocker, UUID blocked, long sequence) throws Exception {
        ObjectNode event = (ObjectNode) sample(DialogTopics.sample(type));
        event.put("eventId", UUID.randomUUID().toString());
        event.put("aggregateId", blocker.toString());
        event.put("aggregateSequence", sequence);
        ObjectNode payload = (ObjectNode) event.get("payload");
        payload.put("blockerId", blocker.toString());
        payload.put("blockedId", blocked.toString());
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topics.physical(DialogTopics.BLOCKS), blocker.toString(),
                    json.writeValueAsString(event))).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void refusesTooManyOrMalformedIds() throws Exception {
        String token = IDENTITY.userToken(UUID.randomUUID(), "v");
        String many = IntStream.range(0, 101).mapToObj(i -> UUID.randomUUID().toString())
                .collect(Collectors.joining(","));
        assertProblem(call("GET", "/api/v1/presence?userIds=" + many, token, null), 400, "VALIDATION_FAILED");
        assertProblem(call("GET", "/api/v1/presence?userIds=nope", token, null), 400, "VALIDATION_FAILED");
        assertProblem(call("GET", "/api/v1/presence?userIds=", token, null), 400, "VALIDATION_FAILED");
        assertProblem(call("GET", "/api/v1/presence", token, null), 400, "VALIDATION_FAILED");
        String hundred = IntStream.range(0, 100).mapToObj(i -> UUID.randomUUID().toString())
                .collect(Collectors.joining(","));
        assertThat(ok(call("GET", "/api/v1/presence?userIds=" + hundred, token, null), 200)).isEmpty();
    }

    private List<JsonNode> presenceOf(String token, String path) {
        try {
            JsonNode answer = ok(call("GET", path, token, null), 200);
            return answer.valueStream().toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int presenceEvents(UUID user) {
        return jdbc.queryForObject("SELECT count(*) FROM outbox WHERE event_type = 'PresenceChanged' "
                + "AND message_key = ?", Integer.class, user.toString());
    }

    /** Publishes dialog-contract's sample of {@code type} as dialog-domain would, with our ids and sequence. */
    private void publish(String type, UUID dialog, UUID user, long sequence) throws Exception {
        ObjectNode event = (ObjectNode) sample(DialogTopics.sample(type));
        event.put("eventId", UUID.randomUUID().toString());
        event.put("aggregateId", dialog.toString());
        event.put("aggregateSequence", sequence);
        event.put("someFutureEnvelopeMember", "ignored");
        ObjectNode payload = (ObjectNode) event.get("payload");
        payload.put("dialogId", dialog.toString());
        payload.put("userId", user.toString());
        payload.put("someFuturePayloadMember", 42);
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topics.physical(DialogTopics.DIALOGS), dialog.toString(),
                    json.writeValueAsString(event))).get(30, TimeUnit.SECONDS);
        }
    }

    private java.net.http.HttpResponse<String> register(String sessionId, UUID user) throws Exception {
        return call("POST", "/internal/sessions", sessionsToken(), "{\"sessionId\":\"" + sessionId + "\",\"userId\":\""
                + user + "\",\"deviceId\":\"phone\",\"nodeId\":\"node-1\"}");
    }
}
