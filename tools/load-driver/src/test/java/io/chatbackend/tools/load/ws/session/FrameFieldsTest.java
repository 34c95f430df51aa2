package io.chatbackend.tools.load.ws.session;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FrameFieldsTest {

    @Test
    void aMessageFrameGivesItsSequencesIdsAndText() {
        FrameFields frame = FrameFields.parse("{\"type\":\"message\",\"sessionSeq\":2,\"dialogId\":\"5e0c3b0e\","
                + "\"messageId\":\"7301450342400000001\",\"senderId\":\"9b2f\",\"senderSeq\":4,\"dialogSeq\":17,"
                + "\"body\":{\"type\":\"text\",\"text\":\"wsL-3\",\"dialogSeq\":99},\"sentAt\":\"2026-11-23T10:15:30Z\","
                + "\"extra\":{\"nested\":[1,{\"dialogSeq\":5}]}}");
        assertThat(frame).isEqualTo(new FrameFields("message", 2, "5e0c3b0e", 17, "7301450342400000001", "9b2f", 4,
                "wsL-3", 0, 0));
        assertThat(frame.is("message")).isTrue();
    }

    @Test
    void welcomeAndGapFrames() {
        assertThat(FrameFields.parse("{\"type\":\"welcome\",\"sessionSeq\":1,\"sessionId\":\"s\",\"epoch\":3}"))
                .satisfies(f -> {
                    assertThat(f.is("welcome")).isTrue();
                    assertThat(f.sessionSeq()).isEqualTo(1);
                });
        FrameFields gap = FrameFields.parse("{\"type\":\"gap\",\"sessionSeq\":300,\"fromSessionSeq\":258,"
                + "\"toSessionSeq\":299}");
        assertThat(gap.fromSessionSeq()).isEqualTo(258);
        assertThat(gap.toSessionSeq()).isEqualTo(299);
    }

    @Test
    void somethingElseHasNoType() {
        assertThat(FrameFields.parse("not json").type()).isNull();
        assertThat(FrameFields.parse("[1,2]").type()).isNull();
        assertThat(FrameFields.parse("{\"type\":7}").type()).isNull();
    }

    @Test
    void theResumeNamesWhatIsHeld() {
        Map<String, Long> held = new LinkedHashMap<>();
        assertThat(Connection.resumeFrame(held)).isEqualTo("{\"type\":\"resume\",\"dialogs\":{}}");
        held.put("d1", 16L);
        held.put("d2", 3L);
        assertThat(Connection.resumeFrame(held)).isEqualTo("{\"type\":\"resume\",\"dialogs\":{\"d1\":16,\"d2\":3}}");
    }
}
