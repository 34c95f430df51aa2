package io.chatbackend.dialog.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chatbackend.dialog.command.DialogCreatedEvent;
import io.chatbackend.dialog.command.DialogType;
import io.chatbackend.dialog.command.LaneConfirmedEvent;
import io.chatbackend.dialog.command.MemberJoinedEvent;
import io.chatbackend.dialog.command.MemberLeftEvent;
import io.chatbackend.dialog.command.MemberRole;
import io.chatbackend.dialog.command.MessageAppendedEvent;
import io.chatbackend.dialog.command.ReadWatermarkAdvancedEvent;
import io.chatbackend.dialog.contract.events.DialogCreated;
import io.chatbackend.dialog.command.UserBlockedEvent;
import io.chatbackend.dialog.command.UserUnblockedEvent;
import io.chatbackend.dialog.contract.events.DialogTopics;
import io.chatbackend.dialog.contract.events.UserBlocked;
import io.chatbackend.dialog.contract.events.MemberJoined;
import io.chatbackend.dialog.contract.events.MemberLeft;
import io.chatbackend.dialog.contract.events.ReadWatermarkAdvanced;
import io.chatbackend.platform.axon.AuditMetadata;
import io.chatbackend.platform.events.contract.ContractSample;
import io.chatbackend.platform.events.contract.ContractSamples;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.OutgoingEvent;
import io.chatbackend.platform.events.axon.DomainEventEnvelopes;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

/**
 * What dialog-domain publishes has exactly the shape of the frozen sample of its version and still reads as every
 * earlier version's sample ({@link ContractSamples#checkPublished}); lane bookkeeping stays private.
 */
class DialogContractTest {

    private static final ContractSamples SAMPLES = ContractSamples.onClasspath();

    private final IntegrationEventCodec codec = new IntegrationEventCodec();
    private final DialogIntegrationMapper mapper = new DialogIntegrationMapper(new DomainEventEnvelopes(codec));
    private final String dialogId = UUID.randomUUID().toString();
    private final UUID user = UUID.randomUUID();

    @Test
    void everyPublishedEventHasTheShapeOfItsSample() {
        assertPublishedLikeSample(new DialogCreatedEvent(dialogId, DialogType.GROUP, "Team", user, Instant.now()),
                DialogCreated.TYPE);
        assertPublishedLikeSample(new MemberJoinedEvent(dialogId, user, MemberRole.ADMIN, 1, user), MemberJoined.TYPE);
        assertPublishedLikeSample(new MemberLeftEvent(dialogId, user, UUID.randomUUID()), MemberLeft.TYPE);
        assertPublishedLikeSample(new ReadWatermarkAdvancedEvent("read:" + dialogId + ":" + user, dialogId, user, 7),
                ReadWatermarkAdvanced.TYPE);
    }

    @Test
    void everyPublishedSampleIsFrozenByItsManifest() {
        assertThat(SAMPLES.problems()).isEmpty();
        assertThat(SAMPLES.of(MemberJoined.TYPE)).extracting(ContractSample::version).containsExactly(1, 2);
    }

    @Test
    void aJoinIsPublishedWithWhoAddedTheMemberAsVersionTwo() {
        UUID adder = UUID.randomUUID();
        OutgoingEvent event = single(new MemberJoinedEvent(dialogId, user, MemberRole.MEMBER, 5, adder));
        assertThat(event.event().version()).isEqualTo(2);
        assertThat(codec.payload(event.event(), MemberJoined.class).addedBy()).isEqualTo(adder);
        OutgoingEvent unknownAdder = single(new MemberJoinedEvent(dialogId, user, MemberRole.MEMBER, 5, null));
        assertThat(SAMPLES.checkPublished(unknownAdder.event())).as("a join stored before revision 2").isEmpty();
    }

    @Test
    void blocksArePublishedOnTheirOwnTopicKeyedByTheBlockerInTheShapeOfTheirSamples() {
        UUID blocked = UUID.randomUUID();
        for (Object domainEvent : List.of(new UserBlockedEvent(user.toString(), blocked, Instant.now()),
                new UserUnblockedEvent(user.toString(), blocked, Instant.now()))) {
            OutgoingEvent event = single(domainEvent);
            assertThat(event.topic()).isEqualTo(DialogTopics.BLOCKS);
            assertThat(event.key()).as("keyed by the blocker").isEqualTo(user.toString());
            assertThat(SAMPLES.checkPublished(event.event())).isEmpty();
        }
        assertThat(codec.payload(single(new UserBlockedEvent(user.toString(), blocked, Instant.EPOCH)).event(),
                UserBlocked.class)).isEqualTo(new UserBlocked(user, blocked, Instant.EPOCH));
    }

    @Test
    void aSendPublishesNothingHere_messageSentSaysTheSenderHasReadUpToIt() {
        assertThat(mapper.map(new GenericDomainEventMessage<>("Dialog", dialogId, 3,
                new MessageAppendedEvent(dialogId, "42", user, 3, 17)))).isEmpty();
    }

    @Test
    void laneEventsAreNotPublished() {
        assertThat(mapper.map(new GenericDomainEventMessage<>("SenderLane", dialogId + ":" + user, 1,
                new LaneConfirmedEvent(dialogId + ":" + user, "tx", 1)))).isEmpty();
    }

    private void assertPublishedLikeSample(Object domainEvent, String type) {
        OutgoingEvent event = single(domainEvent);
        assertThat(event.topic()).isEqualTo(DialogTopics.DIALOGS);
        assertThat(event.key()).as("keyed by dialog").isEqualTo(dialogId);
        assertThat(event.event().type()).isEqualTo(type);
        assertThat(SAMPLES.checkPublished(event.event())).as(type).isEmpty();
    }

    private OutgoingEvent single(Object domainEvent) {
        List<OutgoingEvent> events = mapper.map(new GenericDomainEventMessage<>("Dialog", dialogId, 4, domainEvent,
                MetaData.from(Map.of(AuditMetadata.CORRELATION_ID, "c-1", AuditMetadata.CAUSATION_ID, "c-0"))));
        assertThat(events).hasSize(1);
        return events.get(0);
    }
}
