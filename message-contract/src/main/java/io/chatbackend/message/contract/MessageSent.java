package io.chatbackend.message.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * Integration event (v1): a message was accepted into its dialog's history (its send completed as {@code SENT}).
 * Published on {@link #TOPIC}, keyed by {@code dialogId}, in the order message-domain recorded the sends. A
 * cancelled send is never published.
 *
 * <p>Consumers read it tolerantly (unknown fields are ignored) and idempotently: {@code (dialogId, dialogSeq)}
 * and {@code messageId} identify the message, {@code version} orders later edits of it (1 for the original).
 *
 * @param messageId the snowflake id, as a decimal string
 * @param dialogId  the dialog
 * @param senderId  the sending user
 * @param senderSeq dense per (dialog, sender), from 1
 * @param dialogSeq dense per dialog, from 1; the message's place in the history
 * @param body      the content
 * @param sentAt    when the send completed
 * @param version   1 for the original; later edits and deletes publish higher versions
 */
public record MessageSent(String messageId, UUID dialogId, UUID senderId, long senderSeq, long dialogSeq,
                          Body body, Instant sentAt, int version) {

    public static final String TYPE = "MessageSent";
    public static final int VERSION = 1;
    public static final String TOPIC = "message.messages.v1";
    /** The classpath resource holding a complete sample envelope of this event. */
    public static final String SAMPLE = "contract-samples/MessageSent.v1.json";

    /** The content of a message; only {@code "text"} so far. */
    public record Body(String type, String text) {
    }
}
