package io.chatbackend.notification.session;

import io.chatbackend.notification.dialogs.UserDialog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The message frames of one session: per dialog a {@link DialogCursor}, the resume that starts them, the catching up
 * of dialogs ({@link CatchUp}) and the repair of holes.
 *
 * <p>Message frames start with the client's first {@code resume}: it says what the client has per dialog, and for
 * each dialog of the user (also those joined while offline) the session sends what is missing from history, in
 * dialogSeq order. Live deliveries of a dialog that is catching up are held and sent after it, without those at or
 * below the last one sent: no hole and no duplicate at the boundary. A dialog that turns up later (joined while
 * connected) is caught up the same way. A hole that stays open for {@code holeWait} is repaired from history; what
 * history cannot fill either is then sent with its hole visible (G6).
 *
 * <p>Thread-safe: live deliveries come from the node's Kafka consumer, client frames from Netty, catching up from
 * HTTP callbacks; all state is guarded by this object's lock, which is always taken before the outbox's. A
 * {@code generation}, bumped by every resume, stops the catching up of an earlier one at its next step.
 */
final class MessageStream {

    private static final Logger log = LoggerFactory.getLogger(MessageStream.class);

    private final String sessionId;
    private final UUID userId;
    private final SessionOutbox outbox;
    private final History history;
    private final LiveSession.Settings settings;
    private final Runnable closer;
    private final SessionTasks tasks;
    private final CatchUp catchUp;

    // guarded by this
    private final Map<UUID, DialogCursor> cursors = new HashMap<>();
    private boolean resumed;
    private boolean resyncing;
    private boolean closed;
    private long generation;

    /** @param closer closes the WebSocket (when a resume cannot be answered: the client reconnects) */
    MessageStream(String sessionId, UUID userId, SessionOutbox outbox, History history, RecentMessages recent,
                  LiveSession.Settings settings, Runnable closer) {
        this.sessionId = sessionId;
        this.userId = userId;
        this.outbox = outbox;
        this.history = history;
        this.settings = settings;
        this.closer = closer;
        this.tasks = new SessionTasks(sessionId);
        this.catchUp = new CatchUp(this, history, recent, outbox, userId, settings.pageSize());
    }

    synchronized boolean isSettled() {
        return resumed && !resyncing && cursors.values().stream().noneMatch(cursor -> cursor.catchingUp);
    }

    synchronized boolean hasSent(UUID dialog, long dialogSeq) {
        DialogCursor cursor = cursors.get(dialog);
        return cursor != null && cursor.highestSent() >= dialogSeq;
    }

    void deliver(FrameBody.Message message) {
        Mono<Void> start = null;
        synchronized (this) {
            if (closed) {
                return;
            }
            UUID dialog = message.dialogId();
            DialogCursor cursor = cursors.computeIfAbsent(dialog, d -> new DialogCursor());
            if (cursor.covers(message.dialogSeq())) {
                return; // this session already had it
            }
            cursor.hold(message, settings.maxPendingPerDialog());
            if (!resumed || resyncing || cursor.catchingUp) {
                return; // sent once the resume or the catching up of this dialog reaches it
            }
            if (!cursor.anchored()) {
                // a dialog this session did not know at its resume (joined since): its history first
                cursor.catchingUp = true;
                start = anchorAndCatchUp(dialog, generation);
            } else {
                sendLive(dialog, cursor);
            }
        }
        tasks.start(start);
    }

    void joined(UUID dialog, long joinedAtSeq) {
        Mono<Void> start = null;
        synchronized (this) {
            if (closed || !resumed || resyncing) {
                return; // a resume still to come or under way fetches the user's dialogs itself
            }
            DialogCursor cursor = cursors.computeIfAbsent(dialog, d -> new DialogCursor());
            if (cursor.catchingUp) {
                return;
            }
            if (!cursor.anchored()) {
                cursor.anchorAt(Math.max(0, joinedAtSeq - 1));
                cursor.catchingUp = true;
                start = catchUp.run(dialog, generation, false);
            } else if (cursor.lastSent() < joinedAtSeq - 1) {
                // joined again after leaving: what came in between is not theirs to see, so it is no hole
                cursor.anchorAt(joinedAtSeq - 1);
                sendLive(dialog, cursor);
            }
        }
        tasks.start(start);
    }

    void resume(Map<UUID, Long> lastDialogSeqs) {
        long gen;
        synchronized (this) {
            if (closed) {
                return;
            }
            gen = ++generation;
            resumed = true;
            resyncing = true;
            tasks.cancelAll();
            for (DialogCursor cursor : cursors.values()) {
                cursor.catchingUp = false;
                cursor.repairScheduled = false;
            }
        }
        tasks.start(history.dialogsOf(userId)
                .retryWhen(CatchUp.DIALOG_DOMAIN_RETRY)
                .flatMapMany(dialogs -> Flux.fromIterable(startResume(dialogs, lastDialogSeqs, gen)))
                .flatMap(start -> start.fetch() ? catchUp.run(start.dialog(), gen, false)
                        : catchUp.held(start.dialog(), gen), 4)
                .then()
                .onErrorResume(error -> {
                    log.warn("Session {} of user {}: resume failed; closing it so the client reconnects: {}",
                            sessionId, userId, CatchUp.reason(error));
                    closer.run();
                    return Mono.empty();
                }));
    }

    void close() {
        synchronized (this) {
            closed = true;
            cursors.clear();
        }
        tasks.close();
    }

    // ---- live path (under the lock) ----

    /** Sends held deliveries that are next in line (live: a full outbox drops them); schedules a repair for a hole. */
    private void sendLive(UUID dialog, DialogCursor cursor) {
        FrameBody.Message next;
        while ((next = cursor.next(false)) != null) {
            cursor.sentHeld(next);
            outbox.offer(next);
        }
        if (cursor.holdsAny()) {
            scheduleRepair(dialog, cursor);
        }
    }

    private void scheduleRepair(UUID dialog, DialogCursor cursor) {
        if (cursor.repairScheduled || closed) {
            return;
        }
        cursor.repairScheduled = true;
        long gen = generation;
        tasks.start(Mono.delay(settings.holeWait()).doOnNext(ignored -> repair(dialog, gen)).then());
    }

    private void repair(UUID dialog, long gen) {
        Mono<Void> start = null;
        synchronized (this) {
            DialogCursor cursor = current(dialog, gen);
            if (cursor == null) {
                return;
            }
            cursor.repairScheduled = false;
            if (cursor.catchingUp || !cursor.hasHole()) {
                return; // filled meanwhile, or someone else is at it
            }
            cursor.catchingUp = true;
            start = catchUp.run(dialog, gen, true);
        }
        tasks.start(start);
    }

    // ---- resume and anchoring ----

    /**
     * Anchors each dialog of the user where the client is ({@link ResumeStart}); held deliveries of dialogs the user
     * is no longer in are dropped. Returns how to start each dialog (none if this resume was replaced meanwhile).
     */
    private synchronized List<ResumeStart> startResume(List<UserDialog> dialogs, Map<UUID, Long> lastDialogSeqs,
                                                       long gen) {
        if (gen != generation || closed) {
            return List.of();
        }
        List<ResumeStart> starts = ResumeStart.of(dialogs, lastDialogSeqs);
        Map<UUID, DialogCursor> next = new HashMap<>();
        for (ResumeStart start : starts) {
            DialogCursor cursor = cursors.getOrDefault(start.dialog(), new DialogCursor());
            cursor.anchorAt(start.from());
            cursor.catchingUp = true;
            next.put(start.dialog(), cursor);
        }
        // one joined after the list was read is announced by its join notice and caught up then
        cursors.clear();
        cursors.putAll(next);
        resyncing = false;
        return starts;
    }

    /** A dialog with no floor yet: find where the user sees it from, then catch up. */
    private Mono<Void> anchorAndCatchUp(UUID dialog, long gen) {
        return history.dialogsOf(userId)
                .retryWhen(CatchUp.DIALOG_DOMAIN_RETRY)
                .flatMap(dialogs -> {
                    synchronized (this) {
                        DialogCursor cursor = current(dialog, gen);
                        if (cursor == null) {
                            return Mono.<Void>empty();
                        }
                        UserDialog membership = dialogs.stream()
                                .filter(m -> m.dialogId().equals(dialog)).findFirst().orElse(null);
                        if (membership == null) {
                            cursors.remove(dialog); // not (or no longer) a member
                            return Mono.<Void>empty();
                        }
                        cursor.anchorAtLeast(membership.joinedAtSeq() - 1);
                    }
                    return catchUp.run(dialog, gen, false);
                })
                .onErrorResume(error -> {
                    giveUp(dialog, gen, error);
                    return Mono.empty();
                });
    }

    // ---- the steps of a catch-up (each under the lock; null or STOP when the generation moved on) ----

    /** Where the client stands in the dialog, or null if this catch-up is stale. */
    synchronized Long cursorOf(UUID dialog, long gen) {
        DialogCursor cursor = current(dialog, gen);
        return cursor == null ? null : cursor.lastSent();
    }

    /** The user may not see the dialog (any more): it is dropped. */
    synchronized void forget(UUID dialog, long gen) {
        if (current(dialog, gen) != null) {
            cursors.remove(dialog);
        }
    }

    /** One message of history; without {@code acrossHoles} a hole in history stops the catch-up (the repair fills it). */
    synchronized CatchUp.Step sendHistory(UUID dialog, long gen, FrameBody.Message item, boolean acrossHoles) {
        DialogCursor cursor = current(dialog, gen);
        if (cursor == null) {
            return CatchUp.Step.STOP;
        }
        if (item.dialogSeq() <= cursor.lastSent()) {
            return CatchUp.Step.DONE;
        }
        if (!acrossHoles && item.dialogSeq() != cursor.lastSent() + 1) {
            return CatchUp.Step.STOP;
        }
        if (!outbox.tryOffer(item)) {
            return CatchUp.Step.NO_ROOM;
        }
        cursor.sent(item.dialogSeq());
        return CatchUp.Step.DONE;
    }

    synchronized boolean hasSendable(UUID dialog, long gen, boolean acrossHoles) {
        DialogCursor cursor = current(dialog, gen);
        return cursor != null && cursor.next(acrossHoles) != null;
    }

    synchronized CatchUp.Step sendHeld(UUID dialog, long gen, boolean acrossHoles) {
        DialogCursor cursor = current(dialog, gen);
        FrameBody.Message next = cursor == null ? null : cursor.next(acrossHoles);
        if (next == null) {
            return CatchUp.Step.DONE;
        }
        if (!outbox.tryOffer(next)) {
            return CatchUp.Step.NO_ROOM;
        }
        cursor.sentHeld(next);
        return CatchUp.Step.DONE;
    }

    /** Back to live, unless more became sendable meanwhile (then true: send the held ones again). */
    synchronized boolean finish(UUID dialog, long gen, boolean acrossHoles) {
        DialogCursor cursor = current(dialog, gen);
        if (cursor == null) {
            return false;
        }
        if (cursor.next(acrossHoles) != null) {
            return true;
        }
        cursor.catchingUp = false;
        if (cursor.holdsAny()) {
            scheduleRepair(dialog, cursor);
        }
        return false;
    }

    /** dialog-domain did not answer: send what is held (holes visible), back to live; the client can resume. */
    void giveUp(UUID dialog, long gen, Throwable error) {
        log.warn("Session {} of user {}: catching up dialog {} failed; sending what is held: {}", sessionId, userId,
                dialog, CatchUp.reason(error));
        synchronized (this) {
            DialogCursor cursor = current(dialog, gen);
            if (cursor != null) {
                FrameBody.Message next;
                while ((next = cursor.next(true)) != null) {
                    cursor.sentHeld(next);
                    outbox.offer(next);
                }
                cursor.catchingUp = false;
            }
        }
    }

    private DialogCursor current(UUID dialog, long gen) {
        return gen == generation && !closed ? cursors.get(dialog) : null;
    }
}
