package io.chatbackend.message.coordinator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    /**
     * Several steps of one kind in one unit of work (group commit), each with the audit metadata of the request it
     * belongs to; answered in their order.
     */
    record Batch<T>(List<T> steps, List<Map<String, Object>> stamps) {

        Batch {
            steps = List.copyOf(steps);
            stamps = List.copyOf(stamps);
        }
    }

    record Heuristic(String messageId, String recorded, String participant) {
    }
}
