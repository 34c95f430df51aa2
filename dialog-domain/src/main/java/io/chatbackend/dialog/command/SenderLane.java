package io.chatbackend.dialog.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One sender's lane in one dialog: holds at most one send transaction at a time and numbers the sender's messages
 * ({@code senderSeq}). Its own aggregate, so a slow or dead coordinator of one sender never delays another sender
 * of the same dialog. The reservation's expiry is part of its state: it is checked on every command (a late
 * Confirm is too late even after a restart) and the sweeper releases expired reservations.
 */
@Aggregate(snapshotTriggerDefinition = "eventCountSnapshotTrigger", cache = "laneCache")
public class SenderLane {

    @AggregateIdentifier
    private String laneId;
    private long lastSenderSeq;
    private String heldBy;
    private Instant expiresAt;

    protected SenderLane() {
    }

    public static String idOf(String dialogId, UUID senderId) {
        return dialogId + ":" + senderId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public LaneOutcome handle(ReserveLaneCommand command) {
        if (heldBy != null && heldBy.equals(command.txId())) {
            return LaneOutcome.of(LaneOutcome.Kind.RESERVED);
        }
        if (heldBy != null) {
            if (command.now().isBefore(expiresAt)) {
                return LaneOutcome.of(LaneOutcome.Kind.BUSY);
            }
            apply(new LaneReleasedEvent(laneId, heldBy, LaneRelease.EXPIRED));
        }
        apply(new LaneReservedEvent(command.laneId(), command.dialogId(), command.senderId(), command.txId(),
                command.expiresAt()));
        return LaneOutcome.of(LaneOutcome.Kind.RESERVED);
    }

    /** One event instead of a reservation and its confirmation, for a transaction that decides in one step. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public LaneOutcome handle(TakeLaneCommand command) {
        if (heldBy != null) {
            if (command.now().isBefore(expiresAt)) {
                return LaneOutcome.of(LaneOutcome.Kind.BUSY);
            }
            apply(new LaneReleasedEvent(laneId, heldBy, LaneRelease.EXPIRED));
        }
        long senderSeq = lastSenderSeq + 1;
        apply(new LaneTakenEvent(command.laneId(), command.dialogId(), command.senderId(), command.txId(), senderSeq));
        return new LaneOutcome(LaneOutcome.Kind.CONFIRMED, senderSeq);
    }

    @CommandHandler
    public LaneOutcome handle(ConfirmLaneCommand command) {
        if (heldBy == null || !heldBy.equals(command.txId())) {
            return LaneOutcome.of(LaneOutcome.Kind.NOT_HELD);
        }
        if (!command.now().isBefore(expiresAt)) {
            apply(new LaneReleasedEvent(laneId, heldBy, LaneRelease.EXPIRED));
            return LaneOutcome.of(LaneOutcome.Kind.TOO_LATE);
        }
        long senderSeq = lastSenderSeq + 1;
        apply(new LaneConfirmedEvent(laneId, command.txId(), senderSeq));
        return new LaneOutcome(LaneOutcome.Kind.CONFIRMED, senderSeq);
    }

    @CommandHandler
    public LaneOutcome handle(ReleaseLaneCommand command) {
        if (heldBy == null || !heldBy.equals(command.txId())) {
            return LaneOutcome.of(LaneOutcome.Kind.NOT_HELD);
        }
        apply(new LaneReleasedEvent(laneId, heldBy, command.reason()));
        return LaneOutcome.of(LaneOutcome.Kind.RELEASED);
    }

    @EventSourcingHandler
    void on(LaneReservedEvent event) {
        laneId = event.laneId();
        heldBy = event.txId();
        expiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(LaneConfirmedEvent event) {
        lastSenderSeq = event.senderSeq();
        heldBy = null;
        expiresAt = null;
    }

    @EventSourcingHandler
    void on(LaneTakenEvent event) {
        laneId = event.laneId();
        lastSenderSeq = event.senderSeq();
    }

    @EventSourcingHandler
    void on(LaneReleasedEvent event) {
        heldBy = null;
        expiresAt = null;
    }
}
