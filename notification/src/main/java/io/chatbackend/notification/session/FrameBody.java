package io.chatbackend.notification.session;

import java.time.Instant;
import java.util.UUID;

/**
 * The content of a server frame; {@link ServerFrame} adds its {@code sessionSeq}. The JSON form is
 * {@code {"type": ..., "sessionSeq": ..., <the record's components>}} (see {@code asyncapi.yaml}).
 */
public sealed interface FrameBody {

    /** The frame's {@code type} member. */
    String type();

    /** First frame of every session. {@code epoch} is the read models' epoch last seen by this node. */
    record Welcome(String sessionId, UUID userId, String deviceId, long epoch) implements FrameBody {
        @Override
        public String type() {
            return "welcome";
        }
    }

    /** One message of a dialog, live or while catching up. {@code messageId} is a string (64-bit ids). */
    record Message(UUID dialogId, String messageId, UUID senderId, long senderSeq, long dialogSeq, Body body,
                   Instant sentAt) implements FrameBody {
        @Override
        public String type() {
            return "message";
        }

        /** The content of a message; only {@code "text"} so far. */
        public record Body(String type, String text) {
        }
    }

    /** Frames {@code fromSessionSeq..toSessionSeq} were dropped (the session's queue was full): resync. */
    record Gap(long fromSessionSeq, long toSessionSeq) implements FrameBody {
        @Override
        public String type() {
            return "gap";
        }
    }

    /** The answer to a client's {@code ping}. */
    record Pong() implements FrameBody {
        @Override
        public String type() {
            return "pong";
        }
    }
}
