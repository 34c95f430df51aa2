package io.chatbackend.dialog.readmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.datastax.oss.driver.api.core.CqlSession;
import io.chatbackend.message.contract.MessageSent;

/**
 * Projects message-domain's {@link MessageSent} events into the dialog timeline and each dialog's latest activity.
 * Idempotent and order-independent: a row's write timestamp is its version (the timeline) or its dialogSeq and
 * version (the activity), so replays and redeliveries change nothing and the highest dialogSeq always wins.
 */
public class TimelineProjection {

    private static final String INSERT_TIMELINE = "INSERT INTO %s (dialog_id, bucket, dialog_seq, message_id, "
            + "sender_id, sender_seq, body_type, body, sent_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "USING TIMESTAMP ?";
    private static final String UPDATE_ACTIVITY = "UPDATE %s USING TIMESTAMP ? SET last_dialog_seq = ?, "
            + "last_message_id = ?, last_sender_id = ?, last_sender_seq = ?, last_version = ?, last_body_type = ?, "
            + "last_body = ?, last_sent_at = ? "
            + "WHERE dialog_id = ?";

    /** Versions below this fit in one dialogSeq's slot of the activity's write timestamp. */
    private static final long VERSION_SLOTS = 1024;

    private final CqlWriter writer;

    public TimelineProjection(CqlSession session) {
        this.writer = new CqlWriter(session);
    }

    /** Writes the message to the tables {@code tables} names for each logical table. */
    public void apply(MessageSent message, Function<String, List<String>> tables) {
        applyAll(List.of(message), tables);
    }

    /**
     * Writes the messages all at once and waits for every write: order does not matter (see the class comment),
     * so a batch costs about one round trip.
     */
    public void applyAll(List<MessageSent> messages, Function<String, List<String>> tables) {
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (MessageSent message : messages) {
            writes.addAll(writes(message, tables));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    }

    private List<CompletableFuture<?>> writes(MessageSent message, Function<String, List<String>> tables) {
        List<CompletableFuture<?>> writes = new ArrayList<>();
        long messageId = Long.parseLong(message.messageId());
        String bodyType = message.body() == null ? null : message.body().type();
        String body = message.body() == null ? null : message.body().text();
        int version = Math.max(1, message.version());
        for (String table : tables.apply("timeline")) {
            writes.add(writer.execute(table, INSERT_TIMELINE, message.dialogId(),
                    DialogReadModels.bucketOf(message.dialogSeq()), message.dialogSeq(), messageId,
                    message.senderId(), message.senderSeq(), bodyType, body, message.sentAt(), version,
                    (long) version).toCompletableFuture());
        }
        for (String table : tables.apply("dialog_activity")) {
            writes.add(writer.execute(table, UPDATE_ACTIVITY, message.dialogSeq() * VERSION_SLOTS + version,
                    message.dialogSeq(), messageId, message.senderId(), message.senderSeq(), version, bodyType, body,
                    message.sentAt(), message.dialogId()).toCompletableFuture());
        }
        return writes;
    }
}
