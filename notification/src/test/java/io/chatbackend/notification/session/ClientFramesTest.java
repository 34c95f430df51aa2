package io.chatbackend.notification.session;

import io.chatbackend.notification.dialogs.DialogDirectory;
import io.chatbackend.platform.web.ServiceTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and broken client frames: every one is answered with an error frame (or, for an unknown type, ignored),
 * never with an exception, and none reaches the node's actions with a value it cannot use.
 */
class ClientFramesTest {

    private static final String MAX = Long.toString((1L << 53) - 1);

    /** Never called: no frame here gets as far as dialog-domain. */
    private final DialogDirectory nowhere = new DialogDirectory("http://127.0.0.1:9",
            new ServiceTokens(null, "unused", "notification", "secret", "delivery", Clock.systemUTC()) {
                @Override
                public synchronized String token() {
                    return "unused";
                }
            });
    private final SessionOutbox outbox = new SessionOutbox(64, () -> {
    });
    private final LiveSession session = new LiveSession("s", UUID.randomUUID(), "d", outbox, History.of(nowhere),
            new RecentMessages(0, 1, () -> 0),
            new LiveSession.Settings(200, Duration.ofSeconds(1), 64), () -> {
            });
    private final List<String> actions = new ArrayList<>();
    private final ClientFrames frames = new ClientFrames(JsonMapper.builder().build(), new SessionActions() {
        @Override
        public void read(LiveSession s, UUID dialogId, long upToSeq) {
            actions.add("read " + upToSeq);
        }

        @Override
        public void ack(LiveSession s, UUID dialogId, long upToSeq) {
            actions.add("ack " + upToSeq);
        }

        @Override
        public void typing(LiveSession s, UUID dialogId) {
            actions.add("typing " + dialogId);
        }

        @Override
        public void subscribePresence(LiveSession s, Set<UUID> userIds) {
            actions.add("presence " + userIds.size());
        }
    });
    private final UUID dialog = UUID.randomUUID();

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void watermarksFrom1ToTheLargestSafeIntegerGoThrough() {
        for (String type : List.of("ack", "read")) {
            frames.apply(session, watermark(type, "1"));
            frames.apply(session, watermark(type, MAX));
        }
        assertThat(actions).containsExactly("ack 1", "ack " + MAX, "read 1", "read " + MAX);
        assertThat(errors()).isEmpty();
    }

    @Test
    void zeroAndHugeWatermarksAreOutOfRangeWithoutAsking() {
        for (String type : List.of("ack", "read")) {
            for (String value : List.of("0", Long.toString(1L << 53), Long.toString(Long.MAX_VALUE),
                    "99999999999999999999999999")) {
                frames.apply(session, watermark(type, value));
                assertThat(errors()).as("%s %s", type, value).containsExactly(
                        new FrameBody.Error("WATERMARK_OUT_OF_RANGE", type, dialog));
            }
        }
        assertThat(actions).isEmpty();
    }

    @Test
    void negativeFractionalOrNonNumericWatermarksAreMalformed() {
        for (String type : List.of("ack", "read")) {
            for (String value : List.of("-1", Long.toString(Long.MIN_VALUE), "-99999999999999999999999999", "1.5",
                    "1e3", "\"5\"", "null", "true", "[]", "{}")) {
                frames.apply(session, watermark(type, value));
                assertThat(errors()).as("%s %s", type, value).containsExactly(
                        new FrameBody.Error("MALFORMED_FRAME", type, dialog));
            }
            frames.apply(session, "{\"type\":\"" + type + "\",\"dialogId\":\"" + dialog + "\"}");
            frames.apply(session, "{\"type\":\"" + type + "\",\"dialogId\":\"not-a-uuid\",\"upToSeq\":1}");
            frames.apply(session, "{\"type\":\"" + type + "\",\"dialogId\":7,\"upToSeq\":1}");
            assertThat(errors()).extracting(FrameBody.Error::code).containsOnly("MALFORMED_FRAME").hasSize(3);
        }
        assertThat(actions).isEmpty();
    }

    @Test
    void typingNeedsADialogId() {
        frames.apply(session, "{\"type\":\"typing\"}");
        frames.apply(session, "{\"type\":\"typing\",\"dialogId\":" + Long.MAX_VALUE + "}");
        frames.apply(session, "{\"type\":\"typing\",\"dialogId\":\"" + "x".repeat(10_000) + "\"}");
        assertThat(errors()).containsExactly(new FrameBody.Error("MALFORMED_FRAME", "typing", null),
                new FrameBody.Error("MALFORMED_FRAME", "typing", null),
                new FrameBody.Error("MALFORMED_FRAME", "typing", null));
        frames.apply(session, "{\"type\":\"typing\",\"dialogId\":\"" + dialog + "\"}");
        assertThat(actions).containsExactly("typing " + dialog);
    }

    @Test
    void aResumeWithAnExtremeOrMalformedSeqIsRefusedAndChangesNothing() {
        for (String dialogs : List.of("{\"" + dialog + "\":-1}", "{\"" + dialog + "\":" + Long.MAX_VALUE + "}",
                "{\"" + dialog + "\":" + (1L << 53) + "}", "{\"" + dialog + "\":\"3\"}",
                "{\"" + dialog + "\":2.5}", "{\"not-a-uuid\":1}", "[1,2]", "7")) {
            frames.apply(session, "{\"type\":\"resume\",\"dialogs\":" + dialogs + "}");
            assertThat(errors()).as(dialogs).containsExactly(new FrameBody.Error("MALFORMED_FRAME", "resume", null));
        }
        assertThat(session.isSettled()).as("no resume started").isFalse();
    }

    @Test
    void notJsonIsMalformedAndAnUnknownTypeIsIgnored() {
        frames.apply(session, "{\"type\":");
        frames.apply(session, "\u0000\uFFFF");
        assertThat(errors()).containsExactly(new FrameBody.Error("MALFORMED_FRAME", null, null),
                new FrameBody.Error("MALFORMED_FRAME", null, null));
        frames.apply(session, "{\"type\":\"from-the-future\",\"upToSeq\":-1}");
        frames.apply(session, "[]");
        frames.apply(session, "42");
        assertThat(drain()).isEmpty();
        assertThat(actions).isEmpty();
    }

    private String watermark(String type, String upToSeq) {
        return "{\"type\":\"" + type + "\",\"dialogId\":\"" + dialog + "\",\"upToSeq\":" + upToSeq + "}";
    }

    /** The error frames produced since the last call. */
    private List<FrameBody.Error> errors() {
        return drain().stream().map(ServerFrame::body).filter(FrameBody.Error.class::isInstance)
                .map(FrameBody.Error.class::cast).toList();
    }

    private List<ServerFrame> drain() {
        List<ServerFrame> out = new ArrayList<>();
        ServerFrame frame;
        while ((frame = outbox.poll()) != null) {
            out.add(frame);
        }
        return out;
    }
}
