package io.chatbackend.notification.fanout;

import io.chatbackend.message.contract.MessageSent;
import io.chatbackend.notification.membership.MembershipTail;
import io.chatbackend.notification.membership.MembershipView;
import io.chatbackend.notification.delivery.Deliveries;
import io.chatbackend.notification.delivery.PartitionedDeliveries;
import io.chatbackend.notification.dialogs.DialogDirectory;
import io.chatbackend.notification.dialogs.Membership;
import io.chatbackend.platform.events.IntegrationEvent;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.IntegrationEventPublisher;
import io.chatbackend.platform.events.OutgoingEvent;
import io.chatbackend.platform.events.consumer.IntegrationEventHandler;
import io.chatbackend.platform.events.consumer.ReceivedEvent;
import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The fan-out stage (docs/architecture.md §4): reads message-domain's {@code MessageSent} (keyed by dialog), expands each to
 * its recipients (every member who sees its dialogSeq, the sender included, for their other devices) and writes
 * them to {@link Deliveries#TOPIC} as one {@link io.chatbackend.notification.delivery.MessageDeliveries} record per
 * partition the recipients' user ids hash to (ADR 0015; {@link PartitionedDeliveries}). A batch is acknowledged by
 * Kafka before the consumer commits it (at least once; nodes drop what a session already had).
 *
 * <p>Membership is kept ahead of messages two ways: before each batch the {@link MembershipTail} must have applied
 * everything the dialog topic holds at that moment; and if the view still does not know the sender as a member who
 * sees the message (a join whose event dialog-domain has not published yet, e.g. a dialog created and written to
 * at once), the members are asked from dialog-domain's write side, which is current. A member the view still
 * misses after that (a join published late while another member writes) gets the message when the join's
 * notice makes their sessions catch the dialog up from history.
 */
public final class FanOut implements IntegrationEventHandler {

    private static final Logger log = LoggerFactory.getLogger(FanOut.class);
    private static final Duration MEMBERSHIP_WAIT = Duration.ofSeconds(10);
    private static final Duration DIRECTORY_TIMEOUT = Duration.ofSeconds(10);

    private final MembershipView view;
    private final MembershipTail tail;
    private final DialogDirectory directory;
    private final IntegrationEventPublisher publisher;
    private final IntegrationEventCodec codec;
    private final PartitionedDeliveries partitioned;
    private final Counter directoryLookups;

    public FanOut(MembershipView view, MembershipTail tail, DialogDirectory directory,
                  IntegrationEventPublisher publisher, IntegrationEventCodec codec, Clock clock,
                  Counter directoryLookups) {
        this.view = view;
        this.tail = tail;
        this.directory = directory;
        this.publisher = publisher;
        this.codec = codec;
        this.partitioned = new PartitionedDeliveries(codec, clock, PartitionedDeliveries.MAX_RECIPIENTS_PER_RECORD);
        this.directoryLookups = directoryLookups;
    }

    @Override
    public void handle(String key, IntegrationEvent event) throws Exception {
        handleBatch(List.of(new ReceivedEvent(MessageSent.TOPIC, -1, -1, key, event)));
    }

    @Override
    public void handleBatch(List<ReceivedEvent> events) throws Exception {
        List<IntegrationEvent> messages = events.stream().map(ReceivedEvent::event)
                .filter(event -> MessageSent.TYPE.equals(event.type())).toList();
        if (messages.isEmpty()) {
            return;
        }
        if (!tail.awaitCaughtUp(MEMBERSHIP_WAIT)) {
            // throwing makes the consumer redeliver the batch after a back-off: nothing is fanned out half-known
            throw new IllegalStateException("membership view not caught up within " + MEMBERSHIP_WAIT);
        }
        Map<UUID, List<Membership>> looked = new HashMap<>(); // one look-up per dialog and batch at most
        int partitionCount = publisher.partitionCount(Deliveries.TOPIC);
        List<OutgoingEvent> deliveries = new ArrayList<>();
        for (IntegrationEvent event : messages) {
            MessageSent sent = codec.payload(event, MessageSent.class);
            Set<UUID> recipients = new LinkedHashSet<>(view.recipients(sent.dialogId(), sent.dialogSeq()));
            if (!view.sees(sent.dialogId(), sent.senderId(), sent.dialogSeq())) {
                List<Membership> members = looked.computeIfAbsent(sent.dialogId(), this::lookUp);
                members.stream().filter(member -> member.joinedAtSeq() <= sent.dialogSeq())
                        .forEach(member -> recipients.add(member.userId()));
            }
            deliveries.addAll(partitioned.of(event, sent, recipients, partitionCount));
        }
        publisher.publishAll(deliveries);
    }

    private List<Membership> lookUp(UUID dialogId) {
        directoryLookups.increment();
        List<Membership> members = directory.membersOf(dialogId).block(DIRECTORY_TIMEOUT);
        log.debug("Members of dialog {} looked up in dialog-domain: {}", dialogId, members);
        return members == null ? List.of() : members;
    }
}
