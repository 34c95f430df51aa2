package io.chatbackend.notification.fanout;

import io.chatbackend.dialog.contract.events.MemberJoined;
import io.chatbackend.dialog.contract.events.ReadWatermarkAdvanced;
import io.chatbackend.notification.membership.MembershipTail;
import io.chatbackend.notification.membership.MembershipView;
import io.chatbackend.notification.delivery.PartitionedDeliveries;
import io.chatbackend.notification.delivery.ReceiptDeliveries;
import io.chatbackend.notification.session.FrameBody;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Tells a user's sessions that the user joined a dialog ({@link DialogJoinedNotice} on the deliveries topic, keyed
 * by the user), so a connected device learns of a new dialog and catches it up from history, including messages
 * the fan-out sent before it knew of the join. Also turns dialog-domain's {@code ReadWatermarkAdvanced} into a
 * "read" receipt for every member of the dialog (their sessions show "read by"), as {@link ReceiptDeliveries}
 * records, one per deliveries partition; except a watermark a send moved: the message frame tells every member
 * that its sender has read up to it, and a receipt per member would double a large group's fan-out.
 */
public final class JoinNotices implements IntegrationEventHandler {

    private final IntegrationEventPublisher publisher;
    private final IntegrationEventCodec codec;
    private final Clock clock;
    private final MembershipView view;
    private final MembershipTail tail;
    private final PartitionedDeliveries partitioned;

    public JoinNotices(IntegrationEventPublisher publisher, IntegrationEventCodec codec, Clock clock,
                       MembershipView view, MembershipTail tail) {
        this.publisher = publisher;
        this.codec = codec;
        this.clock = clock;
        this.view = view;
        this.tail = tail;
        this.partitioned = new PartitionedDeliveries(codec, clock, PartitionedDeliveries.MAX_RECIPIENTS_PER_RECORD);
    }

    @Override
    public void handle(String key, IntegrationEvent event) throws InterruptedException {
        handleBatch(List.of(new ReceivedEvent("", -1, -1, key, event)));
    }

    @Override
    public void handleBatch(List<ReceivedEvent> events) throws InterruptedException {
        List<OutgoingEvent> notices = new ArrayList<>();
        boolean caughtUp = false;
        for (ReceivedEvent received : events) {
            IntegrationEvent event = received.event();
            if (ReadWatermarkAdvanced.TYPE.equals(event.type())) {
                // the reader's join precedes the watermark in the same partition: wait until the view has it
                if (!caughtUp && !tail.awaitCaughtUp(Duration.ofSeconds(10))) {
                    throw new IllegalStateException("membership view not caught up");
                }
                caughtUp = true;
                ReadWatermarkAdvanced read = codec.payload(event, ReadWatermarkAdvanced.class);
                if (!read.bySending()) { // a send's watermark: the message frame already says it (ADR 0013)
                    notices.addAll(readReceipts(event, read));
                }
                continue;
            }
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

    /** A read watermark for every member: one record per deliveries partition, not one per member (ADR 0015). */
    private List<OutgoingEvent> readReceipts(IntegrationEvent event, ReadWatermarkAdvanced read) {
        return partitioned.of(Deliveries.TOPIC, Deliveries.RECEIPT_TO_MANY, event, view.members(read.dialogId()),
                publisher.partitionCount(Deliveries.TOPIC), -1, chunk -> new ReceiptDeliveries(chunk,
                        read.dialogId(), read.userId(), FrameBody.Receipt.READ, null, read.readSeq()));
    }
}
