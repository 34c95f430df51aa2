package io.chatbackend.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chatbackend.platform.testing.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Live delivery end to end, through the real gateway: sends acknowledged by message-domain reach every device of
 * every member over WebSocket, and a device that was away gets exactly what it missed on resume. A checker compares
 * every frame every device received with the 201s the senders got (G1–G6 as far as delivery goes).
 */
class LiveDeliveryThroughGatewayIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static SendStack stack;
    private static String gateway;

    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final Map<String, JsonNode> acknowledged = new HashMap<>();

    @BeforeAll
    static void start() {
        stack = SendStack.onSharedServers(List.of(), List.of());
        gateway = stack.startDelivery();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyDeviceGetsEveryMessageOnceInOrderAndAResumedDeviceExactlyWhatItMissed() throws Exception {
        String dialog = createGroup();
        WsClient alicePhone = connect(alice, "alice-phone");
        WsClient aliceLaptop = connect(alice, "alice-laptop");
        WsClient bobPhone = connect(bob, "bob-phone");

        for (int i = 1; i <= 8; i++) {
            send(i % 2 == 0 ? bob : alice, dialog, "live-" + i);
        }
        for (WsClient device : List.of(alicePhone, aliceLaptop, bobPhone)) {
            awaitMessages(device, 8);
            assertDelivered(device, dialog, 1, 8);
        }

        bobPhone.close();
        for (int i = 9; i <= 11; i++) {
            send(alice, dialog, "while-away-" + i);
        }
        WsClient bobAgain = connect(bob, "bob-phone", dialog, 8);
        awaitMessages(bobAgain, 3);
        send(alice, dialog, "live-again");
        awaitMessages(bobAgain, 4);
        assertDelivered(bobAgain, dialog, 9, 12);
        for (WsClient device : List.of(alicePhone, aliceLaptop)) {
            awaitMessages(device, 12);
            assertDelivered(device, dialog, 1, 12);
        }
        alicePhone.close();
        aliceLaptop.close();
        bobAgain.close();
    }

    /** Every message frame is an acknowledged message with its sequences, dense from {@code from}, once each. */
    private void assertDelivered(WsClient device, String dialog, long from, long to) {
        List<JsonNode> frames = device.frames();
        long expectedSessionSeq = 1;
        for (JsonNode frame : frames) {
            assertThat(frame.get("sessionSeq").asLong()).as("sessionSeq dense, no frame lost (G6)")
                    .isEqualTo(expectedSessionSeq++);
        }
        assertThat(frames.get(0).get("type").asString()).isEqualTo("welcome");
        List<JsonNode> messages = device.messages();
        assertThat(messages).as("exactly the messages %d..%d, once each (G3, G4)", from, to)
                .hasSize((int) (to - from + 1));
        Map<String, Long> lastSenderSeq = new HashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            assertThat(message.get("dialogId").asString()).isEqualTo(dialog);
            assertThat(message.get("dialogSeq").asLong()).as("in dialogSeq order (G2)").isEqualTo(from + i);
            JsonNode answer = acknowledged.get(message.get("messageId").asString());
            assertThat(answer).as("only acknowledged messages, no phantom (G5)").isNotNull();
            assertThat(message.get("dialogSeq").asLong()).isEqualTo(answer.get("dialogSeq").asLong());
            assertThat(message.get("senderSeq").asLong()).isEqualTo(answer.get("senderSeq").asLong());
            String sender = message.get("senderId").asString();
            long senderSeq = message.get("senderSeq").asLong();
            assertThat(senderSeq).as("per-sender order (G1)").isGreaterThan(lastSenderSeq.getOrDefault(sender, 0L));
            lastSenderSeq.put(sender, senderSeq);
        }
    }

    private String createGroup() {
        HttpResponse<String> created = stack.request("POST", gateway + "/api/v1/dialogs", alice,
                "{\"type\":\"group\",\"title\":\"live\",\"memberIds\":[\"" + bob + "\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return SendStack.JSON.readTree(created.body()).get("dialogId").asString();
    }

    private void send(UUID sender, String dialog, String text) throws InterruptedException {
        UUID key = UUID.randomUUID();
        while (true) {
            HttpResponse<String> response = stack.request("POST", gateway + "/api/v1/dialogs/" + dialog + "/messages",
                    sender, "{\"clientMessageId\":\"" + key + "\",\"body\":{\"type\":\"text\",\"text\":\"" + text
                            + "\"}}");
            if (response.statusCode() == 201) {
                JsonNode answer = SendStack.JSON.readTree(response.body());
                acknowledged.put(answer.get("messageId").asString(), answer);
                return;
            }
            assertThat(response.statusCode()).as(response.body()).isIn(202, 409, 503);
            Thread.sleep(50);
        }
    }

    private WsClient connect(UUID user, String device) throws Exception {
        return connect(user, device, null, 0);
    }

    /** A ticket through the gateway, the socket through the gateway, then {@code resume}. */
    private WsClient connect(UUID user, String device, String dialog, long lastSeen) throws Exception {
        HttpResponse<String> ticket = stack.raw("POST", gateway + "/api/v1/ws/ticket",
                stack.identity.userToken(user, device), "");
        assertThat(ticket.statusCode()).as(ticket.body()).isEqualTo(201);
        String url = SendStack.JSON.readTree(ticket.body()).get("url").asString() + "?ticket="
                + SendStack.JSON.readTree(ticket.body()).get("ticket").asString();
        assertThat(url).startsWith(gateway.replace("http://", "ws://"));
        WsClient client = WsClient.connect(url, false);
        client.send(dialog == null ? "{\"type\":\"resume\",\"dialogs\":{}}"
                : "{\"type\":\"resume\",\"dialogs\":{\"" + dialog + "\":" + lastSeen + "}}");
        return client;
    }

    private static void awaitMessages(WsClient device, int count) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (device.messages().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(device.messages()).as("frames: " + device.frames()).hasSizeGreaterThanOrEqualTo(count);
        Thread.sleep(300); // anything beyond count would be a duplicate: give it the chance to show
    }
}
