package io.chatbackend.dialog.command;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlockListTest {

    private static final String BLOCKER = UUID.randomUUID().toString();
    private static final UUID TROLL = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

    private AggregateTestFixture<BlockList> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BlockList.class);
    }

    @Test
    void theFirstBlockCreatesTheList() {
        fixture.givenNoPriorActivity()
                .when(new BlockUserCommand(BLOCKER, TROLL, AT))
                .expectEvents(new UserBlockedEvent(BLOCKER, TROLL, AT))
                .expectResultMessagePayload(true);
    }

    @Test
    void blockingTwiceRecordsNothingNew() {
        fixture.given(new UserBlockedEvent(BLOCKER, TROLL, AT))
                .when(new BlockUserCommand(BLOCKER, TROLL, AT.plusSeconds(5)))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void aBlockIsLiftedOnceAndCanBeSetAgain() {
        fixture.given(new UserBlockedEvent(BLOCKER, TROLL, AT))
                .when(new UnblockUserCommand(BLOCKER, TROLL, AT.plusSeconds(5)))
                .expectEvents(new UserUnblockedEvent(BLOCKER, TROLL, AT.plusSeconds(5)))
                .expectResultMessagePayload(true);
        fixture.given(new UserBlockedEvent(BLOCKER, TROLL, AT), new UserUnblockedEvent(BLOCKER, TROLL, AT))
                .when(new UnblockUserCommand(BLOCKER, TROLL, AT.plusSeconds(9)))
                .expectNoEvents()
                .expectResultMessagePayload(false);
        fixture.given(new UserBlockedEvent(BLOCKER, TROLL, AT), new UserUnblockedEvent(BLOCKER, TROLL, AT))
                .when(new BlockUserCommand(BLOCKER, TROLL, AT.plusSeconds(9)))
                .expectEvents(new UserBlockedEvent(BLOCKER, TROLL, AT.plusSeconds(9)));
    }
}
