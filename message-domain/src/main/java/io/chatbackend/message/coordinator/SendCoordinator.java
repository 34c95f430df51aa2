package io.chatbackend.message.coordinator;

import io.chatbackend.dialog.contract.LaneCancelResponse;
import io.chatbackend.dialog.contract.LaneConfirmResponse;
import io.chatbackend.dialog.contract.LaneRefusals;
import io.chatbackend.message.command.SendDecision;
import io.chatbackend.message.integration.DialogLanes;
import io.chatbackend.message.integration.ParticipantUnreachableException;
import io.chatbackend.platform.snowflake.IdGenerationUnavailableException;
import io.chatbackend.platform.snowflake.SnowflakeGenerator;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The TCC coordinator of a send (DESIGN.md §3): dedup, begin, Try, decide, Confirm or Cancel, finish. Every local
 * step is its own short transaction; no transaction is open during a remote call. After a crash at any step the
 * recovery ({@link #recover}) drives the attempt to the outcome the design prescribes for that step.
 */
@Service
public class SendCoordinator {

    private static final Logger log = LoggerFactory.getLogger(SendCoordinator.class);

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final DialogLanes lanes;
    private final SnowflakeGenerator ids;
    private final Clock clock;
    private final CrashPoint crashPoint;
    private final MeterRegistry metrics;

    SendCoordinator(CommandGateway commands, JdbcTemplate jdbc, DialogLanes lanes, SnowflakeGenerator ids, Clock clock,
                    @Value("${chat.message.crash-point:NONE}") CrashPoint crashPoint, MeterRegistry metrics) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.lanes = lanes;
        this.ids = ids;
        this.clock = clock;
        this.crashPoint = crashPoint;
        this.metrics = metrics;
    }

    public SendResult send(UUID senderId, UUID dialogId, UUID clientMessageId, String text) {
        String bodyHash = hash(dialogId + "\n" + text);
        for (int round = 0; round < 3; round++) {
            Optional<KeyRow> existing = key(senderId, clientMessageId);
            if (existing.isPresent()) {
                KeyRow row = existing.get();
                if (!row.dialogId().equals(dialogId) || !row.bodyHash().equals(bodyHash)) {
                    return new SendResult.Refused(SendResult.Reason.IDEMPOTENCY_KEY_REUSED);
                }
                if ("SENT".equals(row.status())) {
                    return row.toSent(senderId);
                }
                if ("PENDING".equals(row.status())) {
                    return new SendResult.Pending(row.messageId());
                }
            }
            long messageId;
            try {
                messageId = ids.nextId();
            } catch (IdGenerationUnavailableException e) {
                return new SendResult.Refused(SendResult.Reason.ID_UNAVAILABLE);
            }
            String txId = Long.toString(messageId);
            SendRecords.StartResult started = commands.sendAndWait(new SendRecords.Start(txId, dialogId, senderId,
                    clientMessageId, text, bodyHash));
            if (started == SendRecords.StartResult.KEY_IN_USE) {
                continue; // another request with this key got there first: answer as its retry
            }
            CrashPoint.AFTER_BEGIN.reachedIf(crashPoint);
            return drive(txId, dialogId, senderId, clientMessageId);
        }
        return new SendResult.Refused(SendResult.Reason.DIALOG_UNAVAILABLE);
    }

    /**
     * One round trip: the participant tries and confirms in one local step and so decides (ADR 0018); this side
     * records what it decided. An unanswered call is settled at once by asking the participant to cancel, which
     * answers with the outcome it holds; if that goes unanswered too, the send stays pending for recovery.
     */
    private SendResult drive(String txId, UUID dialogId, UUID senderId, UUID clientMessageId) {
        LaneConfirmResponse answer;
        try {
            answer = lanes.tryAndConfirm(txId, dialogId, senderId);
        } catch (ParticipantUnreachableException e) {
            log.warn("Try-and-Confirm of {} got no answer: settling it with the participant ({})", txId,
                    e.getMessage());
            return settle(txId) ? answerFor(txId, senderId, clientMessageId, null)
                    : new SendResult.Pending(Long.parseLong(txId));
        }
        CrashPoint.AFTER_TRY_CONFIRM.reachedIf(crashPoint);
        record(txId, answer);
        return answerFor(txId, senderId, clientMessageId, answer.code());
    }

    /** Records the participant's decision: SENT with its sequences, or CANCELLED with its refusal. */
    private void record(String txId, LaneConfirmResponse answer) {
        if (LaneConfirmResponse.CONFIRMED.equals(answer.outcome())) {
            commands.sendAndWait(new SendRecords.Sent(txId, answer.senderSeq(), answer.dialogSeq(),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        } else {
            commands.sendAndWait(new SendRecords.Abandoned(txId, answer.code()));
        }
    }

    /**
     * Learns the outcome of a send whose Try-and-Confirm went unanswered and records it: a Cancel either cancels it
     * (also before it arrived: the participant's marker refuses it later) or answers that it was confirmed, and then
     * Confirm repeats the sequences. False if the participant did not answer.
     */
    private boolean settle(String txId) {
        LaneCancelResponse cancelled;
        try {
            cancelled = lanes.cancel(txId);
        } catch (ParticipantUnreachableException e) {
            log.warn("Cancel of {} got no answer: recovery will repeat it ({})", txId, e.getMessage());
            return false;
        }
        if ("ALREADY_CONFIRMED".equals(cancelled.outcome())) {
            return finishConfirm(txId);
        }
        commands.sendAndWait(new SendRecords.Abandoned(txId, "CANCELLED"));
        return true;
    }

    private SendResult answerFor(String txId, UUID senderId, UUID clientMessageId, String refusal) {
        Optional<KeyRow> row = key(senderId, clientMessageId).filter(found -> found.messageId() == Long.parseLong(txId));
        if (row.isPresent() && "SENT".equals(row.get().status())) {
            return row.get().toSent(senderId);
        }
        if (LaneRefusals.LANE_BUSY.equals(refusal)) {
            return new SendResult.Refused(SendResult.Reason.LANE_BUSY);
        }
        if (LaneRefusals.NOT_A_MEMBER.equals(refusal)) {
            return new SendResult.Refused(SendResult.Reason.DIALOG_NOT_FOUND);
        }
        return new SendResult.Refused(SendResult.Reason.DIALOG_UNAVAILABLE);
    }

    /** Confirms at the participant and records the outcome; false if the participant's answer is unknown. */
    private boolean finishConfirm(String txId) {
        LaneConfirmResponse confirmed;
        try {
            confirmed = lanes.confirm(txId);
        } catch (ParticipantUnreachableException e) {
            log.warn("Confirm of {} got no answer: recovery will repeat it ({})", txId, e.getMessage());
            return false;
        }
        if (LaneConfirmResponse.CONFIRMED.equals(confirmed.outcome())) {
            commands.sendAndWait(new SendRecords.Sent(txId, confirmed.senderSeq(), confirmed.dialogSeq(),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        } else {
            commands.sendAndWait(new SendRecords.Abandoned(txId, confirmed.code()));
        }
        return true;
    }

    /** Cancels at the participant; an unanswered Cancel is repeated by recovery. */
    private void finishCancel(String txId) {
        LaneCancelResponse cancelled;
        try {
            cancelled = lanes.cancel(txId);
        } catch (ParticipantUnreachableException e) {
            log.warn("Cancel of {} got no answer: recovery will repeat it ({})", txId, e.getMessage());
            return;
        }
        if ("ALREADY_CONFIRMED".equals(cancelled.outcome())) {
            log.error("Heuristic outcome for {}: recorded CANCEL, participant says ALREADY_CONFIRMED", txId);
            metrics.counter("chat.tcc.heuristic.outcomes").increment();
            commands.sendAndWait(new SendRecords.Heuristic(txId, "CANCELLED", "ALREADY_CONFIRMED"));
        } else {
            commands.sendAndWait(new SendRecords.Abandoned(txId, "CANCELLED"));
        }
    }

    /**
     * Drives every attempt untouched for {@code olderThan} to its end. An attempt without a recorded decision (this
     * version records none: the participant decides) is settled with the participant: cancelled if it never
     * confirmed, SENT with its sequences if it did. An attempt an earlier version decided is finished as decided:
     * CONFIRM → Confirm (SENT, or CANCELLED when too late); CANCEL → Cancel.
     */
    public int recover(Duration olderThan) {
        List<Attempt> attempts = jdbc.query("SELECT message_id, decision FROM send_attempt WHERE updated_at < now() - "
                + "?::interval ORDER BY message_id LIMIT 500", (rs, n) -> new Attempt(Long.toString(rs.getLong(1)),
                rs.getString(2)), olderThan.toMillis() + " milliseconds");
        int finished = 0;
        for (Attempt attempt : attempts) {
            try {
                if (attempt.decision() == null) {
                    settle(attempt.txId());
                } else if (SendDecision.valueOf(attempt.decision()) == SendDecision.CANCEL) {
                    finishCancel(attempt.txId());
                } else {
                    finishConfirm(attempt.txId());
                }
                finished++;
            } catch (RuntimeException e) {
                log.warn("Recovery of {} failed, will retry: {}", attempt.txId(), e.toString());
            }
            jdbc.update("UPDATE send_attempt SET updated_at = now() WHERE message_id = ?",
                    Long.parseLong(attempt.txId()));
        }
        return finished;
    }

    private Optional<KeyRow> key(UUID senderId, UUID clientMessageId) {
        return jdbc.query("SELECT message_id, dialog_id, body_hash, status, sender_seq, dialog_seq, sent_at FROM "
                        + "idempotency_key WHERE sender_id = ? AND client_message_id = ?",
                (rs, n) -> new KeyRow(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getLong(6), rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()),
                senderId, clientMessageId).stream().findFirst();
    }

    private record Attempt(String txId, String decision) {
    }

    private record KeyRow(long messageId, UUID dialogId, String bodyHash, String status, long senderSeq,
                          long dialogSeq, java.time.Instant sentAt) {

        SendResult.Sent toSent(UUID senderId) {
            return new SendResult.Sent(messageId, dialogId, senderId, senderSeq, dialogSeq, sentAt);
        }
    }

    private static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
