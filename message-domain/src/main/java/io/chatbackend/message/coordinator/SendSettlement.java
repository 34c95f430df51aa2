package io.chatbackend.message.coordinator;

import io.chatbackend.dialog.contract.LaneCancelResponse;
import io.chatbackend.dialog.contract.LaneConfirmResponse;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The steps that end a send, shared by the live request and recovery: record what the participant decided, or
 * learn it first when its answer was lost. Every step is safe to repeat.
 */
@Component
class SendSettlement {

    private static final Logger log = LoggerFactory.getLogger(SendSettlement.class);

    private final SendLog sends;
    private final SendParticipant participant;
    private final Clock clock;
    private final MeterRegistry metrics;

    SendSettlement(SendLog sends, SendParticipant participant, Clock clock, MeterRegistry metrics) {
        this.sends = sends;
        this.participant = participant;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Records the participant's decision: SENT with its sequences, or CANCELLED with its refusal.
     *
     * @return the key this step made SENT; empty otherwise (cancelled, or another step recorded it first)
     */
    Optional<SendLog.SendKey> record(String txId, LaneConfirmResponse answer) {
        if (answer.confirmedWithSequences()) {
            return sends.sent(txId, answer.senderSeq(), answer.dialogSeq(),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS));
        }
        sends.abandoned(txId, answer.refusal().name());
        return Optional.empty();
    }

    /**
     * Learns and records the outcome of a send whose Try-and-Confirm answer was lost: a Cancel either cancels it
     * (also before it arrived: the participant's marker refuses it later) or answers that it was confirmed, and
     * then Confirm repeats the sequences. False if the participant did not answer.
     */
    boolean settle(String txId) {
        Optional<LaneCancelResponse> cancelled = cancel(txId);
        if (cancelled.isEmpty()) {
            return false;
        }
        if (cancelled.get().foundConfirmed()) {
            return confirm(txId);
        }
        sends.abandoned(txId, LaneCancelResponse.CANCELLED);
        return true;
    }

    /** Confirms an attempt an earlier version decided to confirm; false if the participant's answer is unknown. */
    boolean confirm(String txId) {
        LaneConfirmResponse confirmed;
        try {
            confirmed = participant.confirm(txId);
        } catch (ParticipantUnreachableException e) {
            log.warn("Confirm of {} got no answer: recovery will repeat it ({})", txId, e.getMessage());
            return false;
        }
        record(txId, confirmed);
        return true;
    }

    /**
     * Cancels an attempt an earlier version decided to cancel. A participant that confirmed it anyway contradicts
     * the record: a heuristic outcome, stored and counted.
     */
    void cancelAsDecided(String txId) {
        cancel(txId).ifPresent(cancelled -> {
            if (cancelled.foundConfirmed()) {
                log.error("Heuristic outcome for {}: recorded CANCEL, participant says ALREADY_CONFIRMED", txId);
                metrics.counter("chat.tcc.heuristic.outcomes").increment();
                sends.heuristic(txId, "CANCELLED", LaneCancelResponse.ALREADY_CONFIRMED);
            } else {
                sends.abandoned(txId, LaneCancelResponse.CANCELLED);
            }
        });
    }

    /** The participant's answer to Cancel; empty (logged) when it did not answer, and recovery repeats it. */
    private Optional<LaneCancelResponse> cancel(String txId) {
        try {
            return Optional.of(participant.cancel(txId));
        } catch (ParticipantUnreachableException e) {
            log.warn("Cancel of {} got no answer: recovery will repeat it ({})", txId, e.getMessage());
            return Optional.empty();
        }
    }
}
