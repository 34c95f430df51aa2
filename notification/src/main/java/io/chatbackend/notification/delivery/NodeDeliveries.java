package io.chatbackend.notification.delivery;

import io.chatbackend.notification.session.FrameBody;
import io.chatbackend.notification.session.LiveSession;
import io.chatbackend.notification.session.RecentMessages;
import io.chatbackend.notification.session.SessionRegistry;
import io.chatbackend.platform.events.IntegrationEvent;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.consumer.IntegrationEventHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The node's half of delivery: reads the deliveries of the users whose partitions this node consumes (a consumer
 * group shared by all nodes) and hands each to every live session of its recipient here. Never blocks on a
 * session (sessions queue or drop); a recipient without a session on this node gets an offline push (and catches
 * up with {@code resume} on their next connect); receipts and typing notices go to the recipient's sessions only.
 * Every message also joins the node's {@link RecentMessages} first, so a session that resumes later finds it there.
 */
public final class NodeDeliveries implements IntegrationEventHandler {

    private final SessionRegistry sessions;
    private final RecentMessages recent;
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
    public NodeDeliveries(SessionRegistry sessions, RecentMessages recent, IntegrationEventCodec codec, Timer lag,
                          Counter received, Clock clock, java.util.function.Consumer<MessageDelivery> offline) {
        this.offline = offline;
        this.sessions = sessions;
        this.recent = recent;
        this.codec = codec;
        this.lag = lag;
        this.received = received;
        this.clock = clock;
    }

    @Override
    public void handle(String key, IntegrationEvent event) {
        switch (event.type()) {
            case Deliveries.MESSAGE_TO_MANY -> messageToMany(codec.payload(event, MessageDeliveries.class));
            case Deliveries.MESSAGE -> {
                received.increment();
                message(codec.payload(event, MessageDelivery.class));
            }
            case Deliveries.JOINED -> {
                received.increment();
                joined(codec.payload(event, DialogJoinedNotice.class));
            }
            case Deliveries.RECEIPT -> {
                received.increment();
                receipt(codec.payload(event, ReceiptDelivery.class));
            }
            case Deliveries.RECEIPT_TO_MANY -> receiptToMany(codec.payload(event, ReceiptDeliveries.class));
            case Deliveries.TYPING -> {
                received.increment();
                if (fresh(event)) {
                    typing(codec.payload(event, TypingNotice.class));
                }
            }
            case Deliveries.TYPING_TO_MANY -> {
                if (fresh(event)) {
                    typingToMany(codec.payload(event, TypingNotices.class));
                }
            }
            default -> {
                // a newer kind of delivery this node does not know: tolerant reader
            }
        }
    }

    /** One frame for all recipients listed (frames are immutable; each session numbers its own copy on send). */
    private void messageToMany(MessageDeliveries deliveries) {
        FrameBody.Message frame = frame(deliveries.dialogId(), deliveries.messageId(), deliveries.senderId(),
                deliveries.senderSeq(), deliveries.dialogSeq(), deliveries.body(), deliveries.sentAt());
        recent.delivered(frame);
        for (UUID recipient : deliveries.recipientIds()) {
            received.increment();
            deliver(recipient, frame, deliveries.sentAt(), () -> deliveries.to(recipient));
        }
    }

    private void message(MessageDelivery delivery) {
        FrameBody.Message frame = frame(delivery.dialogId(), delivery.messageId(), delivery.senderId(),
                delivery.senderSeq(), delivery.dialogSeq(), delivery.body(), delivery.sentAt());
        recent.delivered(frame);
        deliver(delivery.recipientId(), frame, delivery.sentAt(), () -> delivery);
    }

    private void deliver(UUID recipient, FrameBody.Message frame, Instant sentAt,
                         Supplier<MessageDelivery> forPush) {
        List<LiveSession> recipients = sessions.sessionsOf(recipient);
        if (recipients.isEmpty()) {
            // this node owns the user's partition, so the user has no live session anywhere
            offline.accept(forPush.get());
            return;
        }
        for (LiveSession session : recipients) {
            session.deliver(frame);
        }
        if (sentAt != null) {
            Duration since = Duration.between(sentAt, clock.instant());
            lag.record(since.isNegative() ? Duration.ZERO : since);
        }
    }

    private static FrameBody.Message frame(UUID dialogId, String messageId, UUID senderId, long senderSeq,
                                           long dialogSeq, MessageDelivery.Body body, Instant sentAt) {
        return new FrameBody.Message(dialogId, messageId, senderId, senderSeq, dialogSeq, body == null ? null
                : new FrameBody.Message.Body(body.type(), body.text()), sentAt);
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

    private void receiptToMany(ReceiptDeliveries receipts) {
        FrameBody.Receipt frame = new FrameBody.Receipt(receipts.dialogId(), receipts.userId(), receipts.kind(),
                receipts.deviceId(), receipts.upToSeq());
        for (UUID recipient : receipts.recipientIds()) {
            received.increment();
            for (LiveSession session : sessions.sessionsOf(recipient)) {
                session.receipt(frame);
            }
        }
    }

    /** Ephemeral: a notice that waited (a rebalance, a restart) is no news any more. */
    private boolean fresh(IntegrationEvent event) {
        return event.occurredAt() == null || event.occurredAt().isAfter(clock.instant().minus(typingMaxAge));
    }

    private void typingToMany(TypingNotices notices) {
        FrameBody.Typing frame = new FrameBody.Typing(notices.dialogId(), notices.userId());
        for (UUID recipient : notices.recipientIds()) {
            received.increment();
            for (LiveSession session : sessions.sessionsOf(recipient)) {
                if (!session.userId().equals(notices.userId())) {
                    session.send(frame);
                }
            }
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
