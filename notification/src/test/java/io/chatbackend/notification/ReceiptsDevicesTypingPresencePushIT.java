package io.chatbackend.notification;

import com.sun.net.httpserver.HttpServer;
import io.chatbackend.dialog.contract.events.DialogTopics;
import io.chatbackend.message.contract.MessageSent;
import io.chatbackend.notification.push.OfflinePush;
import io.chatbackend.notification.userclient.UserEventsTail;
import io.chatbackend.platform.events.IntegrationEvent;
import io.chatbackend.platform.events.OutgoingEvent;
import io.chatbackend.platform.testing.WsClient;
import io.chatbackend.userclient.contract.UserClientTopics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Receipts, device revocation and the sessions registry, typing, presence and offline push on the real Kafka, with
 * dialog-domain and user-client stood in by HTTP servers and events built from the producers' contract samples. It
 * shares {@link LiveNodeTestBase}'s node (one Spring context with {@code LiveDeliveryIT} and
 * {@code DeliveryAtScaleIT}).
 */
class ReceiptsDevicesTypingPresencePushIT extends LiveNodeTestBase {

    static final PushReceiver PUSHES = new PushReceiver();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @AfterAll
    static void stopPushReceiver() {
        PUSHES.server.stop(0);
    }

    @Autowired
    UserEventsTail userEvents;
    @Autowired
    io.chatbackend.notification.membership.MembershipView view;

    @BeforeEach
    void userEventsFollowed() {
        await().atMost(PATIENCE).until(userEvents::positioned);
    }

    @Test
    void readGoesToDialogDomainAndItsWatermarkReachesTheOtherMemberNeverBackwards() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID dialog = UUID.randomUUID();
        join(dialog, alice);
        join(dialog, bob);
        DIALOGS.append(dialog, bob, "one", true);
        DIALOGS.append(dialog, bob, "two", true);
        try (WsClient alices = open(alice, "a"); WsClient bobs = open(bob, "b")) {
            alices.send("{\"type\":\"read\",\"dialogId\":\"" + dialog + "\",\"upToSeq\":2}");
            await().atMost(PATIENCE).until(() -> DIALOGS.reads().contains(dialog + "/" + alice + "/2"));
            // bob's watermark moved by his sending "two": every session has that from the message itself, so no
            // receipt goes out for it (one would reach bob's socket first)
            publish(DialogTopics.DIALOGS, dialog, events().readWatermarkBySending(dialog, bob, 2));
            // dialog-domain publishes the watermark; a stale one (1) arrives after it
            publish(DialogTopics.DIALOGS, dialog, events().readWatermark(dialog, alice, 2));
            publish(DialogTopics.DIALOGS, dialog, events().readWatermark(dialog, alice, 1));
            await().atMost(PATIENCE).until(() -> !ofType(bobs, "receipt").isEmpty());
            Thread.sleep(500);
            List<JsonNode> receipts = ofType(bobs, "receipt");
            assertThat(receipts).hasSize(1);
            assertThat(receipts.get(0).get("kind").asString()).isEqualTo("read");
            assertThat(receipts.get(0).get("userId").asString()).isEqualTo(alice.toString());
            assertThat(receipts.get(0).get("dialogId").asString()).isEqualTo(dialog.toString());
            assertThat(receipts.get(0).get("upToSeq").asLong()).isEqualTo(2);
            assertThat(receipts.get(0).has("deviceId")).isFalse();

            // errors come back as error frames
            alices.send("{\"type\":\"read\",\"dialogId\":\"" + dialog + "\",\"upToSeq\":9}");
            alices.send("{\"type\":\"read\",\"dialogId\":\"" + UUID.randomUUID() + "\",\"upToSeq\":1}");
            await().atMost(PATIENCE).until(() -> ofType(alices, "error").size() == 2);
            assertThat(ofType(alices, "error").stream().map(e -> e.get("code").asString()))
                    .containsExactlyInAnyOrder("WATERMARK_OUT_OF_RANGE", "DIALOG_NOT_FOUND");
        }
    }

    @Test
    void ackAdvancesTheDeviceCursorAndTheSenderSeesDelivery() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID dialog = UUID.randomUUID();
        join(dialog, alice);
        join(dialog, bob);
        for (int i = 1; i <= 3; i++) {
            DIALOGS.append(dialog, alice, "m" + i, true);
        }
        try (WsClient alices = open(alice, "a"); WsClient bobs = open(bob, "phone")) {
            bobs.send("{\"type\":\"ack\",\"dialogId\":\"" + dialog + "\",\"upToSeq\":3}");
            await().atMost(PATIENCE).until(() -> !ofType(alices, "receipt").isEmpty());
            assertThat(USERS.cursorCalls).contains(bob + "/phone/" + dialog + "/3");
            JsonNode receipt = ofType(alices, "receipt").get(0);
            assertThat(receipt.get("kind").asString()).isEqualTo("delivered");
            assertThat(receipt.get("userId").asString()).isEqualTo(bob.toString());
            assertThat(receipt.get("deviceId").asString()).isEqualTo("phone");
            assertThat(receipt.get("upToSeq").asLong()).isEqualTo(3);
            // a late, lower ack moves nothing back
            bobs.send("{\"type\":\"ack\",\"dialogId\":\"" + dialog + "\",\"upToSeq\":1}");
            await().atMost(PATIENCE).until(() -> USERS.cursorCalls.contains(bob + "/phone/" + dialog + "/1"));
            Thread.sleep(500);
            assertThat(ofType(alices, "receipt")).hasSize(1);
        }
    }

    /**
     * Issue 12: an ack beyond dialog-domain's last message is refused with an error frame, the device's cursor does
     * not move and no receipt reaches anyone. What this session was sent counts as proof even while dialog-domain's
     * history lags behind; nothing else the node has seen does.
     */
    @Test
    void anAckBeyondTheLastMessageIsRefusedAndNoReceiptReachesAnyone() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID dialog = UUID.randomUUID();
        join(dialog, alice);
        join(dialog, bob);
        DIALOGS.append(dialog, alice, "one", true);
        DIALOGS.append(dialog, alice, "two", true);
        try (WsClient alices = open(alice, "a"); WsClient bobs = open(bob, "phone")) {
            bobs.send("{\"type\":\"resume\",\"dialogs\":{\"" + dialog + "\":2}}");
            for (String upToSeq : List.of("3", "1000000", Long.toString(Long.MAX_VALUE), "0")) {
                bobs.send(ack(dialog, upToSeq));
            }
            bobs.send(ack(dialog, "-1"));
            bobs.send(ack(dialog, "\"2\""));
            await().atMost(PATIENCE).until(() -> ofType(bobs, "error").size() == 6);
            assertThat(ofType(bobs, "error")).allSatisfy(error -> {
                assertThat(error.get("frame").asString()).isEqualTo("ack");
                assertThat(error.get("dialogId").asString()).isEqualTo(dialog.toString());
            });
            // 3 and 1000000 are asked of dialog-domain, the others refused at once: the answers come in any order
            assertThat(ofType(bobs, "error").stream().map(error -> error.get("code").asString()))
                    .containsExactlyInAnyOrder(
                    "WATERMARK_OUT_OF_RANGE", "WATERMARK_OUT_OF_RANGE", "WATERMARK_OUT_OF_RANGE",
                    "WATERMARK_OUT_OF_RANGE", "MALFORMED_FRAME", "MALFORMED_FRAME");
            Thread.sleep(500);
            assertThat(USERS.cursorCalls).noneMatch(call -> call.startsWith(bob + "/phone/" + dialog));
            assertThat(ofType(alices, "receipt")).isEmpty();
            assertThat(ofType(bobs, "receipt")).isEmpty();

            // message 3 is confirmed and delivered live while dialog-domain's history does not have it yet: the
            // session sent it, so its ack is good
            DialogDomainStandIn.Item third = DIALOGS.append(dialog, alice, "three", false);
            publish(MessageSent.TOPIC, dialog, events().messageSent(third));
            await().atMost(PATIENCE).until(() -> !ofType(bobs, "message").isEmpty());
            assertThat(ofType(bobs, "message").get(0).get("dialogSeq").asLong()).isEqualTo(3);
            bobs.send(ack(dialog, "3"));
            await().atMost(PATIENCE).until(() -> !ofType(alices, "receipt").isEmpty());
            assertThat(USERS.cursorCalls.stream().filter(call -> call.startsWith(bob.toString())))
                    .containsExactly(bob + "/phone/" + dialog + "/3");
            assertThat(ofType(alices, "receipt").get(0).get("upToSeq").asLong()).isEqualTo(3);
            assertThat(ofType(bobs, "error")).hasSize(6);
        }
    }

    private static String ack(UUID dialog, String upToSeq) {
        return "{\"type\":\"ack\",\"dialogId\":\"" + dialog + "\",\"upToSeq\":" + upToSeq + "}";
    }

    @Test
    void aRevokedDeviceIsCutOffAndARefusedRegistrationClosesTheSocket() throws Exception {
        UUID carol = UUID.randomUUID();
        try (WsClient old = open(carol, "old"); WsClient fresh = open(carol, "new")) {
            await().atMost(PATIENCE).until(() -> USERS.registered.stream()
                    .filter(r -> r.startsWith(carol.toString())).count() == 2);
            publish(UserClientTopics.USERS, carol, events().deviceRevoked(carol, "old"));
            await().atMost(PATIENCE).until(old::isClosed);
            Thread.sleep(300);
            assertThat(fresh.isClosed()).isFalse();
            String oldSession = old.frames().get(0).get("sessionId").asString();
            await().atMost(PATIENCE).until(() -> USERS.ended.contains(oldSession));
            // heartbeats name the node's registered sessions
            await().atMost(PATIENCE).until(() -> USERS.heartbeats.stream().anyMatch(beat -> beat.get("sessionIds")
                    .toString().contains(fresh.frames().get(0).get("sessionId").asString())));
        }
        UUID dave = UUID.randomUUID();
        USERS.revoke(dave, "stolen");
        assertThat(closeStatusOf(dave, "stolen")).isEqualTo("4401 revoked");
    }

    /** Opens a session and answers the close status the server sends. */
    private String closeStatusOf(UUID user, String device) throws Exception {
        try (WsClient session = ContractEvents.connect(port, IDENTITY, user, device)) {
            await().atMost(PATIENCE).until(session::isClosed);
            return session.closeStatus() + " " + session.closeReason();
        }
    }

    @Test
    void typingReachesTheOtherMemberOnlyAndIsRateLimited() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID dialog = UUID.randomUUID();
        join(dialog, alice);
        join(dialog, bob);
        try (WsClient phone = open(alice, "phone"); WsClient laptop = open(alice, "laptop");
             WsClient bobs = open(bob, "b")) {
            for (int i = 0; i < 5; i++) {
                phone.send("{\"type\":\"typing\",\"dialogId\":\"" + dialog + "\"}");
            }
            await().atMost(PATIENCE).until(() -> !ofType(bobs, "typing").isEmpty());
            Thread.sleep(700);
            List<JsonNode> typing = ofType(bobs, "typing");
            assertThat(typing).as("one per interval; the rest dropped").hasSize(1);
            assertThat(typing.get(0).get("userId").asString()).isEqualTo(alice.toString());
            assertThat(typing.get(0).get("dialogId").asString()).isEqualTo(dialog.toString());
            assertThat(ofType(phone, "typing")).isEmpty();
            assertThat(ofType(laptop, "typing")).as("never the typist's own sessions").isEmpty();
        }
    }

    @Test
    void presenceReachesASubscribedPeerAndNotAStranger() throws Exception {
        UUID erin = UUID.randomUUID();
        UUID frank = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        UUID dialog = UUID.randomUUID();
        join(dialog, erin);
        join(dialog, frank);
        try (WsClient erins = open(erin, "e"); WsClient strangers = open(stranger, "s")) {
            erins.send("{\"type\":\"presence.subscribe\",\"userIds\":[\"" + frank + "\"]}");
            strangers.send("{\"type\":\"presence.subscribe\",\"userIds\":[\"" + frank + "\"]}");
            Thread.sleep(200);
            publish(UserClientTopics.USERS, frank, events().presenceChanged(frank, true));
            await().atMost(PATIENCE).until(() -> !ofType(erins, "presence").isEmpty());
            JsonNode presence = ofType(erins, "presence").get(0);
            assertThat(presence.get("userId").asString()).isEqualTo(frank.toString());
            assertThat(presence.get("online").asBoolean()).isTrue();
            assertThat(presence.has("lastSeenAt")).isTrue();
            Thread.sleep(300);
            assertThat(ofType(strangers, "presence")).as("shares no dialog with frank").isEmpty();
        }
    }

    @Test
    void anOfflineRecipientGetsASignedPushRetriedUntilItIsTaken() throws Exception {
        UUID henry = UUID.randomUUID();
        UUID ivan = UUID.randomUUID();
        UUID dialog = UUID.randomUUID();
        join(dialog, henry);
        join(dialog, ivan);
        USERS.pushEndpoint(henry, "h1", PUSHES.url("/ok-" + henry), "secret-one");
        USERS.pushEndpoint(henry, "h2", PUSHES.url("/flaky-" + henry), "secret-two");
        USERS.pushEndpoint(ivan, "i1", PUSHES.url("/sender-" + ivan), "secret-three");
        PUSHES.failFirst("/flaky-" + henry, 2);
        double sentBefore = meters.get("notification.push.sent").counter().count();

        DialogDomainStandIn.Item item = DIALOGS.append(dialog, ivan, "secret text", true);
        publish(MessageSent.TOPIC, dialog, events().messageSent(item));

        await().atMost(PATIENCE).until(() -> PUSHES.calls("/ok-" + henry).size() == 1
                && PUSHES.calls("/flaky-" + henry).size() == 3);
        PushReceiver.Call call = PUSHES.calls("/ok-" + henry).get(0);
        assertThat(call.signature()).isEqualTo("sha256=" + OfflinePush.sign("secret-one",
                call.timestamp() + "." + call.body()));
        JsonNode body = JsonMapper.builder().build().readTree(call.body());
        assertThat(body.get("type").asString()).isEqualTo("message");
        assertThat(body.get("dialogId").asString()).isEqualTo(dialog.toString());
        assertThat(body.get("messageId").asString()).isEqualTo(item.messageId());
        assertThat(body.get("senderId").asString()).isEqualTo(ivan.toString());
        assertThat(body.get("dialogSeq").asLong()).isEqualTo(item.dialogSeq());
        assertThat(call.body()).doesNotContain("secret text");
        PushReceiver.Call retried = PUSHES.calls("/flaky-" + henry).get(2);
        assertThat(retried.signature()).isEqualTo("sha256=" + OfflinePush.sign("secret-two",
                retried.timestamp() + "." + retried.body()));
        await().atMost(PATIENCE).until(() -> meters.get("notification.push.sent").counter().count()
                >= sentBefore + 2);
        Thread.sleep(300);
        assertThat(PUSHES.calls("/sender-" + ivan)).as("never the sender's own message").isEmpty();
    }

    // ---- helpers ----

    private WsClient open(UUID user, String device) throws Exception {
        return ContractEvents.open(port, IDENTITY, user, device);
    }

    private void join(UUID dialog, UUID user) {
        long joinedAtSeq = DIALOGS.join(dialog, user);
        publish(DialogTopics.DIALOGS, dialog, events().memberJoined(dialog, user, joinedAtSeq));
        await().atMost(PATIENCE).until(() -> view.isMember(dialog, user));
    }

    private ContractEvents events() {
        return new ContractEvents(codec);
    }

    private void publish(String topic, UUID key, IntegrationEvent event) {
        publisher.publishAll(List.of(new OutgoingEvent(topic, key.toString(), event)));
    }

    private static List<JsonNode> ofType(WsClient client, String type) {
        return client.frames().stream().filter(frame -> frame.get("type").asString().equals(type)).toList();
    }

    /** A device's push webhook: records every call; a path can be made to answer 500 a number of times first. */
    static final class PushReceiver {
        record Call(String timestamp, String signature, String body) {
        }

        final HttpServer server;
        private final Map<String, List<Call>> calls = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

        PushReceiver() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                calls.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(new Call(
                        exchange.getRequestHeaders().getFirst("X-Chat-Timestamp"),
                        exchange.getRequestHeaders().getFirst("X-Chat-Signature"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                AtomicInteger fail = failures.get(path);
                int status = fail != null && fail.getAndDecrement() > 0 ? 500 : 200;
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        void failFirst(String path, int times) {
            failures.put(path, new AtomicInteger(times));
        }

        List<Call> calls(String path) {
            return calls.getOrDefault(path, List.of());
        }
    }
}
