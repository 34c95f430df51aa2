package io.chatbackend.dialog.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.datastax.oss.driver.api.core.CqlSession;
import io.chatbackend.dialog.DialogDomainIntegrationTest;
import io.chatbackend.dialog.TestApi;
import io.chatbackend.dialog.tcc.LaneConfirmation;
import io.chatbackend.dialog.tcc.LaneParticipant;
import io.chatbackend.dialog.tcc.LaneSubject;
import io.chatbackend.message.contract.MessageSent;
import io.chatbackend.uaa.contract.UserProfileChanged;
import io.chatbackend.uaa.contract.UserRegistered;
import io.chatbackend.platform.events.IntegrationEvent;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.IntegrationEventPublisher;
import io.chatbackend.platform.cassandra.readmodel.ReadModelCatalog;
import io.chatbackend.platform.tcc.ConfirmOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The read side of dialogs on the real servers: sends go through the real lane participant (so the write side has
 * the sequences), and their {@code MessageSent} events are published to Kafka the way message-domain does, built
 * from message-domain's published contract sample (so a producer change that breaks this consumer fails here).
 */
class ReadSideIT extends DialogDomainIntegrationTest {

    private static final AtomicLong MESSAGE_IDS = new AtomicLong(7_301_450_342_400_000_000L);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    LaneParticipant participant;
    @Autowired
    IntegrationEventPublisher publisher;
    @Autowired
    IntegrationEventCodec codec;
    @Autowired
    CqlSession cql;
    @Autowired
    ReadModelCatalog catalog;

    private TestApi api;
    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final UUID carol = UUID.randomUUID();
    private final List<IntegrationEvent> published = new ArrayList<>();

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    @Test
    void sendsShowInHistoryAndInboxWithExactUnreadCounts() {
        String dialog = group(alice, bob);
        send(dialog, alice, "a1");
        send(dialog, bob, "b1");
        send(dialog, alice, "a2");
        send(dialog, bob, "b2");
        send(dialog, alice, "a3");

        JsonNode page = awaitHistory(dialog, alice, "", 5);
        assertThat(texts(page)).containsExactly("a1", "b1", "a2", "b2", "a3");
        assertThat(seqs(page, "dialogSeq")).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(seqs(page, "senderSeq")).containsExactly(1L, 1L, 2L, 2L, 3L);
        assertThat(page.get("hasMore").asBoolean()).isFalse();
        assertThat(page.get("items").get(0).get("messageId").isString()).as("64-bit ids are strings").isTrue();

        // my own sends count as read; the other member has one unread (their own last send was #4)
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(inboxEntry(alice, dialog).get("unreadCount").asLong()).isZero();
            assertThat(inboxEntry(bob, dialog).get("unreadCount").asLong()).isEqualTo(1);
        });
        JsonNode entry = inboxEntry(bob, dialog);
        assertThat(entry.get("lastDialogSeq").asLong()).isEqualTo(5);
        assertThat(entry.get("lastMessage").get("body").get("text").asString()).isEqualTo("a3");

        // watermarks: forward only, within the history
        JsonNode read = api.expect(200, api.call("POST", "/api/v1/dialogs/" + dialog + "/read", bob, "{\"upToSeq\":5}"));
        assertThat(read.get("readSeq").asLong()).isEqualTo(5);
        JsonNode lower = api.expect(200, api.call("POST", "/api/v1/dialogs/" + dialog + "/read", bob,
                "{\"upToSeq\":2}"));
        assertThat(lower.get("readSeq").asLong()).as("a lower mark is a no-op").isEqualTo(5);
        api.expectProblem(409, "WATERMARK_OUT_OF_RANGE",
                api.call("POST", "/api/v1/dialogs/" + dialog + "/read", bob, "{\"upToSeq\":6}"));
        // "read by" comes from the members' watermarks (the sender of #5 has read it by sending it)
        await().atMost(PATIENCE).untilAsserted(() -> {
            Map<String, Long> readSeqs = new HashMap<>();
            api.expect(200, api.call("GET", "/api/v1/dialogs/" + dialog, alice, null)).get("members")
                    .forEach(member -> readSeqs.put(member.get("userId").asString(), member.get("readSeq").asLong()));
            assertThat(readSeqs).containsEntry(bob.toString(), 5L).containsEntry(alice.toString(), 5L);
        });
        api.expectProblem(400, "VALIDATION_FAILED",
                api.call("POST", "/api/v1/dialogs/" + dialog + "/read", bob, "{\"upToSeq\":-1}"));
        api.expectProblem(400, "MALFORMED_REQUEST",
                api.call("POST", "/api/v1/dialogs/" + dialog + "/read", bob, "{\"upToSeq\":\"x\"}"));
        api.expectProblem(404, "DIALOG_NOT_FOUND",
                api.call("POST", "/api/v1/dialogs/" + dialog + "/read", carol, "{\"upToSeq\":1}"));
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(inboxEntry(bob, dialog).get("unreadCount").asLong()).isZero());
        send(dialog, alice, "a4");
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(inboxEntry(bob, dialog).get("unreadCount").asLong()).isEqualTo(1));
        JsonNode inbox = api.expect(200, api.call("GET", "/api/v1/dialogs", bob, null));
        assertThat(inbox.get("epoch").asLong()).isPositive();
    }

    @Test
    void historyAndInboxShowTheSendersNamesAsUaaLastPublishedThem() {
        publishUser(UserRegistered.TYPE, alice, "Alice", 100);
        publishUser(UserProfileChanged.TYPE, alice, "Alice Liddell", 101);
        publishUser(UserRegistered.TYPE, alice, "Alice", 100); // redelivered: must not undo the change
        String dialog = group(alice, bob);
        send(dialog, bob, "from a user UAA never announced");
        send(dialog, alice, "named");
        awaitHistory(dialog, bob, "", 2);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.expect(200, api.call("GET", "/api/v1/dialogs/"
                + dialog + "/messages", bob, null)).get("items").get(1).path("senderDisplayName").asString(""))
                .isEqualTo("Alice Liddell"));
        JsonNode page = awaitHistory(dialog, bob, "", 2);
        assertThat(page.get("items").get(0).has("senderDisplayName")).as("an unknown name is left out").isFalse();
        assertThat(inboxEntry(bob, dialog).get("lastMessage").get("senderDisplayName").asString())
                .isEqualTo("Alice Liddell");
    }

    private void publishUser(String type, UUID user, String displayName, long sequence) {
        try {
            ObjectNode envelope = (ObjectNode) codec.toTree(codec.decode(new ClassPathResource(
                    "contract-samples/" + type + ".v1.json").getContentAsString(StandardCharsets.UTF_8)));
            envelope.put("eventId", UUID.randomUUID().toString());
            envelope.put("aggregateId", user.toString());
            envelope.put("aggregateSequence", sequence);
            ObjectNode payload = (ObjectNode) envelope.get("payload");
            payload.put("userId", user.toString());
            payload.put("displayName", displayName);
            publisher.publish(UserRegistered.TOPIC, user.toString(), codec.fromTree(envelope)).join();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("uaa's contract sample is missing", e);
        }
    }

    @Test
    void aLateJoinerSeesHistoryDigestsAndUnreadFromTheirJoiningOn() {
        String dialog = group(alice, bob);
        send(dialog, alice, "before-1");
        send(dialog, bob, "before-2");
        send(dialog, alice, "before-3");
        api.expect(200, api.call("POST", "/api/v1/dialogs/" + dialog + "/members", alice,
                "{\"userIds\":[\"" + carol + "\"]}"));
        send(dialog, alice, "after-4");
        send(dialog, bob, "after-5");

        awaitHistory(dialog, alice, "", 5);
        JsonNode carolsPage = api.expect(200, api.call("GET", "/api/v1/dialogs/" + dialog + "/messages", carol, null));
        assertThat(texts(carolsPage)).containsExactly("after-4", "after-5");
        JsonNode older = api.expect(200, api.call("GET", "/api/v1/dialogs/" + dialog + "/messages?beforeSeq=4",
                carol, null));
        assertThat(older.get("items").size()).isZero();
        assertThat(older.get("hasMore").asBoolean()).isFalse();

        JsonNode digest = api.expect(200, api.call("GET", "/api/v1/dialogs/" + dialog + "/digest", carol, null));
        assertThat(digest.get("fromSeq").asLong()).isEqualTo(4);
        assertThat(digest.get("count").asLong()).isEqualTo(2);
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(inboxEntry(carol, dialog).get("unreadCount").asLong()).isEqualTo(2));
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode view = api.expect(200, api.call("GET", "/api/v1/dialogs/" + dialog, carol, null));
            assertThat(view.get("members").toString()).contains("\"userId\":\"" + carol + "\",\"role\":\"MEMBER\","
                    + "\"joinedAtSeq\":4");
        });
    }

    @Test
    void historyPagesHaveExactEdgesAndRefuseBadParameters() {
        String dialog = group(alice, bob);
        String path = "/api/v1/dialogs/" + dialog + "/messages";
        JsonNode empty = api.expect(200, api.call("GET", path, alice, null));
        assertThat(empty.get("items").size()).isZero();
        assertThat(empty.get("hasMore").asBoolean()).isFalse();
        for (int i = 1; i <= 7; i++) {
            send(dialog, i % 2 == 0 ? bob : alice, "m" + i);
        }
        awaitHistory(dialog, alice, "", 7);

        assertPage(path + "?limit=3", List.of(5L, 6L, 7L), true);
        assertPage(path + "?beforeSeq=5&limit=3", List.of(2L, 3L, 4L), true);
        assertPage(path + "?beforeSeq=2", List.of(1L), false);
        assertPage(path + "?afterSeq=0&limit=3", List.of(1L, 2L, 3L), true);
        assertPage(path + "?afterSeq=6", List.of(7L), false);
        assertPage(path + "?afterSeq=7", List.of(), false);
        assertPage(path + "?afterSeq=2&beforeSeq=5", List.of(3L, 4L), false);
        assertPage(path + "?afterSeq=1&beforeSeq=6&limit=2", List.of(2L, 3L), true);
        assertPage(path + "?limit=200", List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), false);
        assertPage(path + "?beforeSeq=100", List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), false);

        for (String bad : List.of("?limit=0", "?limit=201", "?limit=abc", "?beforeSeq=0", "?afterSeq=-1",
                "?afterSeq=5&beforeSeq=5", "?beforeSeq=1.5")) {
            api.expectProblem(400, "VALIDATION_FAILED", api.call("GET", path + bad, alice, null));
        }
        api.expectProblem(404, "DIALOG_NOT_FOUND", api.call("GET", path, carol, null));
        api.expectProblem(404, "DIALOG_NOT_FOUND",
                api.call("GET", "/api/v1/dialogs/" + UUID.randomUUID() + "/messages", alice, null));
        api.expectProblem(404, "DIALOG_NOT_FOUND", api.call("GET", "/api/v1/dialogs/nope/messages", alice, null));
        api.expectProblem(400, "VALIDATION_FAILED", api.call("GET", "/api/v1/dialogs?limit=0", alice, null));
        api.expectProblem(400, "VALIDATION_FAILED", api.call("GET", "/api/v1/dialogs?cursor=%25%25", alice, null));
        api.expectProblem(400, "VALIDATION_FAILED",
                api.call("GET", "/api/v1/dialogs/" + dialog + "/digest?fromSeq=5&toSeq=4", alice, null));
    }

    @Test
    void digestsMatchAnIndependentComputationAndRedeliveryChangesNothing() throws Exception {
        String dialog = group(alice, bob);
        for (int i = 1; i <= 6; i++) {
            send(dialog, i % 3 == 0 ? bob : alice, "d" + i);
        }
        JsonNode page = awaitHistory(dialog, alice, "", 6);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (JsonNode item : page.get("items")) {
            if (item.get("dialogSeq").asLong() >= 2 && item.get("dialogSeq").asLong() <= 5) {
                sha256.update((item.get("dialogSeq").asLong() + ":" + item.get("messageId").asString() + ":"
                        + item.get("version").asInt() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        String expected = HexFormat.of().formatHex(sha256.digest());
        String digestPath = "/api/v1/dialogs/" + dialog + "/digest?fromSeq=2&toSeq=5";
        JsonNode digest = api.expect(200, api.call("GET", digestPath, alice, null));
        assertThat(digest.get("count").asLong()).isEqualTo(4);
        assertThat(digest.get("digest").asString()).isEqualTo(expected);

        // every event again, newest first: the read models stay exactly as they are
        List<IntegrationEvent> newestFirst = new ArrayList<>(published);
        Collections.reverse(newestFirst);
        for (IntegrationEvent event : newestFirst) {
            publisher.publish(MessageSent.TOPIC, dialog, event).join();
        }
        String marker = send(dialog, alice, "after-redelivery");
        JsonNode after = awaitHistory(dialog, alice, "", 7);
        assertThat(after.get("items").get(6).get("messageId").asString()).isEqualTo(marker);
        assertThat(api.expect(200, api.call("GET", digestPath, alice, null)).get("digest").asString())
                .isEqualTo(expected);
        assertThat(texts(after).subList(0, 6)).isEqualTo(texts(page));
        assertThat(inboxEntry(alice, dialog).get("lastDialogSeq").asLong()).isEqualTo(7);
    }

    @Test
    void rebuildsReproduceTheReadModelsExactlyAndBumpTheEpoch() throws Exception {
        String dialog = group(alice, bob);
        for (int i = 1; i <= 5; i++) {
            send(dialog, i % 2 == 0 ? bob : alice, "r" + i);
        }
        api.expect(200, api.call("POST", "/api/v1/dialogs/" + dialog + "/read", bob, "{\"upToSeq\":3}"));
        JsonNode before = awaitHistory(dialog, bob, "", 5);
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(inboxEntry(bob, dialog).get("readSeq").asLong()).isEqualTo(4));
        JsonNode inboxBefore = inboxEntry(bob, dialog);

        api.expectProblem(403, "FORBIDDEN", api.call("POST", "/api/v1/admin/read-models/timeline/rebuild", bob, ""));
        api.expectProblem(404, "READ_MODEL_NOT_FOUND",
                api.callAsAdmin("POST", "/api/v1/admin/read-models/nothing/rebuild", alice, ""));
        for (String model : List.of("timeline", "membership")) {
            JsonNode started = api.expect(202, api.callAsAdmin("POST", "/api/v1/admin/read-models/" + model
                    + "/rebuild", alice, ""));
            String job = started.get("jobId").asString();
            JsonNode[] status = new JsonNode[1];
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                status[0] = api.expect(200, api.callAsAdmin("GET", "/api/v1/admin/read-models/" + model
                        + "/rebuilds/" + job, alice, null));
                assertThat(status[0].get("state").asString()).isIn("DONE", "FAILED");
            });
            assertThat(status[0].get("state").asString()).as(status[0].toString()).isEqualTo("DONE");
            assertThat(status[0].get("report").get("differing").asLong()).as(status[0].toString()).isZero();
            assertThat(status[0].get("report").get("onlyInLive").asLong()).as(status[0].toString()).isZero();
            assertThat(status[0].get("report").get("onlyInRebuilt").asLong()).as(status[0].toString()).isZero();
            assertThat(status[0].get("toEpoch").asInt()).isEqualTo(status[0].get("fromEpoch").asInt() + 1);
        }
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode after = api.expect(200, api.call("GET", "/api/v1/dialogs/" + dialog + "/messages", bob, null));
            assertThat(after.get("items")).isEqualTo(before.get("items"));
            assertThat(after.get("epoch").asLong()).as("clients learn that they should resync")
                    .isEqualTo(before.get("epoch").asLong() + 2);
            JsonNode inboxAfter = inboxEntry(bob, dialog);
            assertThat(inboxAfter.get("readSeq")).isEqualTo(inboxBefore.get("readSeq"));
            assertThat(inboxAfter.get("unreadCount")).isEqualTo(inboxBefore.get("unreadCount"));
            assertThat(inboxAfter.get("lastMessage")).isEqualTo(inboxBefore.get("lastMessage"));
        });
        send(dialog, alice, "after-rebuild");
        assertThat(texts(awaitHistory(dialog, bob, "", 6))).last().isEqualTo("after-rebuild");
    }

    @Test
    void notificationReadsMembershipAndHistoryThroughTheDeliveryEndpointsOnly() {
        String dialog = group(alice, bob);
        send(dialog, alice, "x1");
        api.expect(200, api.call("POST", "/api/v1/dialogs/" + dialog + "/members", alice,
                "{\"userIds\":[\"" + carol + "\"]}"));
        send(dialog, bob, "x2");
        awaitHistory(dialog, alice, "", 2);
        String delivery = IDENTITY.serviceToken("notification", "delivery");

        JsonNode dialogs = api.expect(200, api.raw("GET", "/internal/delivery/users/" + carol + "/dialogs", delivery,
                null));
        assertThat(dialogs.toString()).contains("\"dialogId\":\"" + dialog + "\"").contains("\"joinedAtSeq\":2")
                .as("the write side's last dialogSeq: a session holding it has nothing to fetch")
                .contains("\"lastDialogSeq\":2");
        JsonNode members = api.expect(200, api.raw("GET", "/internal/delivery/dialogs/" + dialog + "/members",
                delivery, null));
        assertThat(members.size()).isEqualTo(3);
        JsonNode carolsView = api.expect(200, api.raw("GET", "/internal/delivery/dialogs/" + dialog
                + "/messages?viewer=" + carol + "&afterSeq=0", delivery, null));
        assertThat(texts(carolsView)).as("a member sees history from joining on").containsExactly("x2");
        JsonNode alicesView = api.expect(200, api.raw("GET", "/internal/delivery/dialogs/" + dialog
                + "/messages?viewer=" + alice + "&afterSeq=1", delivery, null));
        assertThat(texts(alicesView)).containsExactly("x2");
        api.expectProblem(404, "DIALOG_NOT_FOUND", api.raw("GET", "/internal/delivery/dialogs/" + dialog
                + "/messages?viewer=" + UUID.randomUUID(), delivery, null));

        JsonNode read = api.expect(200, api.raw("POST", "/internal/delivery/dialogs/" + dialog + "/read", delivery,
                "{\"userId\":\"" + carol + "\",\"upToSeq\":2}"));
        assertThat(read.get("readSeq").asLong()).isEqualTo(2);
        api.expectProblem(409, "WATERMARK_OUT_OF_RANGE", api.raw("POST", "/internal/delivery/dialogs/" + dialog
                + "/read", delivery, "{\"userId\":\"" + carol + "\",\"upToSeq\":3}"));
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(inboxEntry(carol, dialog).get("unreadCount").asLong()).isZero());

        api.expectProblem(403, "FORBIDDEN", api.call("GET", "/internal/delivery/users/" + alice + "/dialogs", alice,
                null));
        api.expectProblem(403, "FORBIDDEN", api.raw("GET", "/internal/delivery/users/" + alice + "/dialogs",
                IDENTITY.serviceToken("message-domain", "tcc"), null));
    }

    /**
     * Sequence values at and beyond the ends of {@code long}, in every route that takes one: each is refused (400
     * VALIDATION_FAILED, or MALFORMED_REQUEST for a JSON number no {@code long} holds) or clamped to the dialog's
     * real history (an empty page or digest), promptly, and none changes a watermark. A digest at bucket 2^31 − 1
     * used to loop forever (the bucket counter wrapped around), and {@code afterSeq=Long.MAX_VALUE} wrapped to the
     * whole history.
     */
    @Test
    void extremeSequenceValuesAreRefusedOrClampedPromptlyAndChangeNothing() {
        String dialog = group(alice, bob);
        for (int i = 1; i <= 3; i++) {
            send(dialog, i == 2 ? bob : alice, "x" + i);
        }
        awaitHistory(dialog, alice, "", 3);
        api.expect(200, api.call("POST", "/api/v1/dialogs/" + dialog + "/read", bob, "{\"upToSeq\":2}"));
        String history = "/api/v1/dialogs/" + dialog + "/messages";
        String digest = "/api/v1/dialogs/" + dialog + "/digest";
        String read = "/api/v1/dialogs/" + dialog + "/read";
        String delivery = IDENTITY.serviceToken("notification", "delivery");
        String deliveryHistory = "/internal/delivery/dialogs/" + dialog + "/messages?viewer=" + bob;
        String deliveryRead = "/internal/delivery/dialogs/" + dialog + "/read";
        String wholeDigest = api.expect(200, api.call("GET", digest, alice, null)).get("digest").asString();
        String max = Long.toString(Long.MAX_VALUE);
        String min = Long.toString(Long.MIN_VALUE);
        String aboveLong = "9223372036854775808";

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            assertPage(history + "?afterSeq=" + max, List.of(), false);
            assertPage(history + "?afterSeq=" + (Long.MAX_VALUE - 1) + "&beforeSeq=" + max, List.of(), false);
            assertPage(history + "?afterSeq=2147483647000", List.of(), false);
            assertPage(history + "?beforeSeq=" + max, List.of(1L, 2L, 3L), false);
            assertPage(history + "?afterSeq=0&beforeSeq=" + max + "&limit=2", List.of(1L, 2L), true);
            for (String bad : List.of("?beforeSeq=0", "?beforeSeq=-1", "?beforeSeq=" + min, "?afterSeq=" + min,
                    "?afterSeq=" + aboveLong, "?beforeSeq=" + aboveLong, "?afterSeq=-" + aboveLong + "1",
                    "?afterSeq=99999999999999999999999", "?afterSeq=" + max + "&beforeSeq=" + max,
                    "?limit=" + max, "?limit=" + Integer.MIN_VALUE)) {
                api.expectProblem(400, "VALIDATION_FAILED", api.call("GET", history + bad, alice, null));
            }

            JsonNode atBucket2To31 = api.expect(200, api.call("GET", digest + "?fromSeq=2147483647000"
                    + "&toSeq=2147483647000", alice, null));
            assertThat(atBucket2To31.get("count").asLong()).isZero();
            assertThat(atBucket2To31.get("digest").asString()).as("SHA-256 of nothing")
                    .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
            JsonNode toTheEnd = api.expect(200, api.call("GET", digest + "?fromSeq=1&toSeq=" + max, alice, null));
            assertThat(toTheEnd.get("fromSeq").asLong()).isEqualTo(1);
            assertThat(toTheEnd.get("toSeq").asLong()).as("clamped to the last confirmed dialogSeq").isEqualTo(3);
            assertThat(toTheEnd.get("count").asLong()).isEqualTo(3);
            assertThat(toTheEnd.get("digest").asString()).isEqualTo(wholeDigest);
            assertThat(api.expect(200, api.call("GET", digest + "?toSeq=" + max, alice, null)).get("digest")
                    .asString()).isEqualTo(wholeDigest);
            for (String empty : List.of("?fromSeq=" + max, "?fromSeq=" + max + "&toSeq=" + max, "?fromSeq=4")) {
                assertThat(api.expect(200, api.call("GET", digest + empty, alice, null)).get("count").asLong())
                        .as(empty).isZero();
            }
            for (String bad : List.of("?fromSeq=0", "?fromSeq=" + min, "?toSeq=-1", "?toSeq=" + min,
                    "?fromSeq=" + aboveLong, "?toSeq=" + aboveLong, "?fromSeq=" + max + "&toSeq=1")) {
                api.expectProblem(400, "VALIDATION_FAILED", api.call("GET", digest + bad, alice, null));
            }

            api.expectProblem(409, "WATERMARK_OUT_OF_RANGE",
                    api.call("POST", read, bob, "{\"upToSeq\":" + max + "}"));
            api.expectProblem(400, "VALIDATION_FAILED", api.call("POST", read, bob, "{\"upToSeq\":" + min + "}"));
            api.expectProblem(400, "MALFORMED_REQUEST",
                    api.call("POST", read, bob, "{\"upToSeq\":" + aboveLong + "}"));
            api.expectProblem(400, "MALFORMED_REQUEST",
                    api.call("POST", read, bob, "{\"upToSeq\":-" + aboveLong + "1}"));

            assertThat(api.expect(200, api.raw("GET", deliveryHistory + "&afterSeq=" + max, delivery, null))
                    .get("items").size()).isZero();
            assertThat(texts(api.expect(200, api.raw("GET", deliveryHistory + "&afterSeq=1", delivery, null))))
                    .containsExactly("x2", "x3");
            for (String bad : List.of("&afterSeq=-1", "&afterSeq=" + min, "&afterSeq=" + aboveLong,
                    "&limit=" + max, "&limit=0")) {
                api.expectProblem(400, "VALIDATION_FAILED", api.raw("GET", deliveryHistory + bad, delivery, null));
            }
            api.expectProblem(409, "WATERMARK_OUT_OF_RANGE", api.raw("POST", deliveryRead, delivery,
                    "{\"userId\":\"" + bob + "\",\"upToSeq\":" + max + "}"));
            api.expectProblem(400, "VALIDATION_FAILED", api.raw("POST", deliveryRead, delivery,
                    "{\"userId\":\"" + bob + "\",\"upToSeq\":" + min + "}"));
            api.expectProblem(400, "MALFORMED_REQUEST", api.raw("POST", deliveryRead, delivery,
                    "{\"userId\":\"" + bob + "\",\"upToSeq\":" + aboveLong + "}"));
        });

        // nothing moved: a lower mark answers the watermark as it is (the write side's), and the history is whole
        assertThat(api.expect(200, api.call("POST", read, bob, "{\"upToSeq\":1}")).get("readSeq").asLong())
                .isEqualTo(2);
        assertThat(api.expect(200, api.call("GET", digest, alice, null)).get("digest").asString())
                .isEqualTo(wholeDigest);
    }

    /**
     * The statements behind an inbox and a digest, counted by the Cassandra driver itself on a session of their
     * own: an inbox costs the same handful whether the viewer has one dialog or five (and at most
     * {@link DialogReadQueries#MAX_INBOX_STATEMENTS} at the cap of 10,000), a digest one per timeline bucket of
     * its range (at most {@link DialogReadQueries#MAX_DIGEST_STATEMENTS}), and ranges beyond the dialog's end cost
     * nothing more.
     */
    @Test
    void inboxesAndDigestsRunABoundedNumberOfStatements() {
        UUID dave = UUID.randomUUID();
        UUID erin = UUID.randomUUID();
        List<String> daves = new ArrayList<>();
        daves.add(group(dave, erin));
        for (int i = 1; i < 5; i++) {
            daves.add(group(dave, alice));
        }
        String busy = daves.get(0);
        for (int i = 1; i <= 3; i++) {
            send(busy, i == 2 ? erin : dave, "c" + i);
        }
        awaitHistory(busy, dave, "", 3);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.expect(200, api.call("GET",
                "/api/v1/dialogs?limit=100", dave, null)).get("items").size()).isEqualTo(5));
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(inboxEntry(dave, busy).get("lastDialogSeq").asLong()).isEqualTo(3));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(inboxEntry(erin, busy)).isNotNull());
        JsonNode davesInbox = api.expect(200, api.call("GET", "/api/v1/dialogs?limit=100", dave, null));

        try (StatementCounter counter = new StatementCounter(cql)) {
            DialogReadQueries reads = new DialogReadQueries(counter.session(), catalog);
            DialogReadQueries inPairs = new DialogReadQueries(counter.session(), catalog, 2);
            reads.inbox(dave, null, 100); // prepares the statements: preparing is not what is counted
            inPairs.inbox(dave, null, 100);
            reads.digest(UUID.fromString(busy), new SeqRange(1, 3));

            InboxPage[] page = new InboxPage[1];
            List<String> fiveDialogs = counter.statementsOf(() -> page[0] = reads.inbox(dave, null, 100));
            assertThat(fiveDialogs).as("the list of dialogs, then one statement per table for all of them")
                    .hasSize(4);
            assertThat(page[0].items()).extracting(entry -> entry.dialogId().toString())
                    .containsExactlyElementsOf(ids(davesInbox));
            assertThat(counter.statementsOf(() -> reads.inbox(erin, null, 100)))
                    .as("one dialog costs what five cost").hasSize(4);
            assertThat(counter.statementsOf(() -> reads.inbox(dave, null, 2))).as("whatever the page").hasSize(4);
            assertThat(fiveDialogs.size()).isLessThanOrEqualTo(DialogReadQueries.MAX_INBOX_STATEMENTS);

            // batches at work (in pairs: 3 batches for 5 dialogs), with the same answer, page by page
            InboxPage[] paired = new InboxPage[1];
            assertThat(counter.statementsOf(() -> paired[0] = inPairs.inbox(dave, null, 100))).hasSize(1 + 3 * 3);
            assertThat(paired[0].items()).isEqualTo(page[0].items());
            InboxPage first = inPairs.inbox(dave, null, 3);
            InboxPage second = inPairs.inbox(dave, first.nextCursor(), 3);
            assertThat(second.nextCursor()).isNull();
            List<InboxEntry> paged = new ArrayList<>(first.items());
            paged.addAll(second.items());
            assertThat(paged).isEqualTo(page[0].items());

            UUID dialogId = UUID.fromString(busy);
            RangeDigest[] digest = new RangeDigest[1];
            assertThat(counter.statementsOf(() -> digest[0] = reads.digest(dialogId,
                    SeqRange.within(1, Long.MAX_VALUE, 1, 3)))).as("one bucket").hasSize(1);
            assertThat(digest[0].count()).isEqualTo(3);
            List<String> widest = counter.statementsOf(() -> reads.digest(dialogId, new SeqRange(999, 100_998)));
            assertThat(widest).as("the widest digest: 101 buckets, nothing else")
                    .hasSize(101)
                    .allMatch(statement -> statement.startsWith("SELECT dialog_seq, message_id, version FROM"));
            assertThat((long) widest.size() + 1).isLessThanOrEqualTo(DialogReadQueries.MAX_DIGEST_STATEMENTS);
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThat(counter.statementsOf(() ->
                    digest[0] = reads.digest(dialogId, new SeqRange(2_147_483_647_000L, 2_147_483_647_000L))))
                    .as("bucket 2^31 - 1, once").hasSize(1));
            assertThat(digest[0].count()).isZero();
            assertThat(counter.statementsOf(() -> assertThatThrownBy(() -> reads.digest(dialogId,
                    new SeqRange(1, DialogReadQueries.MAX_DIGEST_RANGE + 1)))
                    .isInstanceOf(IllegalArgumentException.class))).as("refused before any query").isEmpty();
            assertThat(counter.statementsOf(() -> reads.history(dialogId, 1, null, Long.MAX_VALUE, 50)))
                    .as("only the timeline's last dialogSeq").hasSize(1);
        }
    }

    private void assertPage(String path, List<Long> dialogSeqs, boolean hasMore) {
        JsonNode page = api.expect(200, api.call("GET", path, alice, null));
        assertThat(seqs(page, "dialogSeq")).as(path).isEqualTo(dialogSeqs);
        assertThat(page.get("hasMore").asBoolean()).as(path + " hasMore").isEqualTo(hasMore);
    }

    private String group(UUID admin, UUID... members) {
        StringBuilder ids = new StringBuilder();
        for (UUID member : members) {
            ids.append(ids.isEmpty() ? "" : ",").append('"').append(member).append('"');
        }
        return api.expect(201, api.call("POST", "/api/v1/dialogs", admin, "{\"type\":\"group\",\"title\":\"read\","
                + "\"memberIds\":[" + ids + "]}")).get("dialogId").asString();
    }

    /** A send through the real lane participant, then its MessageSent event as message-domain publishes it. */
    private String send(String dialog, UUID sender, String text) {
        String tx = UUID.randomUUID().toString();
        participant.tryReserve(tx, new LaneSubject(dialog, sender), Duration.ofSeconds(30));
        ConfirmOutcome<LaneConfirmation> outcome = participant.confirm(tx);
        LaneConfirmation confirmed = ((ConfirmOutcome.Confirmed<LaneConfirmation>) outcome).result();
        String messageId = Long.toString(MESSAGE_IDS.incrementAndGet());
        IntegrationEvent event = fromContractSample(messageId, dialog, sender, confirmed, text);
        published.add(event);
        publisher.publish(MessageSent.TOPIC, dialog, event).join();
        return messageId;
    }

    private IntegrationEvent fromContractSample(String messageId, String dialog, UUID sender,
                                                LaneConfirmation confirmed, String text) {
        try {
            ObjectNode envelope = (ObjectNode) codec.toTree(codec.decode(new ClassPathResource(MessageSent.SAMPLE)
                    .getContentAsString(StandardCharsets.UTF_8)));
            envelope.put("eventId", UUID.randomUUID().toString());
            envelope.put("aggregateId", messageId);
            ObjectNode payload = (ObjectNode) envelope.get("payload");
            payload.put("messageId", messageId);
            payload.put("dialogId", dialog);
            payload.put("senderId", sender.toString());
            payload.put("senderSeq", confirmed.senderSeq());
            payload.put("dialogSeq", confirmed.dialogSeq());
            ((ObjectNode) payload.get("body")).put("text", text);
            payload.put("someFieldOfALaterVersion", "consumers ignore it");
            return codec.fromTree(envelope);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("message-domain's contract sample is missing", e);
        }
    }

    private JsonNode awaitHistory(String dialog, UUID viewer, String query, int size) {
        JsonNode[] page = new JsonNode[1];
        await().atMost(PATIENCE).untilAsserted(() -> {
            page[0] = api.expect(200, api.call("GET", "/api/v1/dialogs/" + dialog + "/messages" + query, viewer,
                    null));
            assertThat(page[0].get("items").size()).isEqualTo(size);
        });
        return page[0];
    }

    private JsonNode inboxEntry(UUID viewer, String dialog) {
        JsonNode inbox = api.expect(200, api.call("GET", "/api/v1/dialogs?limit=100", viewer, null));
        for (JsonNode entry : inbox.get("items")) {
            if (entry.get("dialogId").asString().equals(dialog)) {
                return entry;
            }
        }
        throw new AssertionError("dialog " + dialog + " not in the inbox: " + inbox);
    }

    private static List<String> ids(JsonNode inbox) {
        List<String> ids = new ArrayList<>();
        inbox.get("items").forEach(item -> ids.add(item.get("dialogId").asString()));
        return ids;
    }

    private static List<String> texts(JsonNode page) {
        List<String> texts = new ArrayList<>();
        page.get("items").forEach(item -> texts.add(item.get("body").get("text").asString()));
        return texts;
    }

    private static List<Long> seqs(JsonNode page, String field) {
        List<Long> seqs = new ArrayList<>();
        page.get("items").forEach(item -> seqs.add(item.get(field).asLong()));
        return seqs;
    }
}
