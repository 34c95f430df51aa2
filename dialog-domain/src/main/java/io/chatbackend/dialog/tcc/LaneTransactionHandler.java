package io.chatbackend.dialog.tcc;

import io.chatbackend.dialog.command.ConfirmLaneCommand;
import io.chatbackend.dialog.command.LaneOutcome;
import io.chatbackend.dialog.command.LaneRelease;
import io.chatbackend.dialog.command.ReleaseLaneCommand;
import io.chatbackend.dialog.command.ReserveLaneCommand;
import io.chatbackend.dialog.command.SenderLane;
import io.chatbackend.platform.tcc.CancelOutcome;
import io.chatbackend.platform.tcc.ConfirmOutcome;
import io.chatbackend.platform.tcc.TccCodes;
import io.chatbackend.platform.tcc.TccFence;
import io.chatbackend.platform.tcc.TryOutcome;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * The lane participant's protocol steps. Each runs as one Axon unit of work, so the fence row, the lane's events
 * and (on Confirm) the dialog's event commit in one local database transaction, or not at all. Nothing here waits
 * on anything remote.
 */
@Component
class LaneTransactionHandler {

    /**
     * The expiry written in a one-step transaction's fence row: it is confirmed in the same unit of work, so this
     * only has to outlast that unit of work (the lane itself is never held:
     * {@link io.chatbackend.dialog.command.TakeLaneCommand}).
     */
    static final Duration ONE_STEP_HOLD = Duration.ofSeconds(5);

    private final TccFence fence;
    private final CommandGateway commands;
    private final LaneSenders senders;
    private final LaneSteps steps;
    private final Clock clock;

    LaneTransactionHandler(TccFence fence, CommandGateway commands, LaneSenders senders, Clock clock) {
        this.fence = fence;
        this.commands = commands;
        this.senders = senders;
        this.steps = new LaneSteps(commands);
        this.clock = clock;
    }

    @CommandHandler
    TryOutcome handle(TryLaneTransactionCommand command) {
        LaneSubject subject = command.subject();
        if (!senders.maySend(subject)) {
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
        if (!senders.maySend(subject)) {
            return new ConfirmOutcome.Refused<>(LaneTccCodes.NOT_A_MEMBER);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String laneId = SenderLane.idOf(subject.dialogId(), subject.senderId());
        Optional<TccFence.Entry> earlier = fence.recordTry(command.txId(), laneId, now.plus(ONE_STEP_HOLD));
        if (earlier.isPresent()) {
            return confirmEntry(earlier.get()); // a repeat, a Cancel first, or a plain Try of the same transaction
        }
        LaneOutcome lane = steps.take(command.txId(), subject, now, Map.of());
        if (lane.kind() == LaneOutcome.Kind.BUSY) {
            fence.forgetTry(command.txId());
            return new ConfirmOutcome.Refused<>(LaneTccCodes.LANE_BUSY);
        }
        return append(command.txId(), laneId, lane.senderSeq());
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
        LaneConfirmation confirmation = steps.append(txId, laneId, senderSeq, Map.of());
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
}
