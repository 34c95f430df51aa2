package io.chatbackend.message.readmodel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.chatbackend.message.command.MessageSentEvent;
import org.axonframework.eventhandling.EventMessage;

/**
 * Projects sent messages into {@code messages_by_id}. Only {@link MessageSentEvent}s reach it, so a cancelled send
 * never appears (G5). The row's write timestamp is the message's version, so replays and redeliveries change
 * nothing and a later edit wins.
 */
public class MessagesProjection {

    private static final String INSERT = "INSERT INTO %s (message_id, dialog_id, sender_id, sender_seq, dialog_seq, "
            + "body_type, body, sent_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?";
    private static final int ORIGINAL_VERSION = 1;

    private final CqlSession session;
    private final Map<String, PreparedStatement> prepared = new ConcurrentHashMap<>();

    public MessagesProjection(CqlSession session) {
        this.session = session;
    }

    /** Starts the writes for one event without waiting (writes of different messages never conflict). */
    public List<CompletableFuture<?>> writes(EventMessage<?> message, Function<String, List<String>> tables) {
        if (!(message.getPayload() instanceof MessageSentEvent sent)) {
            return List.of();
        }
        return tables.apply("messages_by_id").stream()
                .map(table -> session.executeAsync(prepared.computeIfAbsent(INSERT.formatted(table), session::prepare)
                        .bind(Long.parseLong(sent.messageId()), sent.dialogId(), sent.senderId(), sent.senderSeq(),
                                sent.dialogSeq(), "text", sent.text(), sent.sentAt(), ORIGINAL_VERSION,
                                (long) ORIGINAL_VERSION)).toCompletableFuture())
                .<CompletableFuture<?>>map(write -> write)
                .toList();
    }
}
