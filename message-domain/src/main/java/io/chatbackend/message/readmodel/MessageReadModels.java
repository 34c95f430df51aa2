package io.chatbackend.message.readmodel;

import java.util.Map;

import io.chatbackend.platform.cassandra.readmodel.ReadModelDefinition;

/** message-domain's Cassandra read model: sent messages by id, rebuilt from this context's event store. */
public final class MessageReadModels {

    public static final String MESSAGES = "messages";
    /** The tracking processor that keeps the model current from the event store. */
    public static final String MESSAGES_PROCESSOR = "read-model-messages";

    private MessageReadModels() {
    }

    public static ReadModelDefinition messages() {
        return new ReadModelDefinition(MESSAGES, Map.of("messages_by_id", """
                CREATE TABLE IF NOT EXISTS %s (
                    message_id bigint PRIMARY KEY,
                    dialog_id  uuid,
                    sender_id  uuid,
                    sender_seq bigint,
                    dialog_seq bigint,
                    body_type  text,
                    body       text,
                    sent_at    timestamp,
                    version    int
                )"""));
    }
}
