package io.chatbackend.notification;

import io.chatbackend.platform.testing.WsClient;

import io.chatbackend.dialog.contract.events.DialogTopics;
import io.chatbackend.message.contract.MessageSent;
import io.chatbackend.platform.events.IntegrationEvent;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.OutgoingEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Live delivery end to end on the real Kafka: message-domain's {@code MessageSent} and dialog-domain's membership
 * events (built from their published contract samples) go through the fan-out, the deliveries topic and the node
 * to real WebSocket clients. dialog-domain's delivery endpoints are a stand-in HTTP server (another process's API).
 */
class LiveDeliveryIT extends LiveNodeTestBase {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void twoDevicesOfOneUserAndAnotherMemberGetEveryMessageOnceInDialogSeqOrder() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID dialog = UUID.randomUUID();
        join(dialog, alice);
        join(dialog, bob);
        try (WsClient phone = open(alice, "phone"); WsClient laptop = open(alice, "laptop");
             WsClient bobs = open(bob, "phone")) {
            for (WsClient client : List.of(phone, laptop, bobs)) {
                client.send("{\"type\":\"resume\",\"dialogs\":{}}");
            }
            List<IntegrationEvent> sent = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                sent.add(messageSent(DIALOGS.append(dialog, i % 2 == 0 ? bob : alice, "m" + i, true)));
            }
            // different senders complete out of dialogSeq order; a redelivered event repeats one
            List<IntegrationEvent> published = new ArrayList<>(sent);
            published.set(3, sent.get(4));
            published.set(4, sent.get(3));
            published.add(sent.get(6));
            publish(MessageSent.TOPIC, dialog, published);

            for (WsClient client : List.of(phone, laptop, bobs)) {
                await().atMost(PATIENCE).until(() -> client.messages().size() >= 10);
            }
            Thread.sleep(300); // nothing more may come
            for (WsClient client : List.of(phone, laptop, bobs)) {
                assertThat(dialogSeqs(client.messages())).containsExactlyElementsOf(range(1, 10));
                assertThat(texts(client.messages())).containsExactly("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8",
                        "m9", "m10");
                assertDenseSessionSeq(client);
                JsonNode welcome = client.frames().get(0);
                assertThat(welcome.get("type").asString()).isEqualTo("welcome");
                assertThat(welcome.get("sessionSeq").asLong()).isEqualTo(1);
                assertThat(welcome.get("sessionId").asString()).isNotBlank();
            }
            assertThat(phone.frames().get(0).get("deviceId").asString()).isEqualTo("phone");
            assertThat(laptop.frames().get(0).get("userId").asString()).isEqualTo(alice.toString());
            JsonNode first = bobs.messages().get(0);
            assertThat(first.get("messageId").isString()).as("64-bit ids travel as strings").isTrue();
            assertThat(first.get("senderId").asString()).isEqualTo(alice.toString());
            assertThat(first.get("senderSeq").asLong()).isEqualTo(1);
            assertThat(first.get("sentAt").asString()).isNotBlank();

            phone.send("{\"type\":\"ping\"}");
            await().atMost(PATIENCE).until(() -> last(phone).get("type").asString().equals("pong"));
            assertThat(last(phone).get("sessionSeq").asLong()).isEqualTo(12);
            assertDenseSessionSeq(phone);
        }
    }

    @Test
    void aLateJoinerGetsOnlyWhatComesAfterTheJoinEvenRightAfterIt() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID carol = UUID.randomUUID();
        UUID dialog = UUID.randomUUID();
        join(dialog, alice);
        try (WsClient alices = open(alice, "a"); WsClient carols = open(carol, "c")) {
            alices.send("{\"type\":\"resume\"}");
            carols.send("{\"type\":\"resume\",\"dialogs\":{}}");
            List<IntegrationEvent> early = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                early.add(messageSent(DIALOGS.append(dialog, alice, "before" + i, true)));
            }
            publish(MessageSent.TOPIC, dialog, early);
            await().atMost(PATIENCE).until(() -> alices.messages().size() == 3);

            // the join and the next message are published back to back, on different topics
            join(dialog, carol);
            publish(MessageSent.TOPIC, dialog, List.of(messageSent(DIALOGS.append(dialog, alice, "after1", true)),
                    messageSent(DIALOGS.append(dialog, carol, "after2", true))));

            await().atMost(PATIENCE).until(() -> carols.messages().size() >= 2 && alices.messages().size() >= 5);
            Thread.sleep(700); // past the hole wait: nothing else may come
            assertThat(texts(carols.messages())).containsExactly("after1", "after2");
            assertThat(dialogSeqs(carols.messages())).containsExactly(4L, 5L);
            assertThat(texts(alices.messages())).containsExactly("before1", "before2", "before3", "after1", "after2");
            assertDenseSessionSeq(carols);
        }
    }

    @Test
    void aDialogWrittenToBeforeItsJoinEventsArePublishedReachesItsMembersThroughTheLookUp() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID dialog = UUID.randomUUID();
        // dialog-domain has the members (its write side) but has not published their joins yet
        DIALOGS.join(dialog, alice);
        DIALOGS.join(dialog, bob);
        try (WsClient bobs = open(bob, "b")) {
            bobs.send("{\"type\":\"resume\",\"dialogs\":{}}");
            int lookUps = DIALOGS.memberCalls();
            publish(MessageSent.TOPIC, dialog, List.of(messageSent(DIALOGS.append(dialog, alice, "hi", true))));
            await().atMost(PATIENCE).until(() -> bobs.messages().size() == 1);
            assertThat(texts(bobs.messages())).containsExactly("hi");
            assertThat(DIALOGS.memberCalls()).isGreaterThan(lookUps);
        }
    }

    @Test
    void reconnectAndResumeGetExactlyTheMissedMessagesAlsoOfADialogJoinedMeanwhileThenLive() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID dialog = UUID.randomUUID();
        UUID newDialog = UUID.randomUUID();
        join(dialog, alice);
        join(dialog, bob);
        try (WsClient first = open(bob, "b")) {
            first.send("{\"type\":\"resume\",\"dialogs\":{}}");
            publish(MessageSent.TOPIC, dialog, sends(dialog, alice, "a", 1, 3));
            await().atMost(PATIENCE).until(() -> first.messages().size() == 3);
        }
        // offline: three more in the old dialog, and a new dialog with two messages
        double before = nodeDeliveries();
        publish(MessageSent.TOPIC, dialog, sends(dialog, alice, "a", 4, 6));
        join(newDialog, alice);
        join(newDialog, bob);
        publish(MessageSent.TOPIC, newDialog, sends(newDialog, alice, "n", 1, 2));
        // the node has seen (and, with no session of bob's, passed over) the offline time's deliveries: 3 and 2
        // messages to two members each, and two join notices
        await().atMost(PATIENCE).until(() -> nodeDeliveries() - before >= 3 * 2 + 2 * 2 + 2);

        DIALOGS.historyDelay(400); // catching up takes a while: live messages arrive meanwhile
        try (WsClient second = open(bob, "b")) {
            second.send("{\"type\":\"resume\",\"dialogs\":{\"" + dialog + "\":3}}");
            // live while catching up: 7 is not in history yet (dialog-domain's read model lags), 8 is
            Thread.sleep(100);
            publish(MessageSent.TOPIC, dialog, List.of(messageSent(DIALOGS.append(dialog, alice, "a7", false))));
            publish(MessageSent.TOPIC, dialog, List.of(messageSent(DIALOGS.append(dialog, alice, "a8", true))));
            await().atMost(PATIENCE).until(() -> second.messages().size() >= 7);
            DIALOGS.historyDelay(0);
            DIALOGS.catchUpHistory(dialog);
            publish(MessageSent.TOPIC, dialog, sends(dialog, alice, "a", 9, 9));
            await().atMost(PATIENCE).until(() -> second.messages().size() >= 8);
            Thread.sleep(700);

            List<JsonNode> old = second.messages().stream()
                    .filter(m -> m.get("dialogId").asString().equals(dialog.toString())).toList();
            List<JsonNode> fresh = second.messages().stream()
                    .filter(m -> m.get("dialogId").asString().equals(newDialog.toString())).toList();
            assertThat(texts(old)).containsExactly("a4", "a5", "a6", "a7", "a8", "a9");
            assertThat(dialogSeqs(old)).containsExactly(4L, 5L, 6L, 7L, 8L, 9L);
            assertThat(texts(fresh)).containsExactly("n1", "n2");
            assertThat(second.messages()).hasSize(8);
            assertDenseSessionSeq(second);
        } finally {
            DIALOGS.historyDelay(0);
        }
    }

    @Test
    void aSlowClientsOverflowShowsAsASessionSeqHoleAndAGapFrameAndResumeResyncs() throws Exception {
        UUID dave = UUID.randomUUID();
        UUID dialog = UUID.randomUUID();
        join(dialog, dave);
        String body = "x".repeat(8 * 1024);
        double overflowsBefore = overflows();
        double deliveriesBefore = nodeDeliveries();
        try (WsClient slow = open(dave, "slow")) {
            slow.send("{\"type\":\"resume\",\"dialogs\":{}}");
            Thread.sleep(200);
            slow.pause();
            // the client reads nothing: the socket's buffers fill, then the session's queue (32), then frames drop
            long sent = 0;
            for (int round = 0; round < 40 && overflows() == overflowsBefore; round++) {
                List<IntegrationEvent> batch = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    batch.add(messageSent(DIALOGS.append(dialog, dave, body, true)));
                }
                sent += batch.size();
                publish(MessageSent.TOPIC, dialog, batch);
                final long expected = sent;
                await().atMost(PATIENCE).until(() -> overflows() > overflowsBefore
                        || nodeDeliveries() - deliveriesBefore >= expected);
            }
            assertThat(overflows()).as("the queue overflowed").isGreaterThan(overflowsBefore);
            slow.resumeReading();
            final long total = sent;
            await().atMost(PATIENCE).until(() -> slow.frames().stream()
                    .anyMatch(frame -> frame.get("type").asString().equals("gap")));

            // the hole in sessionSeq is exactly what the gap frames name
            List<JsonNode> frames = slow.frames();
            List<Long> seqs = frames.stream().map(frame -> frame.get("sessionSeq").asLong()).toList();
            assertThat(seqs).isSorted().doesNotHaveDuplicates();
            List<Long> missing = new ArrayList<>();
            for (int i = 1; i < seqs.size(); i++) {
                for (long s = seqs.get(i - 1) + 1; s < seqs.get(i); s++) {
                    missing.add(s);
                }
            }
            List<Long> named = new ArrayList<>();
            for (JsonNode frame : frames) {
                if (frame.get("type").asString().equals("gap")) {
                    assertThat(frame.get("sessionSeq").asLong()).isGreaterThan(frame.get("toSessionSeq").asLong());
                    LongStream.rangeClosed(frame.get("fromSessionSeq").asLong(), frame.get("toSessionSeq").asLong())
                            .forEach(named::add);
                }
            }
            assertThat(missing).isNotEmpty();
            assertThat(named).as("every hole is announced, and only holes").containsAll(missing);
            assertThat(missing).containsAll(named.stream().filter(s -> s <= seqs.get(seqs.size() - 1)).toList());

            // the client resyncs from the last dialogSeq it has without a hole
            await().atMost(PATIENCE).pollDelay(Duration.ofMillis(500)).until(() -> {
                int before = slow.frames().size();
                Thread.sleep(300);
                return slow.frames().size() == before;
            });
            List<Long> have = dialogSeqs(slow.messages());
            long hasUpTo = 0;
            while (have.contains(hasUpTo + 1)) {
                hasUpTo++;
            }
            final long contiguous = hasUpTo;
            assertThat(contiguous).isLessThan(total);
            int mark = slow.frames().size();
            long lastBefore = slow.frames().get(mark - 1).get("sessionSeq").asLong();
            slow.send("{\"type\":\"resume\",\"dialogs\":{\"" + dialog + "\":" + contiguous + "}}");
            await().atMost(PATIENCE).until(() -> slow.messages().size() >= have.size() + (total - contiguous));
            Thread.sleep(300);
            List<JsonNode> afterResume = slow.frames().subList(mark, slow.frames().size());
            assertThat(dialogSeqs(afterResume)).as("after the resume: the rest, in order, once")
                    .containsExactlyElementsOf(range(contiguous + 1, total));
            assertThat(afterResume).as("catching up is paced: nothing dropped")
                    .noneMatch(frame -> frame.get("type").asString().equals("gap"));
            assertDenseFrom(afterResume, lastBefore + 1);
        }
    }

    /**
     * Issue 12: inbound frames of at most 16 KiB (the default of {@code chat.notification.max-inbound-frame});
     * Netty refuses a larger one from its header with 1009 before buffering it.
     */
    @Test
    void aFrameOf16KiBIsHandledOneByteMoreClosesTheSessionWith1009() throws Exception {
        UUID erin = UUID.randomUUID();
        try (WsClient client = open(erin, "e")) {
            client.send(padded("{\"type\":\"ping\"}", 16 * 1024));
            await().atMost(PATIENCE).until(() -> !client.frames("pong").isEmpty());
            assertThat(client.isClosed()).isFalse();

            client.send(padded("{\"type\":\"ping\"}", 16 * 1024 + 1));
            await().atMost(PATIENCE).until(client::isClosed);
            assertThat(client.closeStatus()).isEqualTo(1009);
            assertThat(client.frames("pong")).as("the oversized frame was not handled").hasSize(1);
        }
    }

    /**
     * Issue 12: about 20 frames per second with a burst of 40; a client beyond it gets one error frame
     * {@code RATE_LIMITED} (the usual frame format, with its sessionSeq) and then close 1008.
     */
    @Test
    void aClientFloodingFramesGetsARateLimitedErrorFrameThenClose1008() throws Exception {
        UUID frank = UUID.randomUUID();
        try (WsClient client = open(frank, "f")) {
            for (int i = 0; i < 100 && !client.isClosed(); i++) {
                try {
                    client.send("{\"type\":\"ping\"}");
                } catch (java.util.concurrent.CompletionException closedMeanwhile) {
                    break;
                }
            }
            await().atMost(PATIENCE).until(client::isClosed);
            assertThat(client.closeStatus()).isEqualTo(1008);
            List<JsonNode> errors = client.frames("error");
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).get("code").asString()).isEqualTo("RATE_LIMITED");
            assertThat(last(client)).as("the error is the last frame").isEqualTo(errors.get(0));
            assertThat(errors.get(0).has("frame")).isFalse();
            // the flood overflows the session's queue (32 here): some pongs are dropped, and named by gap frames
            long framesBeforeTheError = errors.get(0).get("sessionSeq").asLong() - 1;
            long pongsProduced = framesBeforeTheError - 1 - client.frames("gap").size();
            assertThat(pongsProduced).as("the burst of 40 was served, little more").isBetween(40L, 45L);
        }
        // only that session: the next one of the same user is served
        try (WsClient again = open(frank, "f")) {
            again.send("{\"type\":\"ping\"}");
            await().atMost(PATIENCE).until(() -> !again.frames("pong").isEmpty());
        }
    }

    /**
     * The same over a raw socket, as a browser sends it: one unfragmented frame of 16 KiB + 1 (the JDK's client may
     * fragment a long text, which takes the aggregation's path instead).
     */
    @Test
    void aSingleFrameOneByteBeyond16KiBIsClosedWith1009() throws Exception {
        HttpResponse<String> response = post("/api/v1/ws/ticket", IDENTITY.userToken(UUID.randomUUID(), "raw"));
        assertThat(response.statusCode()).isEqualTo(201);
        String ticket = json.readTree(response.body()).get("ticket").asString();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
            out.write(("GET /ws?ticket=" + ticket + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.readUnsignedByte());
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 101");

            // only the frame's header, announcing 16 KiB + 1: the node must refuse it from the header alone, before
            // buffering anything (sending the payload too would race the close: bytes the node never reads make
            // its kernel answer the close with a reset, and the client may lose the close frame)
            int announced = 16 * 1024 + 1;
            byte[] mask = {1, 2, 3, 4};
            out.write(new byte[]{(byte) 0x81, (byte) (0x80 | 126), (byte) (announced >> 8), (byte) announced});
            out.write(mask);
            out.flush();

            // server frames are unmasked: skip the welcome (and anything else) up to the close frame
            while (true) {
                int opcode = in.readUnsignedByte() & 0x0F;
                long length = in.readUnsignedByte() & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] content = in.readNBytes((int) length);
                if (opcode == 0x8) {
                    assertThat(((content[0] & 0xFF) << 8) | (content[1] & 0xFF)).isEqualTo(1009);
                    return;
                }
            }
        }
    }

    /** A frame of exactly {@code bytes} bytes: the JSON followed by blanks (ASCII, so chars are bytes). */
    private static String padded(String json, int bytes) {
        return json + " ".repeat(bytes - json.length());
    }

    /** In scale mode clients reach the nodes directly: a user's token opens the API, not the operators' metrics. */
    @Test
    void metricsAreForAdministratorsOnlyHealthForEveryone() throws Exception {
        UUID user = UUID.randomUUID();
        String metrics = "/actuator/metrics/notification.session.queue.overflows";
        assertThat(get(metrics, null).statusCode()).isEqualTo(401);
        assertThat(get(metrics, IDENTITY.userToken(user, "phone")).statusCode()).isEqualTo(403);
        HttpResponse<String> admin = get(metrics, IDENTITY.userToken(user, "console", List.of("USER", "ADMIN")));
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(json.readTree(admin.body()).get("name").asString()).isEqualTo("notification.session.queue.overflows");
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aTicketIsOneTimeAndOnlyOurs() throws Exception {
        UUID erin = UUID.randomUUID();
        HttpResponse<String> response = post("/api/v1/ws/ticket", IDENTITY.userToken(erin, "tablet"));
        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode ticket = json.readTree(response.body());
        assertThat(ticket.get("url").asString()).as("through the gateway: the public origin with ws scheme")
                .isEqualTo("ws://issuer.test/ws");
        assertThat(ticket.get("expiresAt").asString()).isNotBlank();
        String url = "ws://127.0.0.1:" + port + "/ws?ticket=" + ticket.get("ticket").asString();

        try (WsClient client = WsClient.connect(url, false)) {
            await().atMost(PATIENCE).until(() -> !client.frames().isEmpty());
            assertThat(client.frames().get(0).get("deviceId").asString()).isEqualTo("tablet");
        }
        assertRefused(url);
        assertRefused("ws://127.0.0.1:" + port + "/ws?ticket=" + ticket.get("ticket").asString().replace('.', 'x'));
        assertRefused("ws://127.0.0.1:" + port + "/ws");

        HttpResponse<String> plain = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/ws?ticket=forged")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(401);
        assertThat(plain.body()).contains("\"code\":\"UNAUTHENTICATED\"");

        HttpResponse<String> anonymous = post("/api/v1/ws/ticket", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"code\":\"UNAUTHENTICATED\"");
        HttpResponse<String> service = post("/api/v1/ws/ticket", IDENTITY.serviceToken("message-domain", "tcc"));
        assertThat(service.statusCode()).as("service tokens are for chat-internal").isEqualTo(401);
    }

    // ---- helpers ----

    private WsClient open(UUID user, String device) throws Exception {
        return ContractEvents.open(port, IDENTITY, user, device);
    }

    private void assertRefused(String url) {
        assertThatThrownBy(() -> WsClient.connect(url, false))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(401));
    }

    private HttpResponse<String> post(String path, String token) throws Exception {
        return call(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody()), token);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return call(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET(), token);
    }

    private HttpResponse<String> call(HttpRequest.Builder request, String token) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A member joins: dialog-domain's write side has it, and its MemberJoined event is published. */
    private void join(UUID dialog, UUID user) {
        long joinedAtSeq = DIALOGS.join(dialog, user);
        publish(DialogTopics.DIALOGS, dialog, List.of(events().memberJoined(dialog, user, joinedAtSeq)));
    }

    private List<IntegrationEvent> sends(UUID dialog, UUID sender, String prefix, int from, int to) {
        List<IntegrationEvent> events = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            events.add(messageSent(DIALOGS.append(dialog, sender, prefix + i, true)));
        }
        return events;
    }

    private IntegrationEvent messageSent(DialogDomainStandIn.Item item) {
        return events().messageSent(item);
    }

    private ContractEvents events() {
        return new ContractEvents(codec);
    }

    private void publish(String topic, UUID key, List<IntegrationEvent> events) {
        publisher.publishAll(events.stream().map(event -> new OutgoingEvent(topic, key.toString(), event)).toList());
    }

    private double overflows() {
        return meters.get("notification.session.queue.overflows").counter().count();
    }

    private double nodeDeliveries() {
        return meters.get("notification.node.deliveries").counter().count();
    }

    private static JsonNode last(WsClient client) {
        List<JsonNode> frames = client.frames();
        return frames.get(frames.size() - 1);
    }

    private static void assertDenseSessionSeq(WsClient client) {
        List<Long> seqs = client.frames().stream().map(frame -> frame.get("sessionSeq").asLong()).toList();
        assertThat(seqs).containsExactlyElementsOf(range(1, seqs.size()));
    }

    private static void assertDenseFrom(List<JsonNode> frames, long first) {
        List<Long> seqs = frames.stream().map(frame -> frame.get("sessionSeq").asLong()).toList();
        assertThat(seqs).containsExactlyElementsOf(range(first, first + seqs.size() - 1));
    }

    private static List<Long> dialogSeqs(List<JsonNode> messages) {
        return messages.stream().map(message -> message.get("dialogSeq").asLong()).toList();
    }

    private static List<String> texts(List<JsonNode> messages) {
        return messages.stream().map(message -> message.get("body").get("text").asString()).toList();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }
}
