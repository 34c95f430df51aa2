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
}
