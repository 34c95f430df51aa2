package io.chatbackend.message.coordinator;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** Runs the coordinator's recovery at start and then periodically. */
@Component
class SendRecovery {

    private final SendCoordinator coordinator;
    private final Duration age;

    SendRecovery(SendCoordinator coordinator, @Value("${chat.message.recovery-age:PT10S}") Duration age) {
        this.coordinator = coordinator;
        this.age = age;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        coordinator.recover(age);
    }

    @Scheduled(fixedDelayString = "${chat.message.recovery-interval:PT2S}")
    void periodically() {
        coordinator.recover(age);
    }
}
