package io.chatbackend.notification.delivery;

import io.chatbackend.notification.session.FrameBody;
import io.chatbackend.notification.session.LiveSession;
import io.chatbackend.notification.session.SessionRegistry;
import io.chatbackend.platform.events.IntegrationEvent;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.consumer.IntegrationEventHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The node's half of delivery: reads the deliveries of the users whose partitions this node consumes (a consumer
 * group shared by all nodes) and hands each to every live session of its recipient here. Never blocks on a
 * session (sessions queue or drop); a recipient without a session on this node gets an offline push (and catches
 * up with {@code resume} on their next connect); receipts and typing notices go to the recipient's sessions only.
 */
public final class NodeDeliveries implements IntegrationEventHandler {

    private final SessionRegistry sessions;
    private final IntegrationEventCodec codec;
    private final Timer lag;
    private final Counter received;
    private final Clock clock;
    private final java.util.function.Consumer<MessageDelivery> offline;
    private final Duration typingMaxAge = Duration.ofSeconds(10);

    /**
     * @param lag      fan-out lag: from the message's {@code sentAt} to its enqueueing in a live session
     * @param received deliveries this node consumed (with or without a live session of the recipient)
     */
    public NodeDeliveries(SessionRegistry sessions, IntegrationEventCodec codec, Timer lag, Counter received,
                          Clock clock, java.util.function.Consumer<MessageDelivery> offline) {
        this.offline = offline;
        this.sessions = sessions;
        this.codec = codec;
        this.lag = lag;
        this.received = received;
        this.clock = clock;
    }

    @Override
    public void handle(String key, IntegrationEvent event) {
        received.increment();
        switch (event.type()) {
            case Deliveries.MESSAGE -> message(codec.payload(event, MessageDelivery.class));
            case Deliveries.JOINED -> joined(codec.payload(event, DialogJoinedNotice.class));
            case Deliveries.RECEIPT -> receipt(codec.payload(event, ReceiptDelivery.class));
            case Deliveries.TYPING -> {
                // ephemeral: a notice that waited (a rebalance, a restart) is no news any more
                if (event.occurredAt() == null
                        || event.occurredAt().isAfter(clock.instant().minus(typingMaxAge))) {
                    typing(codec.payload(event, TypingNotice.class));
                }
            }
            default -> {
                // a newer kind of delivery this node does not know: tolerant reader
            }
        }
    }

    private void message(MessageDelivery delivery) {
        List<LiveSession> recipients = sessions.sessionsOf(delivery.recipientId());
        if (recipients.isEmpty()) {
            // this node owns the user's partition, so the user has no live session anywhere
            offline.accept(delivery);
            return;
        }
        FrameBody.Message frame = new FrameBody.Message(delivery.dialogId(), delivery.messageId(),
                delivery.senderId(), delivery.senderSeq(), delivery.dialogSeq(), delivery.body() == null ? null
                : new FrameBody.Message.Body(delivery.body().type(), delivery.body().text()), delivery.sentAt());
        for (LiveSession session : recipients) {
            session.deliver(frame);
        }
        if (delivery.sentAt() != null) {
            Duration since = Duration.between(delivery.sentAt(), clock.instant());
            lag.record(since.isNegative() ? Duration.ZERO : since);
        }
    }

    private void joined(DialogJoinedNotice notice) {
        for (LiveSession session : sessions.sessionsOf(notice.recipientId())) {
            session.joined(notice.dialogId(), notice.joinedAtSeq());
        }
    }

    private void receipt(ReceiptDelivery receipt) {
        FrameBody.Receipt frame = new FrameBody.Receipt(receipt.dialogId(), receipt.userId(), receipt.kind(),
                receipt.deviceId(), receipt.upToSeq());
        for (LiveSession session : sessions.sessionsOf(receipt.recipientId())) {
            session.receipt(frame);
        }
    }

    private void typing(TypingNotice notice) {
        FrameBody.Typing frame = new FrameBody.Typing(notice.dialogId(), notice.userId());
        for (LiveSession session : sessions.sessionsOf(notice.recipientId())) {
            if (!session.userId().equals(notice.userId())) {
                session.send(frame);
            }
        }
    }
}
