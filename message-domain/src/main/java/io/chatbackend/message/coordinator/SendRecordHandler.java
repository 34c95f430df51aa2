package io.chatbackend.message.coordinator;

import io.chatbackend.message.command.AbandonSendCommand;
import io.chatbackend.message.command.BeginSendCommand;
import io.chatbackend.message.command.CompleteSendCommand;
import io.chatbackend.message.command.MessageStatus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** The coordinator's local, durable steps (see {@link SendRecords}); nothing here calls another service. */
@Component
class SendRecordHandler {

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final CrashPoint crashPoint;

    SendRecordHandler(CommandGateway commands, JdbcTemplate jdbc,
                      @Value("${chat.message.crash-point:NONE}") CrashPoint crashPoint) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.crashPoint = crashPoint;
    }

    /**
     * A group commit: each step as its own nested command with the audit metadata of its request, all in this unit
     * of work, so they commit together or not at all.
     */
    @CommandHandler
    List<Object> handle(SendRecords.Batch<?> batch) {
        List<Object> results = new ArrayList<>(batch.steps().size());
        for (int i = 0; i < batch.steps().size(); i++) {
            Object step = batch.steps().get(i);
            results.add(commands.sendAndWait(GenericCommandMessage.asCommandMessage(step)
                    .andMetaData(batch.stamps().get(i))));
            if (i == 0 && batch.steps().size() > 1 && step instanceof SendRecords.Start) {
                CrashPoint.IN_BATCHED_BEGIN.reachedIf(crashPoint);
            }
        }
        return results;
    }

    /** Claims the dedup key (new, or replacing a cancelled attempt) and begins the message, atomically. */
    @CommandHandler
    SendRecords.StartResult handle(SendRecords.Start start) {
        long messageId = Long.parseLong(start.messageId());
        int claimed = jdbc.update(SendLogStatements.CLAIM_KEY, start.senderId(), start.clientMessageId(), messageId,
                start.dialogId(), start.bodyHash());
        if (claimed == 0) {
            return SendRecords.StartResult.KEY_IN_USE;
        }
        jdbc.update(SendLogStatements.RECORD_ATTEMPT, messageId, start.dialogId(), start.senderId(), start.text());
        commands.sendAndWait(new BeginSendCommand(start.messageId(), start.dialogId(), start.senderId(),
                start.clientMessageId(), start.text()));
        return SendRecords.StartResult.STARTED;
    }

    /** The key as this completion left it; null when it changed nothing (a repeat, or a cancelled message). */
    @CommandHandler
    SendLog.SendKey handle(SendRecords.Sent sent) {
        MessageStatus status = commands.sendAndWait(new CompleteSendCommand(sent.messageId(), sent.senderSeq(),
                sent.dialogSeq(), sent.sentAt()));
        long messageId = Long.parseLong(sent.messageId());
        SendLog.SendKey key = null;
        if (status == MessageStatus.SENT) {
            // only the first completion counts: a repeated one (live request and recovery racing) changes nothing
            key = jdbc.query(SendLogStatements.KEY_SENT, SendLogStatements.KEY_ROW, sent.senderSeq(), sent.dialogSeq(),
                    Timestamp.from(sent.sentAt()), messageId).stream().findFirst().orElse(null);
        }
        jdbc.update(SendLogStatements.ATTEMPT_DONE, messageId);
        return key;
    }

    @CommandHandler
    MessageStatus handle(SendRecords.Abandoned abandoned) {
        MessageStatus status = commands.sendAndWait(new AbandonSendCommand(abandoned.messageId(), abandoned.reason()));
        long messageId = Long.parseLong(abandoned.messageId());
        jdbc.update(SendLogStatements.KEY_CANCELLED, messageId);
        jdbc.update(SendLogStatements.ATTEMPT_DONE, messageId);
        return status;
    }

    @CommandHandler
    void handle(SendRecords.Heuristic heuristic) {
        long messageId = Long.parseLong(heuristic.messageId());
        jdbc.update("INSERT INTO heuristic_outcome (message_id, recorded, participant) VALUES (?, ?, ?) "
                + "ON CONFLICT (message_id) DO NOTHING", messageId, heuristic.recorded(), heuristic.participant());
        jdbc.update(SendLogStatements.ATTEMPT_DONE, messageId);
    }
}
