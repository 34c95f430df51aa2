package io.chatbackend.notification;

import io.chatbackend.platform.testing.WsClient;

import io.chatbackend.dialog.contract.events.DialogTopics;
import io.chatbackend.dialog.contract.events.MemberJoined;
import io.chatbackend.message.contract.MessageSent;
import io.chatbackend.platform.events.IntegrationEvent;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.testing.StubIdentityProvider;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The producers' events as they publish them, built from their contract samples (so the consumer reads exactly the
 * published shape), and a session opened the way a client does (ticket, then WebSocket).
 */
final class ContractEvents {

    private static final AtomicLong DIALOG_EVENT_SEQ = new AtomicLong();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final IntegrationEventCodec codec;

    ContractEvents(IntegrationEventCodec codec) {
        this.codec = codec;
    }

    /** dialog-domain's MemberJoined. */
    IntegrationEvent memberJoined(UUID dialog, UUID user, long joinedAtSeq) {
        ObjectNode envelope = sample(DialogTopics.sample(MemberJoined.TYPE));
        envelope.put("eventId", UUID.randomUUID().toString());
        envelope.put("aggregateId", dialog.toString());
        envelope.put("aggregateSequence", DIALOG_EVENT_SEQ.incrementAndGet());
        ObjectNode payload = (ObjectNode) envelope.get("payload");
        payload.put("dialogId", dialog.toString());
        payload.put("userId", user.toString());
        payload.put("joinedAtSeq", joinedAtSeq);
        return codec.fromTree(envelope);
    }

    /** dialog-domain's ReadWatermarkAdvanced of a send (the sender has read up to their own message). */
    IntegrationEvent readWatermarkBySending(UUID dialog, UUID user, long readSeq) {
        IntegrationEvent marked = readWatermark(dialog, user, readSeq);
        ObjectNode envelope = (ObjectNode) codec.toTree(marked);
        ((ObjectNode) envelope.get("payload")).put("bySending", true);
        return codec.fromTree(envelope);
    }

    /** dialog-domain's ReadWatermarkAdvanced of a mark-read. */
    IntegrationEvent readWatermark(UUID dialog, UUID user, long readSeq) {
        ObjectNode envelope = sample(io.chatbackend.dialog.contract.events.DialogTopics.sample(
                io.chatbackend.dialog.contract.events.ReadWatermarkAdvanced.TYPE));
        envelope.put("eventId", UUID.randomUUID().toString());
        envelope.put("aggregateId", dialog.toString());
        envelope.put("aggregateSequence", DIALOG_EVENT_SEQ.incrementAndGet());
        ObjectNode payload = (ObjectNode) envelope.get("payload");
        payload.put("dialogId", dialog.toString());
        payload.put("userId", user.toString());
        payload.put("readSeq", readSeq);
        return codec.fromTree(envelope);
    }

    /** user-client's DeviceRevoked. */
    IntegrationEvent deviceRevoked(UUID user, String device) {
        ObjectNode envelope = sample(io.chatbackend.userclient.contract.DeviceRevoked.SAMPLE);
        envelope.put("eventId", UUID.randomUUID().toString());
        envelope.put("aggregateId", user.toString());
        ObjectNode payload = (ObjectNode) envelope.get("payload");
        payload.put("userId", user.toString());
        payload.put("deviceId", device);
        return codec.fromTree(envelope);
    }

    /** user-client's PresenceChanged. */
    IntegrationEvent presenceChanged(UUID user, boolean online) {
        ObjectNode envelope = sample(io.chatbackend.userclient.contract.PresenceChanged.SAMPLE);
        envelope.put("eventId", UUID.randomUUID().toString());
        envelope.put("aggregateId", user.toString());
        ObjectNode payload = (ObjectNode) envelope.get("payload");
        payload.put("userId", user.toString());
        payload.put("online", online);
        return codec.fromTree(envelope);
    }

    /** message-domain's MessageSent for a confirmed message. */
    IntegrationEvent messageSent(DialogDomainStandIn.Item item) {
        ObjectNode envelope = sample(MessageSent.SAMPLE);
        envelope.put("eventId", UUID.randomUUID().toString());
        envelope.put("aggregateId", item.messageId());
        ObjectNode payload = (ObjectNode) envelope.get("payload");
        payload.put("messageId", item.messageId());
        payload.put("dialogId", item.dialogId().toString());
        payload.put("senderId", item.senderId().toString());
        payload.put("senderSeq", item.senderSeq());
        payload.put("dialogSeq", item.dialogSeq());
        ((ObjectNode) payload.get("body")).put("text", item.text());
        payload.put("sentAt", item.sentAt().toString());
        return codec.fromTree(envelope);
    }

    /** A ticket for the user's device from the node at {@code port}, then the WebSocket, up to its welcome. */
    static WsClient open(int port, StubIdentityProvider identity, UUID user, String device) throws Exception {
        WsClient client = connect(port, identity, user, device);
        await().atMost(Duration.ofSeconds(20)).until(() -> !client.frames().isEmpty());
        return client;
    }

    /** A ticket from the node, then the socket (not waiting for anything). */
    static WsClient connect(int port, StubIdentityProvider identity, UUID user, String device) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/ws/ticket")).POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + identity.userToken(user, device)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String ticket = JSON.readTree(response.body()).get("ticket").asString();
        return WsClient.connect("ws://127.0.0.1:" + port + "/ws?ticket=" + ticket, false);
    }

    private ObjectNode sample(String resource) {
        try {
            return (ObjectNode) codec.toTree(codec.decode(new ClassPathResource(resource)
                    .getContentAsString(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
