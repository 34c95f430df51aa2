package io.chatbackend.dialog.tcc;

import io.chatbackend.dialog.command.LaneRelease;
import io.chatbackend.platform.tcc.CancelOutcome;
import io.chatbackend.platform.tcc.ConfirmOutcome;
import io.chatbackend.platform.tcc.TccCodes;
import io.chatbackend.platform.tcc.TccFence;
import io.chatbackend.platform.tcc.TccParticipant;
import io.chatbackend.platform.tcc.TryAndConfirmAttempt;
import io.chatbackend.platform.tcc.TryOutcome;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The sender-lane TCC participant of the send path (docs/architecture.md §3). A conflicting concurrent change of the same lane
 * (another instance) answers busy; a conflicting append to the same dialog at Confirm is retried, since nothing
 * is held across a remote call and the retry is local and short.
 */
@Service
public class LaneParticipant implements TccParticipant<LaneSubject, LaneConfirmation> {

    private static final Logger log = LoggerFactory.getLogger(LaneParticipant.class);
    public static final Duration MIN_EXPIRY = Duration.ofMillis(100);
    public static final Duration MAX_EXPIRY = Duration.ofSeconds(60);

    private final CommandGateway commands;
    private final TccFence fence;
    private final Clock clock;

    public LaneParticipant(CommandGateway commands, TccFence fence, Clock clock) {
        this.commands = commands;
        this.fence = fence;
        this.clock = clock;
    }

    @Override
    public TryOutcome tryReserve(String txId, LaneSubject subject, Duration expiresIn) {
        Duration bounded = expiresIn.compareTo(MIN_EXPIRY) < 0 ? MIN_EXPIRY
                : expiresIn.compareTo(MAX_EXPIRY) > 0 ? MAX_EXPIRY : expiresIn;
        try {
            return commands.sendAndWait(new TryLaneTransactionCommand(txId, subject, bounded));
        } catch (RuntimeException e) {
            if (isConflict(e)) {
                return new TryOutcome.Refused(LaneTccCodes.LANE_BUSY);
            }
            throw e;
        }
    }

    @Override
    public ConfirmOutcome<LaneConfirmation> confirm(String txId) {
        for (int attempt = 1; ; attempt++) {
            try {
                return commands.sendAndWait(new ConfirmLaneTransactionCommand(txId));
            } catch (SenderLeftDialogException e) {
                cancel(txId);
                return new ConfirmOutcome.Refused<>(TccCodes.ALREADY_CANCELLED);
            } catch (RuntimeException e) {
                if (!isConflict(e) || attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    /**
     * A conflicting concurrent append to the same lane or dialog (another instance) rolls the whole step back, so it
     * is simply repeated; a sender who left the dialog meanwhile rolls it back too and is refused as a non-member.
     */
    @Override
    public ConfirmOutcome<LaneConfirmation> tryAndConfirm(String txId, LaneSubject subject) {
        return tryAndConfirm(new TryAndConfirmAttempt<>(txId, subject));
    }

    private ConfirmOutcome<LaneConfirmation> tryAndConfirm(TryAndConfirmAttempt<LaneSubject> one) {
        for (int attempt = 1; ; attempt++) {
            try {
                TryAndConfirmLaneTransactionCommand command =
                        new TryAndConfirmLaneTransactionCommand(one.txId(), one.subject());
                return one.audit().isEmpty() ? commands.sendAndWait(command)
                        : commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                                .andMetaData(one.audit()));
            } catch (SenderLeftDialogException e) {
                return new ConfirmOutcome.Refused<>(LaneTccCodes.NOT_A_MEMBER);
            } catch (RuntimeException e) {
                if (!isConflict(e) || attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    /**
     * The attempts in one unit of work (one commit for all). If it fails as a whole (a conflict with another
     * instance, a sender who left meanwhile, two batches waiting on each other's lanes) nothing of it was written,
     * and each attempt is run alone as {@link #tryAndConfirm} runs it, with its own retries.
     */
    @Override
    public List<ConfirmOutcome<LaneConfirmation>> tryAndConfirmAll(List<TryAndConfirmAttempt<LaneSubject>> attempts) {
        if (attempts.size() > 1) {
            try {
                return commands.sendAndWait(new TryAndConfirmLaneTransactionsCommand(attempts.stream()
                        .map(attempt -> new TryAndConfirmLaneTransactionCommand(attempt.txId(), attempt.subject()))
                        .toList(), attempts.stream().map(TryAndConfirmAttempt::audit).toList()));
            } catch (RuntimeException e) {
                log.debug("A batch of {} Try-and-Confirms rolled back; running them one by one: {}", attempts.size(),
                        e.toString());
            }
        }
        return attempts.stream().map(this::tryAndConfirm).toList();
    }

    @Override
    public CancelOutcome cancel(String txId) {
        return release(txId, LaneRelease.CANCELLED);
    }

    /** Releases reservations whose coordinator never came back: nothing waits for it. */
    @Scheduled(fixedDelayString = "${chat.dialog.lane-sweep-interval:PT1S}")
    public void releaseExpiredReservations() {
        for (String txId : fence.expiredTries(clock.instant(), 200)) {
            try {
                release(txId, LaneRelease.EXPIRED);
            } catch (RuntimeException e) {
                log.warn("Could not release expired transaction {}: {}", txId, e.toString());
            }
        }
    }

    private CancelOutcome release(String txId, LaneRelease reason) {
        for (int attempt = 1; ; attempt++) {
            try {
                return commands.sendAndWait(new CancelLaneTransactionCommand(txId, reason));
            } catch (RuntimeException e) {
                if (!isConflict(e) || attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    private static boolean isConflict(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException
                    || cause instanceof org.springframework.dao.DuplicateKeyException
                    || (cause instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
