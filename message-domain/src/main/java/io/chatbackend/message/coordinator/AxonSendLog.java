package io.chatbackend.message.coordinator;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The send log on this context's database: each recording step is a root command ({@link SendRecords}, handled by
 * {@link SendRecordHandler}) so the message aggregate's event and the coordinator's rows commit in one unit of work;
 * reads go to the rows directly.
 */
@Component
class AxonSendLog implements SendLog {

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;

    AxonSendLog(CommandGateway commands, JdbcTemplate jdbc) {
        this.commands = commands;
        this.jdbc = jdbc;
    }

    @Override
    public Optional<SendKey> key(UUID senderId, UUID clientMessageId) {
        return jdbc.query("SELECT message_id, dialog_id, body_hash, status, sender_seq, dialog_seq, sent_at FROM "
                        + "idempotency_key WHERE sender_id = ? AND client_message_id = ?",
                (rs, n) -> new SendKey(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getLong(6), rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()),
                senderId, clientMessageId).stream().findFirst();
    }

    @Override
    public boolean begin(SendRecords.Start start) {
        return commands.sendAndWait(start) == SendRecords.StartResult.STARTED;
    }

    @Override
    public void sent(String messageId, long senderSeq, long dialogSeq, Instant sentAt) {
        commands.sendAndWait(new SendRecords.Sent(messageId, senderSeq, dialogSeq, sentAt));
    }

    @Override
    public void abandoned(String messageId, String reason) {
        commands.sendAndWait(new SendRecords.Abandoned(messageId, reason));
    }

    @Override
    public void heuristic(String messageId, String recorded, String participant) {
        commands.sendAndWait(new SendRecords.Heuristic(messageId, recorded, participant));
    }

    @Override
    public List<UnfinishedSend> unfinished(Duration olderThan, int limit) {
        List<UnfinishedSend> found = jdbc.query("UPDATE send_attempt SET updated_at = now() WHERE message_id IN ("
                        + "SELECT message_id FROM send_attempt WHERE updated_at < now() - ?::interval "
                        + "ORDER BY message_id LIMIT ?) RETURNING message_id, decision",
                (rs, n) -> new UnfinishedSend(Long.toString(rs.getLong(1)), rs.getString(2)),
                olderThan.toMillis() + " milliseconds", limit);
        return found.stream().sorted((a, b) -> Long.compare(Long.parseLong(a.messageId()),
                Long.parseLong(b.messageId()))).toList();
    }
}
