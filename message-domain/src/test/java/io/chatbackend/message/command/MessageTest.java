package io.chatbackend.message.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

class MessageTest {

    private static final String ID = "1234567890";
    private static final UUID DIALOG = UUID.randomUUID();
    private static final UUID SENDER = UUID.randomUUID();
    private static final UUID KEY = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-11-22T12:00:00Z");

    private AggregateTestFixture<Message> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Message.class);
    }

    private SendBegunEvent begun() {
        return new SendBegunEvent(ID, DIALOG, SENDER, KEY, "hi");
    }

    @Test
    void aSendBeginsPending() {
        fixture.givenNoPriorActivity()
                .when(new BeginSendCommand(ID, DIALOG, SENDER, KEY, "hi"))
                .expectEvents(begun());
    }

    @Test
    void theFirstDecisionWinsAndLaterOnesGetItBack() {
        fixture.given(begun())
                .when(new DecideSendCommand(ID, SendDecision.CONFIRM))
                .expectEvents(new SendDecidedEvent(ID, SendDecision.CONFIRM))
                .expectResultMessagePayload(SendDecision.CONFIRM);
        fixture.given(begun(), new SendDecidedEvent(ID, SendDecision.CONFIRM))
                .when(new DecideSendCommand(ID, SendDecision.CANCEL))
                .expectNoEvents()
                .expectResultMessagePayload(SendDecision.CONFIRM);
    }

    @Test
    void aConfirmedSendCompletesOnceWithTheParticipantsSequences() {
        fixture.given(begun(), new SendDecidedEvent(ID, SendDecision.CONFIRM))
                .when(new CompleteSendCommand(ID, 3, 17, AT))
                .expectEvents(new MessageSentEvent(ID, DIALOG, SENDER, 3, 17, "hi", AT))
                .expectResultMessagePayload(MessageStatus.SENT);
        fixture.given(begun(), new SendDecidedEvent(ID, SendDecision.CONFIRM),
                        new MessageSentEvent(ID, DIALOG, SENDER, 3, 17, "hi", AT))
                .when(new CompleteSendCommand(ID, 3, 17, AT.plusSeconds(1)))
                .expectNoEvents()
                .expectResultMessagePayload(MessageStatus.SENT);
    }

    @Test
    void aSendTheParticipantDecidedCompletesWithoutADecisionOfItsOwn() {
        fixture.given(begun())
                .when(new CompleteSendCommand(ID, 3, 17, AT))
                .expectEvents(new MessageSentEvent(ID, DIALOG, SENDER, 3, 17, "hi", AT))
                .expectResultMessagePayload(MessageStatus.SENT);
    }

    @Test
    void aSendIsNeverCompletedAfterACancelDecisionNorAfterItWasAbandoned() {
        fixture.given(begun(), new SendDecidedEvent(ID, SendDecision.CANCEL))
                .when(new CompleteSendCommand(ID, 1, 1, AT))
                .expectNoEvents()
                .expectResultMessagePayload(MessageStatus.PENDING);
        fixture.given(begun(), new SendDecidedEvent(ID, SendDecision.CONFIRM), new SendAbandonedEvent(ID, "TOO_LATE"))
                .when(new CompleteSendCommand(ID, 1, 1, AT))
                .expectNoEvents()
                .expectResultMessagePayload(MessageStatus.CANCELLED);
        fixture.given(begun(), new SendAbandonedEvent(ID, "LANE_BUSY"))
                .when(new CompleteSendCommand(ID, 1, 1, AT))
                .expectNoEvents()
                .expectResultMessagePayload(MessageStatus.CANCELLED);
    }

    @Test
    void abandoningIsIdempotentAndNeverUndoesASentMessage() {
        fixture.given(begun(), new SendDecidedEvent(ID, SendDecision.CANCEL))
                .when(new AbandonSendCommand(ID, "CANCELLED"))
                .expectEvents(new SendAbandonedEvent(ID, "CANCELLED"));
        fixture.given(begun(), new SendDecidedEvent(ID, SendDecision.CONFIRM),
                        new MessageSentEvent(ID, DIALOG, SENDER, 1, 1, "hi", AT))
                .when(new AbandonSendCommand(ID, "late"))
                .expectNoEvents()
                .expectResultMessagePayload(MessageStatus.SENT);
    }
}
