package io.chatbackend.notification.session;

import com.fasterxml.jackson.annotation.JsonInclude;

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

    /**
     * A watermark of a member of one of the session's dialogs: {@code kind} {@code "read"} (the user read up to
     * {@code upToSeq}) or {@code "delivered"} (one device, {@code deviceId}, has everything up to it). Never lower
     * than one already sent to this session for the same dialog, user (and device).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Receipt(UUID dialogId, UUID userId, String kind, String deviceId, long upToSeq) implements FrameBody {
        public static final String READ = "read";
        public static final String DELIVERED = "delivered";

        @Override
        public String type() {
            return "receipt";
        }
    }

    /** Another member is typing in a dialog (ephemeral: never stored, never resent). */
    record Typing(UUID dialogId, UUID userId) implements FrameBody {
        @Override
        public String type() {
            return "typing";
        }
    }

    /** A subscribed user's presence changed ({@code lastSeenAt} null while online and never seen offline). */
    record Presence(UUID userId, boolean online, java.time.Instant lastSeenAt) implements FrameBody {
        @Override
        public String type() {
            return "presence";
        }
    }

    /**
     * A client frame could not be carried out: {@code code} as in the REST API's problem details, {@code frame} the
     * client frame's type (absent when it had none, or for {@code RATE_LIMITED}, which concerns no single frame).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(String code, String frame, UUID dialogId) implements FrameBody {
        public static final String MALFORMED_FRAME = FrameErrorCode.MALFORMED_FRAME.name();
        public static final String WATERMARK_OUT_OF_RANGE = FrameErrorCode.WATERMARK_OUT_OF_RANGE.name();
        public static final String DIALOG_NOT_FOUND = FrameErrorCode.DIALOG_NOT_FOUND.name();
        public static final String RATE_LIMITED = FrameErrorCode.RATE_LIMITED.name();
        public static final String UNAVAILABLE = FrameErrorCode.UNAVAILABLE.name();

        @Override
        public String type() {
            return "error";
        }
    }
}
