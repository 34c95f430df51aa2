package io.chatbackend.notification.delivery;

import io.chatbackend.notification.dialogs.DialogDirectory;
import io.chatbackend.notification.dialogs.DialogReach;
import io.chatbackend.notification.remote.RemoteProblem;
import io.chatbackend.notification.membership.MembershipView;
import io.chatbackend.notification.session.FrameBody;
import io.chatbackend.notification.session.LiveSession;
import io.chatbackend.notification.session.PresenceSubscriptions;
import io.chatbackend.notification.session.SessionActions;
import io.chatbackend.notification.userclient.UserClientApi;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.IntegrationEventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Carries out the client frames that reach beyond the session: {@code read} (dialog-domain's read watermark; its
 * event comes back as "read" receipts), {@code ack} (user-client's delivery cursor, then a "delivered" receipt to
 * every member through the deliveries topic), {@code typing} (a notice per other member on the ephemeral topic) and
 * {@code presence.subscribe}. Errors the client can act on come back as {@code error} frames.
 */
public final class ClientRequests implements SessionActions {

    private static final Logger log = LoggerFactory.getLogger(ClientRequests.class);

    private final DialogDirectory directory;
    private final UserClientApi userClient;
    private final MembershipView view;
    private final PresenceSubscriptions presence;
    private final IntegrationEventPublisher publisher;
    private final PartitionedDeliveries partitioned;

    public ClientRequests(DialogDirectory directory, UserClientApi userClient, MembershipView view,
                          PresenceSubscriptions presence, IntegrationEventPublisher publisher,
                          IntegrationEventCodec codec, Clock clock) {
        this.directory = directory;
        this.userClient = userClient;
        this.view = view;
        this.presence = presence;
        this.publisher = publisher;
        this.partitioned = new PartitionedDeliveries(codec, clock, PartitionedDeliveries.MAX_RECIPIENTS_PER_RECORD);
    }

    @Override
    public void read(LiveSession session, UUID dialogId, long upToSeq) {
        directory.markRead(dialogId, session.userId(), upToSeq).subscribe(
                readSeq -> log.debug("Session {}: read {} up to {}", session.id(), dialogId, readSeq),
                error -> session.send(new FrameBody.Error(code(error), "read", dialogId)));
    }

    /**
     * Only up to a message that exists: an {@code ack} beyond the dialog's last message is refused
     * ({@code WATERMARK_OUT_OF_RANGE}) before the cursor moves or any receipt goes out. A message this session sent
     * proves its dialogSeq (the common case: a device acks what it just got, maybe before dialog-domain's read model
     * has it); anything further is asked of dialog-domain, never guessed from what the node has seen.
     */
    @Override
    public void ack(LiveSession session, UUID dialogId, long upToSeq) {
        if (!view.isMember(dialogId, session.userId())) {
            session.send(new FrameBody.Error(FrameBody.Error.DIALOG_NOT_FOUND, "ack", dialogId));
            return;
        }
        Mono<DialogReach> reach = session.hasSent(dialogId, upToSeq) ? Mono.just(DialogReach.REACHED)
                : directory.reach(dialogId, session.userId(), upToSeq);
        reach.flatMap(found -> switch (found) {
                    case REACHED -> advanceAndPublish(session, dialogId, upToSeq);
                    case NOT_REACHED -> refuse(session, FrameBody.Error.WATERMARK_OUT_OF_RANGE, dialogId);
                    case NOT_A_MEMBER -> refuse(session, FrameBody.Error.DIALOG_NOT_FOUND, dialogId);
                })
                .subscribe(cursor -> log.debug("Session {}: delivered {} up to {}", session.id(), dialogId, cursor),
                        error -> {
                            log.warn("Session {}: ack of {} failed: {}", session.id(), dialogId, error.toString());
                            session.send(new FrameBody.Error(code(error), "ack", dialogId));
                        });
    }

    private Mono<Long> advanceAndPublish(LiveSession session, UUID dialogId, long upToSeq) {
        return userClient.advanceCursor(session.userId(), session.deviceId(), dialogId, upToSeq)
                .flatMap(cursor -> Mono.fromRunnable(() -> publishDelivered(session, dialogId, cursor))
                        .subscribeOn(Schedulers.boundedElastic()).then(Mono.just(cursor)));
    }

    private static Mono<Long> refuse(LiveSession session, String code, UUID dialogId) {
        session.send(new FrameBody.Error(code, "ack", dialogId));
        return Mono.empty();
    }

    @Override
    public void typing(LiveSession session, UUID dialogId) {
        // membership before the limiter: it must only ever hold the user's own dialogs
        if (!view.isMember(dialogId, session.userId()) || !session.mayType(dialogId)) {
            return;
        }
        Mono.fromRunnable(() -> {
            List<UUID> others = view.members(dialogId).stream()
                    .filter(member -> !member.equals(session.userId())) // never to the typist's own sessions
                    .toList();
            if (others.isEmpty()) {
                return;
            }
            partitioned.of(Deliveries.EPHEMERAL, Deliveries.TYPING_TO_MANY, null, others,
                            publisher.partitionCount(Deliveries.EPHEMERAL), -1,
                            chunk -> new TypingNotices(chunk, dialogId, session.userId()))
                    .forEach(publisher::publish);
        }).subscribeOn(Schedulers.boundedElastic()).subscribe(null,
                error -> log.debug("Typing of session {} not published: {}", session.id(), error.toString()));
    }

    @Override
    public void subscribePresence(LiveSession session, Set<UUID> userIds) {
        presence.subscribe(session, userIds);
    }

    /** A delivered watermark for every member: one record per deliveries partition, not one per member. */
    private void publishDelivered(LiveSession session, UUID dialogId, long upToSeq) {
        publisher.publishAll(partitioned.of(Deliveries.TOPIC, Deliveries.RECEIPT_TO_MANY, null,
                view.members(dialogId), publisher.partitionCount(Deliveries.TOPIC), -1,
                chunk -> new ReceiptDeliveries(chunk, dialogId, session.userId(), FrameBody.Receipt.DELIVERED,
                        session.deviceId(), upToSeq)));
    }

    private static String code(Throwable error) {
        return error instanceof RemoteProblem problem ? problem.code() : FrameBody.Error.UNAVAILABLE;
    }
}
