package io.chatbackend.dialog.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

class SenderLaneTest {

    private static final String DIALOG = UUID.randomUUID().toString();
    private static final UUID SENDER = UUID.randomUUID();
    private static final String LANE = SenderLane.idOf(DIALOG, SENDER);
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Instant EXPIRY = NOW.plusSeconds(5);

    private AggregateTestFixture<SenderLane> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(SenderLane.class);
    }

    private LaneReservedEvent reserved(String tx) {
        return new LaneReservedEvent(LANE, DIALOG, SENDER, tx, EXPIRY);
    }

    @Test
    void aFreeLaneIsReservedForOneTransaction() {
        fixture.givenNoPriorActivity()
                .when(new ReserveLaneCommand(LANE, DIALOG, SENDER, "tx1", EXPIRY, NOW))
                .expectEvents(reserved("tx1"))
                .expectResultMessagePayload(LaneOutcome.of(LaneOutcome.Kind.RESERVED));
    }

    @Test
    void aHeldLaneRefusesAnotherTransactionAtOnce() {
        fixture.given(reserved("tx1"))
                .when(new ReserveLaneCommand(LANE, DIALOG, SENDER, "tx2", EXPIRY.plusSeconds(5), NOW.plusSeconds(1)))
                .expectNoEvents()
                .expectResultMessagePayload(LaneOutcome.of(LaneOutcome.Kind.BUSY));
    }

    @Test
    void repeatingTheTryOfTheHoldingTransactionChangesNothing() {
        fixture.given(reserved("tx1"))
                .when(new ReserveLaneCommand(LANE, DIALOG, SENDER, "tx1", EXPIRY, NOW))
                .expectNoEvents()
                .expectResultMessagePayload(LaneOutcome.of(LaneOutcome.Kind.RESERVED));
    }

    @Test
    void anExpiredReservationIsReleasedByTheNextTry() {
        fixture.given(reserved("tx1"))
                .when(new ReserveLaneCommand(LANE, DIALOG, SENDER, "tx2", EXPIRY.plusSeconds(10), EXPIRY))
                .expectEvents(new LaneReleasedEvent(LANE, "tx1", LaneRelease.EXPIRED),
                        new LaneReservedEvent(LANE, DIALOG, SENDER, "tx2", EXPIRY.plusSeconds(10)));
    }

    @Test
    void confirmAssignsTheNextSenderSequenceAndFreesTheLane() {
        fixture.given(reserved("tx1"), new LaneConfirmedEvent(LANE, "tx1", 1), reserved("tx2"))
                .when(new ConfirmLaneCommand(LANE, "tx2", NOW))
                .expectEvents(new LaneConfirmedEvent(LANE, "tx2", 2))
                .expectResultMessagePayload(new LaneOutcome(LaneOutcome.Kind.CONFIRMED, 2));
    }

    @Test
    void takingAFreeLaneNumbersTheNextMessageInOneEvent() {
        fixture.given(reserved("tx1"), new LaneConfirmedEvent(LANE, "tx1", 1),
                        new LaneTakenEvent(LANE, DIALOG, SENDER, "tx2", 2))
                .when(new TakeLaneCommand(LANE, DIALOG, SENDER, "tx3", NOW))
                .expectEvents(new LaneTakenEvent(LANE, DIALOG, SENDER, "tx3", 3))
                .expectResultMessagePayload(new LaneOutcome(LaneOutcome.Kind.CONFIRMED, 3));
    }

    @Test
    void aLaneNeverUsedIsTakenWithTheFirstSequence() {
        fixture.givenNoPriorActivity()
                .when(new TakeLaneCommand(LANE, DIALOG, SENDER, "tx1", NOW))
                .expectEvents(new LaneTakenEvent(LANE, DIALOG, SENDER, "tx1", 1))
                .expectResultMessagePayload(new LaneOutcome(LaneOutcome.Kind.CONFIRMED, 1));
    }

    @Test
    void aLaneAnotherTransactionHoldsCannotBeTaken_untilItsReservationExpired() {
        fixture.given(reserved("tx1"))
                .when(new TakeLaneCommand(LANE, DIALOG, SENDER, "tx2", NOW))
                .expectNoEvents()
                .expectResultMessagePayload(LaneOutcome.of(LaneOutcome.Kind.BUSY));
        fixture.given(reserved("tx1"))
                .when(new TakeLaneCommand(LANE, DIALOG, SENDER, "tx2", EXPIRY))
                .expectEvents(new LaneReleasedEvent(LANE, "tx1", LaneRelease.EXPIRED),
                        new LaneTakenEvent(LANE, DIALOG, SENDER, "tx2", 1));
    }

    @Test
    void aConfirmAtOrAfterTheExpiryIsTooLateAndReleasesTheLane() {
        fixture.given(reserved("tx1"))
                .when(new ConfirmLaneCommand(LANE, "tx1", EXPIRY))
                .expectEvents(new LaneReleasedEvent(LANE, "tx1", LaneRelease.EXPIRED))
                .expectResultMessagePayload(LaneOutcome.of(LaneOutcome.Kind.TOO_LATE));
    }

    @Test
    void confirmOrCancelOfATransactionTheLaneDoesNotHoldChangesNothing() {
        fixture.given(reserved("tx1"))
                .when(new ConfirmLaneCommand(LANE, "other", NOW))
                .expectNoEvents()
                .expectResultMessagePayload(LaneOutcome.of(LaneOutcome.Kind.NOT_HELD));
        fixture.given(reserved("tx1"))
                .when(new ReleaseLaneCommand(LANE, "other", LaneRelease.CANCELLED))
                .expectNoEvents()
                .expectResultMessagePayload(LaneOutcome.of(LaneOutcome.Kind.NOT_HELD));
    }

    @Test
    void cancelReleasesTheHeldTransaction() {
        fixture.given(reserved("tx1"))
                .when(new ReleaseLaneCommand(LANE, "tx1", LaneRelease.CANCELLED))
                .expectEvents(new LaneReleasedEvent(LANE, "tx1", LaneRelease.CANCELLED));
    }
}
