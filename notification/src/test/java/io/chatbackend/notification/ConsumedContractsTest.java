package io.chatbackend.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.chatbackend.dialog.contract.events.MemberJoined;
import io.chatbackend.dialog.contract.events.MemberLeft;
import io.chatbackend.dialog.contract.events.ReadWatermarkAdvanced;
import io.chatbackend.dialog.contract.events.UserBlocked;
import io.chatbackend.dialog.contract.events.UserUnblocked;
import io.chatbackend.message.contract.MessageSent;
import io.chatbackend.notification.dialogs.DialogDirectory;
import io.chatbackend.notification.fanout.FanOut;
import io.chatbackend.notification.fanout.JoinNotices;
import io.chatbackend.notification.membership.MembershipTail;
import io.chatbackend.notification.membership.MembershipView;
import io.chatbackend.notification.session.FrameBody;
import io.chatbackend.notification.session.LiveSession;
import io.chatbackend.notification.session.PresenceSubscriptions;
import io.chatbackend.notification.session.SessionRegistry;
import io.chatbackend.notification.session.SessionsRegistrar;
import io.chatbackend.notification.session.UserEvents;
import io.chatbackend.platform.events.IntegrationEvent;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.IntegrationEventPublisher;
import io.chatbackend.platform.events.OutgoingEvent;
import io.chatbackend.platform.events.contract.ContractSample;
import io.chatbackend.platform.events.contract.ContractSamples;
import io.chatbackend.userclient.contract.DeviceRevoked;
import io.chatbackend.userclient.contract.PresenceChanged;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.JsonNode;

/**
 * What notification consumes, read from every frozen sample of every version (docs/evolving-a-context.md), through
 * its real handlers: dialog-domain's joins, leaves, blocks and read watermarks, message-domain's {@code MessageSent}
 * and user-client's {@code DeviceRevoked} and {@code PresenceChanged}.
 */
class ConsumedContractsTest {

    private final ContractSamples samples = ContractSamples.onClasspath();
    private final IntegrationEventCodec codec = new IntegrationEventCodec();
    private final MembershipView view = new MembershipView(codec);
    private final MembershipTail tail = mock(MembershipTail.class);

    ConsumedContractsTest() throws InterruptedException {
        when(tail.awaitCaughtUp(any())).thenReturn(true);
    }

    @Test
    void everyJoinAndLeaveSampleMovesTheMembershipView() {
        for (ContractSample sample : consumed(MemberJoined.TYPE)) {
            view.apply(sample.event());
            long joinedAtSeq = payload(sample).get("joinedAtSeq").asLong();
            assertThat(view.sees(uuid(sample, "dialogId"), uuid(sample, "userId"), joinedAtSeq)).isTrue();
            assertThat(view.sees(uuid(sample, "dialogId"), uuid(sample, "userId"), joinedAtSeq - 1)).isFalse();
        }
        for (ContractSample sample : consumed(MemberLeft.TYPE)) {
            UUID dialog = uuid(sample, "dialogId");
            UUID user = uuid(sample, "userId");
            view.apply(join(dialog, user, sample.event().aggregateSequence() - 1));
            assertThat(view.isMember(dialog, user)).isTrue();
            view.apply(sample.event());
            assertThat(view.isMember(dialog, user)).isFalse();
        }
    }

    @Test
    void everyBlockSampleHidesTheBlockersPresenceAndEveryUnblockShowsItAgain() {
        for (ContractSample sample : consumed(UserBlocked.TYPE)) {
            UUID blocker = uuid(sample, "blockerId");
            UUID blocked = uuid(sample, "blockedId");
            shareADialog(blocker, blocked);
            assertThat(view.seesPresenceOf(blocked, blocker)).isTrue();
            view.apply(sample.event());
            assertThat(view.seesPresenceOf(blocked, blocker)).isFalse();
        }
        for (ContractSample sample : consumed(UserUnblocked.TYPE)) {
            UUID blocker = uuid(sample, "blockerId");
            UUID blocked = uuid(sample, "blockedId");
            shareADialog(blocker, blocked);
            view.apply(envelope(UserBlocked.TYPE, 1, blocker, sample.event().aggregateSequence() - 1,
                    new UserBlocked(blocker, blocked, Instant.EPOCH)));
            assertThat(view.seesPresenceOf(blocked, blocker)).isFalse();
            view.apply(sample.event());
            assertThat(view.seesPresenceOf(blocked, blocker)).isTrue();
        }
    }

    @Test
    void everyMessageSentSampleIsFannedOutToTheDialogsMembers() throws Exception {
        for (ContractSample sample : consumed(MessageSent.TYPE)) {
            UUID dialog = uuid(sample, "dialogId");
            UUID member = UUID.randomUUID();
            view.apply(join(dialog, uuid(sample, "senderId"), 1));
            view.apply(join(dialog, member, 1));
            IntegrationEventPublisher publisher = publisher();
            new FanOut(view, tail, mock(DialogDirectory.class), publisher, codec, Clock.systemUTC(),
                    new SimpleMeterRegistry().counter("lookups")).handle(dialog.toString(), sample.event());
            assertThat(published(publisher)).contains(member.toString())
                    .contains(payload(sample).get("messageId").asString());
        }
    }

    @Test
    void everyJoinSampleNoticesTheJoinedUserAndEveryReadWatermarkSampleTellsTheMembers() throws Exception {
        for (ContractSample sample : consumed(MemberJoined.TYPE)) {
            IntegrationEventPublisher publisher = publisher();
            new JoinNotices(publisher, codec, Clock.systemUTC(), view, tail).handle(sample.event().aggregateId(),
                    sample.event());
            assertThat(published(publisher)).contains(uuid(sample, "userId").toString());
        }
        for (ContractSample sample : consumed(ReadWatermarkAdvanced.TYPE)) {
            UUID member = UUID.randomUUID();
            view.apply(join(uuid(sample, "dialogId"), member, 1));
            IntegrationEventPublisher publisher = publisher();
            new JoinNotices(publisher, codec, Clock.systemUTC(), view, tail).handle(sample.event().aggregateId(),
                    sample.event());
            if (payload(sample).get("bySending").asBoolean()) {
                verify(publisher, never()).publishAll(any());
            } else {
                assertThat(published(publisher)).contains(member.toString())
                        .contains(uuid(sample, "userId").toString());
            }
        }
    }

    @Test
    void everyDeviceRevokedSampleClosesThatDevicesSessions() {
        for (ContractSample sample : consumed(DeviceRevoked.TYPE)) {
            SessionRegistry sessions = new SessionRegistry();
            LiveSession session = session(uuid(sample, "userId"), payload(sample).get("deviceId").asString());
            LiveSession otherDevice = session(uuid(sample, "userId"), "another-device");
            sessions.add(session);
            sessions.add(otherDevice);
            new UserEvents(sessions, new PresenceSubscriptions(), view, codec).accept(sample.event());
            verify(session).terminate(SessionsRegistrar.REVOKED, "revoked");
            verify(otherDevice, never()).terminate(SessionsRegistrar.REVOKED, "revoked");
        }
    }

    @Test
    void everyPresenceSampleReachesTheSubscribersWhoShareADialog() {
        for (ContractSample sample : consumed(PresenceChanged.TYPE)) {
            UUID user = uuid(sample, "userId");
            UUID friend = UUID.randomUUID();
            shareADialog(user, friend);
            LiveSession subscriber = session(friend, "phone");
            PresenceSubscriptions presence = new PresenceSubscriptions();
            presence.subscribe(subscriber, Set.of(user));
            new UserEvents(new SessionRegistry(), presence, view, codec).accept(sample.event());
            verify(subscriber).send(new FrameBody.Presence(user, payload(sample).get("online").asBoolean(),
                    Instant.parse(payload(sample).get("lastSeenAt").asString())));
        }
    }

    private List<ContractSample> consumed(String type) {
        List<ContractSample> found = samples.of(type);
        assertThat(found).as("frozen samples of " + type).isNotEmpty();
        return found;
    }

    private IntegrationEventPublisher publisher() {
        IntegrationEventPublisher fresh = mock(IntegrationEventPublisher.class);
        when(fresh.partitionCount(anyString())).thenReturn(2);
        return fresh;
    }

    @SuppressWarnings("unchecked")
    private String published(IntegrationEventPublisher publisher) {
        ArgumentCaptor<List<OutgoingEvent>> events = ArgumentCaptor.forClass(List.class);
        verify(publisher).publishAll(events.capture());
        assertThat(events.getValue()).isNotEmpty();
        return events.getValue().stream().map(event -> codec.encodeToString(event.event())).toList().toString();
    }

    private void shareADialog(UUID a, UUID b) {
        UUID dialog = UUID.randomUUID();
        view.apply(join(dialog, a, 1));
        view.apply(join(dialog, b, 1));
    }

    private IntegrationEvent join(UUID dialog, UUID user, long sequence) {
        return envelope(MemberJoined.TYPE, MemberJoined.VERSION, dialog, sequence,
                new MemberJoined(dialog, user, "MEMBER", 1, user));
    }

    private IntegrationEvent envelope(String type, int version, UUID aggregate, long sequence, Object payload) {
        return new IntegrationEvent(UUID.randomUUID().toString(), type, version, Instant.now(), aggregate.toString(),
                sequence, null, null, codec.payloadOf(payload));
    }

    private static LiveSession session(UUID user, String device) {
        LiveSession session = mock(LiveSession.class);
        when(session.userId()).thenReturn(user);
        when(session.deviceId()).thenReturn(device);
        when(session.id()).thenReturn(user + "/" + device);
        return session;
    }

    private static JsonNode payload(ContractSample sample) {
        return sample.event().payload();
    }

    private static UUID uuid(ContractSample sample, String member) {
        return UUID.fromString(payload(sample).get(member).asString());
    }
}
