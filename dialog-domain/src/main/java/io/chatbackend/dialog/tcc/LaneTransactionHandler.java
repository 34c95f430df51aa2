package io.chatbackend.dialog.tcc;

import io.chatbackend.dialog.command.AppendMessageCommand;
import io.chatbackend.dialog.command.ConfirmLaneCommand;
import io.chatbackend.dialog.command.DialogCommandResult;
import io.chatbackend.dialog.command.LaneOutcome;
import io.chatbackend.dialog.command.LaneRelease;
import io.chatbackend.dialog.command.ReleaseLaneCommand;
import io.chatbackend.dialog.command.ReserveLaneCommand;
import io.chatbackend.dialog.command.SenderLane;
import io.chatbackend.dialog.command.TakeLaneCommand;
import io.chatbackend.platform.tcc.CancelOutcome;
import io.chatbackend.platform.tcc.ConfirmOutcome;
import io.chatbackend.platform.tcc.TccCodes;
import io.chatbackend.platform.tcc.TccFence;
import io.chatbackend.platform.tcc.TryOutcome;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The lane participant's protocol steps. Each runs as one Axon unit of work, so the fence row, the lane's events
 * and (on Confirm) the dialog's event commit in one local database transaction, or not at all. Nothing here waits
 * on anything remote.
 */
@Component
class LaneTransactionHandler {

    /**
     * The expiry written in a one-step transaction's fence row: it is confirmed in the same unit of work, so this
     * only has to outlast that unit of work (the lane itself is never held: {@link TakeLaneCommand}).
     */
    private static final Duration ONE_STEP_HOLD = Duration.ofSeconds(5);

    private final TccFence fence;
    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final LaneCrashPoint crashPoint;

    LaneTransactionHandler(TccFence fence, CommandGateway commands, JdbcTemplate jdbc, Clock clock,
                           @Value("${chat.dialog.crash-point:NONE}") LaneCrashPoint crashPoint) {
        this.fence = fence;
        this.commands = commands;
        this.jdbc = jdbc;
        this.clock = clock;
        this.crashPoint = crashPoint;
    }

    @CommandHandler
    TryOutcome handle(TryLaneTransactionCommand command) {
        LaneSubject subject = command.subject();
        if (!maySend(subject)) {
            return new TryOutcome.Refused(LaneTccCodes.NOT_A_MEMBER);
        }
        Instant now = clock.instant();
        Instant expiresAt = now.plus(command.expiresIn()).truncatedTo(ChronoUnit.MILLIS);
        String laneId = SenderLane.idOf(subject.dialogId(), subject.senderId());
        Optional<TccFence.Entry> earlier = fence.recordTry(command.txId(), laneId, expiresAt);
        if (earlier.isPresent()) {
            return earlier.get().state() == TccFence.State.CANCELLED
                    ? new TryOutcome.Refused(TccCodes.ALREADY_CANCELLED)
                    : new TryOutcome.Reserved(earlier.get().expiresAt());
        }
        LaneOutcome outcome = commands.sendAndWait(new ReserveLaneCommand(laneId, subject.dialogId(),
                subject.senderId(), command.txId(), expiresAt, now));
        if (outcome.kind() == LaneOutcome.Kind.BUSY) {
            fence.forgetTry(command.txId());
            return new TryOutcome.Refused(LaneTccCodes.LANE_BUSY);
        }
        return new TryOutcome.Reserved(expiresAt);
    }

    @CommandHandler
    ConfirmOutcome<LaneConfirmation> handle(ConfirmLaneTransactionCommand command) {
        Optional<TccFence.Entry> entry = fence.lock(command.txId());
        if (entry.isEmpty()) {
            return new ConfirmOutcome.Refused<>(TccCodes.UNKNOWN);
        }
        return confirmEntry(entry.get());
    }

    /**
     * Try and Confirm in this one unit of work: the fence row goes from nothing to CONFIRMED, so no reservation
     * is ever held across a round trip. A Cancel that came first refuses it (anti-suspension), as it refuses Try.
     */
    @CommandHandler
    ConfirmOutcome<LaneConfirmation> handle(TryAndConfirmLaneTransactionCommand command) {
        LaneSubject subject = command.subject();
        if (!maySend(subject)) {
            return new ConfirmOutcome.Refused<>(LaneTccCodes.NOT_A_MEMBER);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String laneId = SenderLane.idOf(subject.dialogId(), subject.senderId());
        Optional<TccFence.Entry> earlier = fence.recordTry(command.txId(), laneId, now.plus(ONE_STEP_HOLD));
        if (earlier.isPresent()) {
            return confirmEntry(earlier.get()); // a repeat, a Cancel first, or a plain Try of the same transaction
        }
        LaneOutcome lane = commands.sendAndWait(new TakeLaneCommand(laneId, subject.dialogId(), subject.senderId(),
                command.txId(), now));
        if (lane.kind() == LaneOutcome.Kind.BUSY) {
            fence.forgetTry(command.txId());
            return new ConfirmOutcome.Refused<>(LaneTccCodes.LANE_BUSY);
        }
        return append(command.txId(), laneId, lane.senderSeq());
    }

    /**
     * Each attempt as {@link #handle(TryAndConfirmLaneTransactionCommand)} runs it alone, as a nested command with
     * its own audit metadata, all in this unit of work: one commit for all, or none. They run ordered by lane (a stable sort keeps two attempts on one lane in their
     * order), so two batches take the locks of the lanes they share in the same order.
     */
    @CommandHandler
    List<ConfirmOutcome<LaneConfirmation>> handle(TryAndConfirmLaneTransactionsCommand command) {
        List<TryAndConfirmLaneTransactionCommand> attempts = command.attempts();
        Integer[] order = new Integer[attempts.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparing((Integer i) -> attempts.get(i).subject().dialogId())
                .thenComparing(i -> attempts.get(i).subject().senderId()));
        List<ConfirmOutcome<LaneConfirmation>> outcomes = new ArrayList<>(attempts.size());
        attempts.forEach(attempt -> outcomes.add(null));
        for (int i : order) {
            outcomes.set(i, commands.sendAndWait(GenericCommandMessage.asCommandMessage(attempts.get(i))
                    .andMetaData(command.audits().get(i))));
            if (attempts.size() > 1) {
                LaneCrashPoint.IN_BATCHED_TRY_CONFIRM.reachedIf(crashPoint);
            }
        }
        return outcomes;
    }

    /** Confirm of a locked fence entry: a final state answers as it is, a tried one is confirmed now. */
    private ConfirmOutcome<LaneConfirmation> confirmEntry(TccFence.Entry entry) {
        switch (entry.state()) {
            case CANCELLED:
                return new ConfirmOutcome.Refused<>(TccFence.expired(entry) ? TccCodes.TOO_LATE
                        : TccCodes.ALREADY_CANCELLED);
            case CONFIRMED:
                return new ConfirmOutcome.Confirmed<>(LaneConfirmation.decode(entry.result()));
            default:
                return confirm(entry.txId(), entry.resourceId());
        }
    }

    private ConfirmOutcome<LaneConfirmation> confirm(String txId, String laneId) {
        LaneOutcome lane = commands.sendAndWait(new ConfirmLaneCommand(laneId, txId, clock.instant()));
        if (lane.kind() != LaneOutcome.Kind.CONFIRMED) {
            fence.markExpired(txId);
            return new ConfirmOutcome.Refused<>(TccCodes.TOO_LATE);
        }
        return append(txId, laneId, lane.senderSeq());
    }

    /** The lane numbered the message: append it to the dialog and record the result in the fence. */
    private ConfirmOutcome<LaneConfirmation> append(String txId, String laneId, long senderSeq) {
        int colon = laneId.lastIndexOf(':');
        DialogCommandResult appended = commands.sendAndWait(new AppendMessageCommand(laneId.substring(0, colon),
                txId, UUID.fromString(laneId.substring(colon + 1)), senderSeq));
        if (!appended.isAccepted()) {
            throw new SenderLeftDialogException(txId);
        }
        LaneConfirmation confirmation = new LaneConfirmation(senderSeq, appended.dialogSeq());
        fence.markConfirmed(txId, confirmation.encode());
        return new ConfirmOutcome.Confirmed<>(confirmation);
    }

    @CommandHandler
    CancelOutcome handle(CancelLaneTransactionCommand command) {
        Optional<TccFence.Entry> entry = fence.lock(command.txId());
        if (entry.isEmpty()) {
            if (fence.recordEmptyRollback(command.txId())) {
                return CancelOutcome.CANCELLED;
            }
            entry = fence.lock(command.txId()); // a Try committed meanwhile
        }
        switch (entry.orElseThrow().state()) {
            case CONFIRMED:
                return CancelOutcome.ALREADY_CONFIRMED;
            case CANCELLED:
                return CancelOutcome.CANCELLED;
            default:
                commands.sendAndWait(new ReleaseLaneCommand(entry.get().resourceId(), command.txId(),
                        command.reason()));
                if (command.reason() == LaneRelease.EXPIRED) {
                    fence.markExpired(command.txId());
                } else {
                    fence.markCancelled(command.txId());
                }
                return CancelOutcome.CANCELLED;
        }
    }

    /**
     * A member may send, unless the dialog is direct and the other member has blocked them: then they are refused as
     * a non-member is, so the sender learns nothing a stranger would not (ADR 0024).
     */
    private boolean maySend(LaneSubject subject) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM dialog_member WHERE dialog_id = "
                + "?::uuid AND user_id = ?) AND NOT EXISTS (SELECT 1 FROM dialog d JOIN dialog_member peer "
                + "ON peer.dialog_id = d.dialog_id JOIN user_block b ON b.blocker_id = peer.user_id "
                + "WHERE d.dialog_id = ?::uuid AND d.type = 'DIRECT' AND peer.user_id <> ? AND b.blocked_id = ?)",
                Boolean.class, subject.dialogId(), subject.senderId(), subject.dialogId(), subject.senderId(),
                subject.senderId()));
    }

}
