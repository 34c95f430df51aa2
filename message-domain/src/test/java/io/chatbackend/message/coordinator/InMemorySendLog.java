package io.chatbackend.message.coordinator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The send log's rules (one key per sender and client id, a cancelled key replaced, first completion wins). */
final class InMemorySendLog implements SendLog {

    private final Map<String, SendKey> keys = new LinkedHashMap<>();
    private final Map<String, String> keyOfMessage = new LinkedHashMap<>();
    private final Map<String, String> attempts = new LinkedHashMap<>(); // message id -> recorded decision or null
    final List<String> heuristics = new ArrayList<>();
    int keyReads;

    @Override
    public Optional<SendKey> key(UUID senderId, UUID clientMessageId) {
        keyReads++;
        return Optional.ofNullable(keys.get(senderId + ":" + clientMessageId));
    }

    @Override
    public boolean begin(SendRecords.Start start) {
        String id = start.senderId() + ":" + start.clientMessageId();
        SendKey existing = keys.get(id);
        if (existing != null && !("CANCELLED".equals(existing.status())
                && existing.dialogId().equals(start.dialogId()) && existing.bodyHash().equals(start.bodyHash()))) {
            return false;
        }
        keys.put(id, new SendKey(Long.parseLong(start.messageId()), start.dialogId(), start.bodyHash(), "PENDING", 0,
                0, null));
        keyOfMessage.put(start.messageId(), id);
        attempts.put(start.messageId(), null);
        return true;
    }

    /** An attempt as an earlier version left it: begun and decided, not finished. */
    void decided(SendRecords.Start start, String decision) {
        begin(start);
        attempts.put(start.messageId(), decision);
    }

    @Override
    public Optional<SendKey> sent(String messageId, long senderSeq, long dialogSeq, Instant sentAt) {
        String id = keyOfMessage.get(messageId);
        SendKey key = keys.get(id);
        attempts.remove(messageId);
        if (key.isPending() && key.messageId() == Long.parseLong(messageId)) {
            SendKey sent = new SendKey(key.messageId(), key.dialogId(), key.bodyHash(), "SENT", senderSeq, dialogSeq,
                    sentAt);
            keys.put(id, sent);
            return Optional.of(sent);
        }
        return Optional.empty();
    }

    @Override
    public void abandoned(String messageId, String reason) {
        String id = keyOfMessage.get(messageId);
        SendKey key = keys.get(id);
        if (key.isPending() && key.messageId() == Long.parseLong(messageId)) {
            keys.put(id, new SendKey(key.messageId(), key.dialogId(), key.bodyHash(), "CANCELLED", 0, 0, null));
        }
        attempts.remove(messageId);
    }

    @Override
    public void heuristic(String messageId, String recorded, String participant) {
        heuristics.add(messageId + " " + recorded + "/" + participant);
        attempts.remove(messageId);
    }

    @Override
    public List<UnfinishedSend> unfinished(Duration olderThan, int limit) {
        return attempts.entrySet().stream().limit(limit)
                .map(attempt -> new UnfinishedSend(attempt.getKey(), attempt.getValue(), null)).toList();
    }

    String status(String messageId) {
        return keys.get(keyOfMessage.get(messageId)).status();
    }
}
