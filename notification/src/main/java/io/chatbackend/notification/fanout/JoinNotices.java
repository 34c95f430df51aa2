package io.chatbackend.notification.fanout;

import io.chatbackend.dialog.contract.events.MemberJoined;
import io.chatbackend.notification.delivery.Deliveries;
import io.chatbackend.notification.delivery.DialogJoinedNotice;
import io.chatbackend.platform.events.IntegrationEvent;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.IntegrationEventPublisher;
import io.chatbackend.platform.events.OutgoingEvent;
import io.chatbackend.platform.events.consumer.IntegrationEventHandler;
import io.chatbackend.platform.events.consumer.ReceivedEvent;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Tells a user's sessions that the user joined a dialog ({@link DialogJoinedNotice} on the deliveries topic, keyed
 * by the user), so a connected device learns of a new dialog and catches it up from history, including messages
 * the fan-out sent before it knew of the join.
 */
public final class JoinNotices implements IntegrationEventHandler {

    private final IntegrationEventPublisher publisher;
    private final IntegrationEventCodec codec;
    private final Clock clock;

    public JoinNotices(IntegrationEventPublisher publisher, IntegrationEventCodec codec, Clock clock) {
        this.publisher = publisher;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public void handle(String key, IntegrationEvent event) {
        handleBatch(List.of(new ReceivedEvent("", -1, -1, key, event)));
    }

    @Override
    public void handleBatch(List<ReceivedEvent> events) {
        List<OutgoingEvent> notices = new ArrayList<>();
        for (ReceivedEvent received : events) {
            IntegrationEvent event = received.event();
            if (!MemberJoined.TYPE.equals(event.type())) {
                continue;
            }
            MemberJoined joined = codec.payload(event, MemberJoined.class);
            DialogJoinedNotice notice = new DialogJoinedNotice(joined.userId(), joined.dialogId(),
                    joined.joinedAtSeq());
            String eventId = UUID.nameUUIDFromBytes(("joined/" + event.eventId())
                    .getBytes(StandardCharsets.UTF_8)).toString();
            notices.add(new OutgoingEvent(Deliveries.TOPIC, joined.userId().toString(), new IntegrationEvent(eventId,
                    Deliveries.JOINED, Deliveries.VERSION, clock.instant(), joined.userId().toString(), -1,
                    event.correlationId(), event.eventId(), codec.payloadOf(notice))));
        }
        if (!notices.isEmpty()) {
            publisher.publishAll(notices);
        }
    }
}
