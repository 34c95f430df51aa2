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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The coordinator's local, durable steps (see {@link SendRecords}); nothing here calls another service. */
@Component
class SendRecordHandler {

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final SendLogWrites writes;
    private final CrashPoint crashPoint;

    SendRecordHandler(CommandGateway commands, JdbcTemplate jdbc,
                      @Value("${chat.message.crash-point:NONE}") CrashPoint crashPoint) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.writes = new SendLogWrites(jdbc);
        this.crashPoint = crashPoint;
    }

    /**
     * A group commit: the send log's rows of all steps in one statement per kind of change ({@link SendLogWrites}),
     * and each message's command nested with the audit metadata of its own request, all in this unit of work, so
     * they commit together or not at all.
     */
    @CommandHandler
    List<?> handle(SendRecords.Batch<?> batch) {
        if (batch.steps().stream().allMatch(SendRecords.Start.class::isInstance)) {
            return begin(batch.steps().stream().map(SendRecords.Start.class::cast).toList(), batch.stamps());
        }
        if (batch.steps().stream().allMatch(SendRecords.Sent.class::isInstance)) {
            return complete(batch.steps().stream().map(SendRecords.Sent.class::cast).toList(), batch.stamps());
        }
        throw new IllegalArgumentException("a batch holds starts or completions, not " + batch.steps());
    }

    /** Claims the dedup key (new, or replacing a cancelled attempt) and begins the message, atomically. */
    @CommandHandler
    SendRecords.StartResult handle(SendRecords.Start start) {
        return begin(List.of(start), List.of(Map.of())).get(0);
    }

    /** The key as this completion left it; null when it changed nothing (a repeat, or a cancelled message). */
    @CommandHandler
    SendLog.SendKey handle(SendRecords.Sent sent) {
        return complete(List.of(sent), List.of(Map.of())).get(0);
    }

    private List<SendRecords.StartResult> begin(List<SendRecords.Start> starts, List<Map<String, Object>> stamps) {
        boolean[] claimed = writes.claim(starts);
        List<SendRecords.Start> started = new ArrayList<>(starts.size());
        List<SendRecords.StartResult> results = new ArrayList<>(starts.size());
        for (int i = 0; i < starts.size(); i++) {
            if (claimed[i]) {
                started.add(starts.get(i));
            }
            results.add(claimed[i] ? SendRecords.StartResult.STARTED : SendRecords.StartResult.KEY_IN_USE);
        }
        writes.recordAttempts(started);
        for (int i = 0; i < starts.size(); i++) {
            if (claimed[i]) {
                SendRecords.Start start = starts.get(i);
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(new BeginSendCommand(start.messageId(),
                        start.dialogId(), start.senderId(), start.clientMessageId(), start.text()))
                        .andMetaData(stamps.get(i)));
                if (starts.size() > 1) {
                    CrashPoint.IN_BATCHED_BEGIN.reachedIf(crashPoint);
                }
            }
        }
        return results;
    }

    private List<SendLog.SendKey> complete(List<SendRecords.Sent> completions, List<Map<String, Object>> stamps) {
        List<SendRecords.Sent> firstTimes = new ArrayList<>(completions.size());
        List<Integer> firstTimeIndexes = new ArrayList<>(completions.size());
        for (int i = 0; i < completions.size(); i++) {
            SendRecords.Sent sent = completions.get(i);
            MessageStatus status = commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                    new CompleteSendCommand(sent.messageId(), sent.senderSeq(), sent.dialogSeq(), sent.sentAt()))
                    .andMetaData(stamps.get(i)));
            if (status == MessageStatus.SENT) {
                // only the first completion counts: a repeated one (live request and recovery racing) changes nothing
                firstTimes.add(sent);
                firstTimeIndexes.add(i);
            }
        }
        List<SendLog.SendKey> keys = new ArrayList<>(completions.size());
        completions.forEach(sent -> keys.add(null));
        List<SendLog.SendKey> completed = writes.sent(firstTimes);
        for (int j = 0; j < firstTimes.size(); j++) {
            keys.set(firstTimeIndexes.get(j), completed.get(j));
        }
        writes.attemptsDone(completions.stream().map(sent -> Long.parseLong(sent.messageId())).toList());
        return keys;
    }

    @CommandHandler
    MessageStatus handle(SendRecords.Abandoned abandoned) {
        MessageStatus status = commands.sendAndWait(new AbandonSendCommand(abandoned.messageId(), abandoned.reason()));
        long messageId = Long.parseLong(abandoned.messageId());
        writes.keyCancelled(messageId);
        writes.attemptsDone(List.of(messageId));
        return status;
    }

    @CommandHandler
    void handle(SendRecords.Heuristic heuristic) {
        long messageId = Long.parseLong(heuristic.messageId());
        jdbc.update("INSERT INTO heuristic_outcome (message_id, recorded, participant) VALUES (?, ?, ?) "
                + "ON CONFLICT (message_id) DO NOTHING", messageId, heuristic.recorded(), heuristic.participant());
        writes.attemptsDone(List.of(messageId));
    }
}
