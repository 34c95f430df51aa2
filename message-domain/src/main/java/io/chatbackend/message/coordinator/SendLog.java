package io.chatbackend.message.coordinator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A send's durable state in one place: its dedup key, its unfinished attempt and its message. Each recording step
 * is one local transaction (the message aggregate's event and the coordinator's rows commit together).
 */
interface SendLog {

    /** The dedup key of {@code (senderId, clientMessageId)}, if any attempt claimed it. */
    Optional<SendKey> key(UUID senderId, UUID clientMessageId);

    /** Claims the key (new, or replacing a cancelled attempt) and begins the message; false if the key is in use. */
    boolean begin(SendRecords.Start start);

    /**
     * The participant confirmed: the message is SENT with its sequences (only the first completion counts).
     *
     * @return the key as this step left it; empty when this step changed nothing (a repeated completion)
     */
    Optional<SendKey> sent(String messageId, long senderSeq, long dialogSeq, Instant sentAt);

    /** The send ended without a message: CANCELLED, for {@code reason}. */
    void abandoned(String messageId, String reason);

    /** The participant's answer contradicts the recorded outcome: kept for an operator, never dropped. */
    void heuristic(String messageId, String recorded, String participant);

    /** Attempts untouched for {@code olderThan}, oldest first; each is marked touched as it is listed. */
    List<UnfinishedSend> unfinished(Duration olderThan, int limit);

    /** A dedup key's row. */
    record SendKey(long messageId, UUID dialogId, String bodyHash, String status, long senderSeq, long dialogSeq,
                   Instant sentAt) {

        boolean isSent() {
            return "SENT".equals(status);
        }

        boolean isPending() {
            return "PENDING".equals(status);
        }

        SendResult.Sent toSent(UUID senderId) {
            return new SendResult.Sent(messageId, dialogId, senderId, senderSeq, dialogSeq, sentAt);
        }
    }

    /**
     * An attempt not yet finished, the decision an earlier version recorded for it (null: none), and whose send it
     * is (recovery acts on their behalf).
     */
    record UnfinishedSend(String messageId, String decision, UUID senderId) {
    }
}
