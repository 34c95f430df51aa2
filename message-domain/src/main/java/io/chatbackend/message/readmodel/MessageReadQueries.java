package io.chatbackend.message.readmodel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.chatbackend.platform.cassandra.readmodel.ReadModelCatalog;

/** Reads sent messages from the {@code messages} read model. */
public class MessageReadQueries {

    private final CqlSession session;
    private final ReadModelCatalog catalog;

    public MessageReadQueries(CqlSession session, ReadModelCatalog catalog) {
        this.session = session;
        this.catalog = catalog;
    }

    /** The message as clients see it (the id a string), or empty if it was never sent or is not projected yet. */
    public Optional<Map<String, Object>> find(long messageId) {
        String table = catalog.readTable(MessageReadModels.MESSAGES, "messages_by_id");
        Row row = session.execute(session.prepare("SELECT * FROM " + table + " WHERE message_id = ?")
                .bind(messageId)).one();
        if (row == null) {
            return Optional.empty();
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("messageId", Long.toString(row.getLong("message_id")));
        message.put("dialogId", row.getUuid("dialog_id"));
        message.put("senderId", row.getUuid("sender_id"));
        message.put("senderSeq", row.getLong("sender_seq"));
        message.put("dialogSeq", row.getLong("dialog_seq"));
        message.put("body", Map.of("type", row.getString("body_type"), "text", row.getString("body")));
        message.put("sentAt", row.getInstant("sent_at"));
        message.put("version", row.getInt("version"));
        message.put("status", "SENT");
        message.put("epoch", catalog.epoch(MessageReadModels.MESSAGES));
        return Optional.of(message);
    }

    /** The dialog a message belongs to, if sent. */
    public Optional<UUID> dialogOf(long messageId) {
        return find(messageId).map(message -> (UUID) message.get("dialogId"));
    }
}
