package io.chatbackend.notification.session;

import io.chatbackend.notification.dialogs.HistoryItem;
import io.chatbackend.notification.remote.RemoteProblem;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Catching one dialog of one session up: history after the cursor, page by page, then the live deliveries held
 * meanwhile, then back to live. Every frame is paced by the outbox (catching up waits for room, it never overflows
 * it). The state lives in {@link MessageStream}; this class only drives its steps, each of which answers whether it
 * is done, needs room, or must stop (the resume that started it was replaced, or history has a hole).
 */
final class CatchUp {

    /**
     * Retries of dialog-domain calls (its dialogs and history): a busy or restarting dialog-domain should delay a
     * resume by seconds, not end the session (a closed session makes every client of the node reconnect at once,
     * which makes it busier). Refusals (4xx, e.g. not a member) are answers, not failures, and are not retried.
     */
    static final Retry DIALOG_DOMAIN_RETRY = Retry.backoff(6, Duration.ofMillis(250))
            .maxBackoff(Duration.ofSeconds(4))
            .jitter(0.5)
            .filter(error -> !(error instanceof RemoteProblem problem) || problem.status() >= 500);

    /** The answer of one step. */
    enum Step { DONE, NO_ROOM, STOP }

    private final MessageStream stream;
    private final History history;
    private final RecentMessages recent;
    private final SessionOutbox outbox;
    private final UUID userId;
    private final int pageSize;

    CatchUp(MessageStream stream, History history, RecentMessages recent, SessionOutbox outbox, UUID userId,
            int pageSize) {
        this.stream = stream;
        this.history = history;
        this.recent = recent;
        this.outbox = outbox;
        this.userId = userId;
        this.pageSize = pageSize;
    }

    /**
     * Sends history after the cursor, then the held live deliveries, then hands the dialog back to the live path.
     * Without {@code acrossHoles} it stops at a hole in history (a message still on its way to the read model) and
     * leaves it to the repair; with it (the repair itself) it sends across holes.
     */
    Mono<Void> run(UUID dialog, long generation, boolean acrossHoles) {
        return pages(dialog, generation, acrossHoles)
                .then(Mono.defer(() -> held(dialog, generation, acrossHoles)))
                .onErrorResume(error -> {
                    stream.giveUp(dialog, generation, error);
                    return Mono.empty();
                });
    }

    /**
     * History after the cursor, page by page: from the node's {@link RecentMessages} when it holds all of it (not for
     * a repair: a member who left may still hold a hole, and the node's messages know nothing of membership), else
     * from dialog-domain, whose pages then feed the recent messages for the next session.
     */
    private Mono<Void> pages(UUID dialog, long generation, boolean acrossHoles) {
        return Mono.defer(() -> {
            Long after = stream.cursorOf(dialog, generation);
            if (after == null) {
                return Mono.empty();
            }
            RecentMessages.Page held = acrossHoles ? null : recent.after(dialog, after, pageSize);
            if (held != null) {
                return send(dialog, generation, acrossHoles, held.messages(), held.hasMore());
            }
            return history.page(dialog, userId, after, pageSize)
                    .retryWhen(DIALOG_DOMAIN_RETRY)
                    .flatMap(page -> {
                        if (!page.member()) {
                            stream.forget(dialog, generation);
                            return Mono.empty();
                        }
                        List<FrameBody.Message> messages = page.items().stream().map(CatchUp::frame).toList();
                        messages.forEach(recent::fetched);
                        return send(dialog, generation, acrossHoles, messages, page.hasMore());
                    });
        });
    }

    private Mono<Void> send(UUID dialog, long generation, boolean acrossHoles, List<FrameBody.Message> messages,
                            boolean hasMore) {
        boolean[] stop = {false};
        return Flux.fromIterable(messages)
                .takeWhile(message -> !stop[0])
                .concatMap(message -> paced(() -> stopOn(stream.sendHistory(dialog, generation, message,
                        acrossHoles), stop)), 0)
                .then(Mono.defer(() -> hasMore && !stop[0] && !messages.isEmpty()
                        ? pages(dialog, generation, acrossHoles) : Mono.empty()));
    }

    /** Only the live deliveries held meanwhile, then back to live: for a dialog the client already has all of. */
    Mono<Void> held(UUID dialog, long generation) {
        return held(dialog, generation, false)
                .onErrorResume(error -> {
                    stream.giveUp(dialog, generation, error);
                    return Mono.empty();
                });
    }

    private Mono<Void> held(UUID dialog, long generation, boolean acrossHoles) {
        return Flux.<Boolean>generate(sink -> {
                    if (stream.hasSendable(dialog, generation, acrossHoles)) {
                        sink.next(Boolean.TRUE);
                    } else {
                        sink.complete();
                    }
                })
                .concatMap(ignored -> paced(() -> stream.sendHeld(dialog, generation, acrossHoles)), 0)
                .then(Mono.defer(() -> stream.finish(dialog, generation, acrossHoles)
                        ? held(dialog, generation, acrossHoles) : Mono.empty()));
    }

    private static Step stopOn(Step step, boolean[] stop) {
        if (step == Step.STOP) {
            stop[0] = true;
        }
        return step;
    }

    /**
     * Tries {@code step} until it is not short of room, waiting for room in the outbox in between. The wait ends on
     * the writer's thread, so the next try hops to another thread rather than run inside the writer (or inside a
     * caller that holds the session's lock).
     */
    private Mono<Void> paced(Supplier<Step> step) {
        return Mono.defer(() -> step.get() != Step.NO_ROOM ? Mono.<Void>empty()
                : Mono.<Void>create(sink -> outbox.whenRoom(sink::success))
                .publishOn(Schedulers.parallel())
                .then(paced(step)));
    }

    private static FrameBody.Message frame(HistoryItem item) {
        return new FrameBody.Message(item.dialogId(), item.messageId(), item.senderId(), item.senderSeq(),
                item.dialogSeq(), item.body() == null ? null
                : new FrameBody.Message.Body(item.body().type(), item.body().text()), item.sentAt());
    }

    static String reason(Throwable error) {
        return (error.getCause() != null ? error.getCause() : error).toString();
    }
}
