package io.chatbackend.message.coordinator;

import io.chatbackend.message.command.SendDecision;
import io.chatbackend.platform.axon.ActingFor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Drives every attempt untouched for the recovery age to its end, at start and then periodically; any instance may
 * recover any attempt. An attempt without a recorded decision (this version records none: the participant decides,
 * ADR 0018) is settled with the participant: cancelled if it never confirmed, SENT with its sequences if it did. An
 * attempt an earlier version decided is finished as decided.
 */
@Component
class SendRecovery {

    private static final Logger log = LoggerFactory.getLogger(SendRecovery.class);
    private static final int BATCH = 500;

    private final SendLog sends;
    private final SendSettlement settlement;
    private final Duration age;

    SendRecovery(SendLog sends, SendSettlement settlement,
                 @Value("${chat.message.recovery-age:PT10S}") Duration age) {
        this.sends = sends;
        this.settlement = settlement;
        this.age = age;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        recover();
    }

    @Scheduled(fixedDelayString = "${chat.message.recovery-interval:PT2S}")
    void periodically() {
        recover();
    }

    /** Returns how many attempts got an answer from the participant this round. */
    int recover() {
        int settled = 0;
        for (SendLog.UnfinishedSend attempt : sends.unfinished(age, BATCH)) {
            try {
                settled += attempt.senderId() == null ? recover(attempt)
                        : ActingFor.user(attempt.senderId().toString(), null, () -> recover(attempt));
            } catch (RuntimeException e) {
                log.warn("Recovery of {} failed, will retry: {}", attempt.messageId(), e.toString());
            }
        }
        return settled;
    }

    /** One attempt, as this service acting for its sender (ADR 0027); 1 if the participant answered. */
    private int recover(SendLog.UnfinishedSend attempt) {
        if (attempt.decision() == null) {
            return settlement.settle(attempt.messageId()) ? 1 : 0;
        }
        if (SendDecision.valueOf(attempt.decision()) == SendDecision.CANCEL) {
            settlement.cancelAsDecided(attempt.messageId());
            return 1;
        }
        return settlement.confirm(attempt.messageId()) ? 1 : 0;
    }
}
