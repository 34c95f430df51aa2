package io.chatbackend.dialog.command;

import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadMarkerTest {

    private static final String DIALOG = UUID.randomUUID().toString();
    private static final UUID READER = UUID.randomUUID();
    private static final String MARKER = ReadMarker.idOf(DIALOG, READER);

    private AggregateTestFixture<ReadMarker> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ReadMarker.class);
    }

    @Test
    void theFirstMarkCreatesTheWatermark() {
        fixture.givenNoPriorActivity()
                .when(new AdvanceReadWatermarkCommand(MARKER, DIALOG, READER, 3))
                .expectEvents(new ReadWatermarkAdvancedEvent(MARKER, DIALOG, READER, 3))
                .expectResultMessagePayload(3L);
    }

    @Test
    void aHigherMarkAdvances() {
        fixture.given(new ReadWatermarkAdvancedEvent(MARKER, DIALOG, READER, 3))
                .when(new AdvanceReadWatermarkCommand(MARKER, DIALOG, READER, 9))
                .expectEvents(new ReadWatermarkAdvancedEvent(MARKER, DIALOG, READER, 9))
                .expectResultMessagePayload(9L);
    }

    @Test
    void aLowerOrEqualMarkIsANoOpThatAnswersTheCurrentWatermark() {
        fixture.given(new ReadWatermarkAdvancedEvent(MARKER, DIALOG, READER, 9))
                .when(new AdvanceReadWatermarkCommand(MARKER, DIALOG, READER, 4))
                .expectNoEvents()
                .expectResultMessagePayload(9L);
        fixture.given(new ReadWatermarkAdvancedEvent(MARKER, DIALOG, READER, 9))
                .when(new AdvanceReadWatermarkCommand(MARKER, DIALOG, READER, 9))
                .expectNoEvents()
                .expectResultMessagePayload(9L);
    }
}
