package io.chatbackend.tools.load.send.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LiveSessionsTest {

    @Test
    void findsTheSendIndexInAMessageFrame() {
        assertThat(LiveSessions.sendIndexOf("{\"type\":\"message\",\"sessionSeq\":3,\"body\":{\"type\":\"text\","
                + "\"text\":\"bench-12345\"},\"dialogSeq\":9}")).isEqualTo(12345);
        assertThat(LiveSessions.sendIndexOf("{\"type\":\"message\",\"body\":{\"text\":\"hello\"}}")).isEqualTo(-1);
        assertThat(LiveSessions.sendIndexOf("{\"text\":\"bench-\"}")).isEqualTo(-1);
    }
}
