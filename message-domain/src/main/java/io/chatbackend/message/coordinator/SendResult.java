package io.chatbackend.message.coordinator;

import java.time.Instant;
import java.util.UUID;

/** The answer to a send (docs/architecture.md §3's retry table), before it becomes HTTP. */
public sealed interface SendResult {

    record Sent(long messageId, UUID dialogId, UUID senderId, long senderSeq, long dialogSeq, Instant sentAt)
            implements SendResult {
    }

    record Pending(long messageId) implements SendResult {
    }

    record Refused(Reason reason) implements SendResult {
    }

    enum Reason {
        /** Same key, different dialog or body. */
        IDEMPOTENCY_KEY_REUSED,
        /** The sender's lane holds another send; retry shortly. */
        LANE_BUSY,
        /** No such dialog, or the sender is not a member. */
        DIALOG_NOT_FOUND,
        /** The attempt is known cancelled; retrying with the same key starts a new attempt. */
        DIALOG_UNAVAILABLE,
        /** No message id can be issued right now. */
        ID_UNAVAILABLE
    }
}
