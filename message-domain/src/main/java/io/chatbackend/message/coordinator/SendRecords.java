package io.chatbackend.message.coordinator;

import java.time.Instant;
import java.util.UUID;

/**
 * Root commands of the coordinator's local steps. Each is one unit of work: the message aggregate's event and the
 * coordinator's tables (dedup keys, unfinished attempts, the message view) commit together.
 */
final class SendRecords {

    private SendRecords() {
    }

    record Start(String messageId, UUID dialogId, UUID senderId, UUID clientMessageId, String text, String bodyHash) {
    }

    enum StartResult { STARTED, KEY_IN_USE }

    record Sent(String messageId, long senderSeq, long dialogSeq, Instant sentAt) {
    }

    record Abandoned(String messageId, String reason) {
    }

    record Heuristic(String messageId, String recorded, String participant) {
    }
}
