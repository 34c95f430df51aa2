package io.chatbackend.notification.session;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class FrameJsonTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final FrameJson frames = new FrameJson(json);

    @Test
    void framesCarryTypeAndSessionSeqFirstAndTheirMembers() {
        UUID dialog = UUID.randomUUID();
        UUID sender = UUID.randomUUID();
        String text = frames.write(new ServerFrame(7, new FrameBody.Message(dialog, "7301450342400000001", sender, 4,
                17, new FrameBody.Message.Body("text", "hi"), Instant.parse("2026-11-23T10:15:30.120Z"))));
        assertThat(text).startsWith("{\"type\":\"message\",\"sessionSeq\":7,");
        JsonNode node = json.readTree(text);
        assertThat(node.get("dialogId").asString()).isEqualTo(dialog.toString());
        assertThat(node.get("messageId").isString()).as("64-bit ids are strings").isTrue();
        assertThat(node.get("dialogSeq").asLong()).isEqualTo(17);
        assertThat(node.get("body").get("text").asString()).isEqualTo("hi");
        assertThat(node.get("sentAt").asString()).isEqualTo("2026-11-23T10:15:30.120Z");

        assertThat(json.readTree(frames.write(new ServerFrame(9, new FrameBody.Gap(4, 7)))).toString())
                .isEqualTo("{\"type\":\"gap\",\"sessionSeq\":9,\"fromSessionSeq\":4,\"toSessionSeq\":7}");
        assertThat(frames.write(new ServerFrame(2, new FrameBody.Pong()))).isEqualTo("{\"type\":\"pong\",\"sessionSeq\":2}");
    }

    @Test
    void oneBodyForManySessionsIsRenderedWithEachSessionsOwnNumber() {
        FrameBody.Message shared = new FrameBody.Message(UUID.randomUUID(), "7301450342400000002", UUID.randomUUID(),
                1, 2, new FrameBody.Message.Body("text", "to everyone"), Instant.parse("2026-11-23T10:15:30Z"));
        String first = frames.write(new ServerFrame(1, shared));
        String second = frames.write(new ServerFrame(41, shared));
        String equalButNotSame = frames.write(new ServerFrame(5, new FrameBody.Message(shared.dialogId(),
                shared.messageId(), shared.senderId(), 1, 2, shared.body(), shared.sentAt())));

        assertThat(json.readTree(first).get("sessionSeq").asLong()).isEqualTo(1);
        assertThat(json.readTree(second).get("sessionSeq").asLong()).isEqualTo(41);
        assertThat(second).isEqualTo(first.replace("\"sessionSeq\":1,", "\"sessionSeq\":41,"));
        assertThat(equalButNotSame).isEqualTo(first.replace("\"sessionSeq\":1,", "\"sessionSeq\":5,"));
        assertThat(json.readTree(second).get("body").get("text").asString()).isEqualTo("to everyone");
    }
}
