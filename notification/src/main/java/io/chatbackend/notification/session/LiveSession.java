package io.chatbackend.notification.session;

import io.chatbackend.notification.dialogs.DialogDirectory;
import io.chatbackend.notification.dialogs.HistoryItem;
import io.chatbackend.notification.dialogs.HistoryPage;
import io.chatbackend.notification.dialogs.Membership;
import io.chatbackend.notification.remote.RemoteProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * One live WebSocket session of a user's device: what it was sent, per dialog, and the catching up after a
 * {@code resume}.
 *
 * <p>Per dialog the session keeps a cursor: the last dialogSeq it produced a frame for ({@code lastSent}), and
 * live deliveries it holds back ({@code pending}). Message frames go out strictly in dialogSeq order and at most
 * once per session: a delivery at or below {@code lastSent} is dropped, one right after it is sent, a later one
 * waits in {@code pending} for the missing ones (deliveries of different senders can arrive out of dialogSeq order).
 * A hole that stays open for {@code holeWait} is repaired from dialog-domain's history; what history cannot fill
 * either is then sent with its hole visible (G6).
 *
 * <p>Message frames start with the client's first {@code resume}: it says what the client has per dialog, and for
 * each dialog of the user (also those joined while offline) the session sends what is missing from history, in
 * dialogSeq order, paced by the outbox so catching up never overflows it. Live deliveries of a dialog that is
 * catching up are held and sent after it, without those at or below the last one sent: no hole and no duplicate at
 * the boundary. A dialog that turns up later (joined while connected) is caught up the same way.
 *
 * <p>Thread-safe: live deliveries come from the node's Kafka consumer, client frames from Netty, catching up from
 * HTTP callbacks; all state is guarded by this object's lock, which is always taken before the outbox's.
 */
public final class LiveSession {

    private static final Logger log = LoggerFactory.getLogger(LiveSession.class);

    private final String id;
    private final UUID userId;
    private final String deviceId;
    private final SessionOutbox outbox;
    private final DialogDirectory directory;
    private final Settings settings;
    private final Runnable closer;

    // guarded by this
    private final Map<UUID, Cursor> cursors = new HashMap<>();
    /**
     * Retries of dialog-domain calls (its dialogs and history): a busy or restarting dialog-domain should delay a
     * resume by seconds, not end the session (a closed session makes every client of the node reconnect at once,
     * which makes it busier). Refusals (4xx, e.g. not a member) are answers, not failures, and are not retried.
     */
    static final Retry DIALOG_DOMAIN_RETRY = Retry.backoff(6, Duration.ofMillis(250))
            .maxBackoff(Duration.ofSeconds(4))
            .jitter(0.5)
            .filter(error -> !(error instanceof RemoteProblem problem) || problem.status() >= 500);
    private boolean resumed;
    private boolean resyncing;
    private boolean closed;
    /** Bumped by every resume: catch-ups of an earlier one stop at their next step. */
    private long generation;
    private Disposable.Composite work = Disposables.composite();

    /**
     * @param closer closes the WebSocket (used when a resume cannot be answered: the client reconnects)
     */
    public LiveSession(String id, UUID userId, String deviceId, SessionOutbox outbox, DialogDirectory directory,
                       Settings settings, Runnable closer) {
        this.id = id;
        this.userId = userId;
        this.deviceId = deviceId;
        this.outbox = outbox;
        this.directory = directory;
        this.settings = settings;
        this.closer = closer;
    }

    public String id() {
        return id;
    }

    public UUID userId() {
        return userId;
    }

    public String deviceId() {
        return deviceId;
    }

    public SessionOutbox outbox() {
        return outbox;
    }

    /** Whether the session has answered a resume and no dialog is catching up (for tests and diagnostics). */
    public synchronized boolean isSettled() {
        return resumed && !resyncing && cursors.values().stream().noneMatch(cursor -> cursor.catchingUp);
    }

    /** Produces a frame that is not a message (welcome, pong): live, dropped if the outbox is full. */
    public void send(FrameBody body) {
        outbox.offer(body);
    }

    /** A live delivery of a message to this session's user. Never blocks. */
    public void deliver(FrameBody.Message message) {
        Mono<Void> start = null;
        synchronized (this) {
            if (closed) {
                return;
            }
            UUID dialog = message.dialogId();
            Cursor cursor = cursors.computeIfAbsent(dialog, d -> new Cursor());
            if (cursor.anchored() && message.dialogSeq() <= cursor.lastSent) {
                return; // this session already had it
            }
            hold(cursor, message);
            if (!resumed || resyncing || cursor.catchingUp) {
                return; // sent once the resume or the catching up of this dialog reaches it
            }
            if (!cursor.anchored()) {
                // a dialog this session did not know at its resume (joined since): its history first
                cursor.catchingUp = true;
                start = anchorAndCatchUp(dialog, generation);
            } else {
                flushLive(dialog, cursor);
            }
        }
        run(start);
    }

    /** The user joined a dialog (seeing it from {@code joinedAtSeq}). */
    public void joined(UUID dialog, long joinedAtSeq) {
        Mono<Void> start = null;
        synchronized (this) {
            if (closed || !resumed || resyncing) {
                return; // a resume still to come or under way fetches the user's dialogs itself
            }
            Cursor cursor = cursors.computeIfAbsent(dialog, d -> new Cursor());
            if (cursor.catchingUp) {
                return;
            }
            if (!cursor.anchored()) {
                cursor.lastSent = Math.max(0, joinedAtSeq - 1);
                cursor.catchingUp = true;
                start = catchUp(dialog, generation, false);
            } else if (cursor.lastSent < joinedAtSeq - 1) {
                // joined again after leaving: what came in between is not theirs to see, so it is no hole
                cursor.lastSent = joinedAtSeq - 1;
                flushLive(dialog, cursor);
            }
        }
        run(start);
    }

    /**
     * The client's {@code resume}: the last dialogSeq it has per dialog (dialogs not named: nothing). Replaces
     * whatever this session believed the client had, and any catching up still under way.
     */
    public void resume(Map<UUID, Long> lastDialogSeqs) {
        long gen;
        synchronized (this) {
            if (closed) {
                return;
            }
            gen = ++generation;
            resumed = true;
            resyncing = true;
            work.dispose();
            work = Disposables.composite();
            for (Cursor cursor : cursors.values()) {
                cursor.catchingUp = false;
                cursor.repairScheduled = false;
            }
        }
        run(directory.dialogsOf(userId)
                .retryWhen(DIALOG_DOMAIN_RETRY)
                .flatMapMany(memberships -> Flux.fromIterable(startResume(memberships, lastDialogSeqs, gen)))
                .flatMap(dialog -> catchUp(dialog, gen, false), 4)
                .then()
                .onErrorResume(error -> {
                    log.warn("Session {} of user {}: resume failed; closing it so the client reconnects: {}", id,
                            userId, (error.getCause() != null ? error.getCause() : error).toString());
                    closer.run();
                    return Mono.empty();
                }));
    }

    // ---- receipts, typing, presence, termination (their own small state; not under the session's lock) ----

    private final Map<String, Long> receiptMarks = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile TypingThrottle typing = new TypingThrottle(Duration.ofSeconds(2));
    private volatile java.util.Set<UUID> presenceSubscriptions = java.util.Set.of();
    private volatile java.util.function.BiConsumer<Integer, String> terminator;

    /**
     * Sends a receipt unless one at or above its watermark was already sent to this session for the same dialog,
     * user, kind (and device): watermarks seen by a client never move back.
     */
    public boolean receipt(FrameBody.Receipt receipt) {
        String key = receipt.kind() + '/' + receipt.dialogId() + '/' + receipt.userId() + '/'
                + (receipt.deviceId() == null ? "" : receipt.deviceId());
        boolean[] higher = {false};
        receiptMarks.compute(key, (k, sent) -> {
            if (sent != null && sent >= receipt.upToSeq()) {
                return sent;
            }
            higher[0] = true;
            return receipt.upToSeq();
        });
        if (higher[0]) {
            send(receipt);
        }
        return higher[0];
    }

    /**
     * Whether a {@code typing} of this session in the dialog may go out now (one per typing interval). Ask only for
     * the user's own dialogs: the throttle remembers each dialog for one interval.
     */
    public boolean mayType(UUID dialog) {
        return typing.tryPass(dialog);
    }

    public void typingInterval(Duration interval) {
        this.typing = new TypingThrottle(interval);
    }

    /**
     * Whether this session produced a message frame of the dialog at or beyond {@code dialogSeq}: proof that the
     * dialog has reached it (a message frame carries a dialogSeq dialog-domain confirmed). What the client claimed
     * in its resume does not count.
     */
    public synchronized boolean hasSent(UUID dialog, long dialogSeq) {
        Cursor cursor = cursors.get(dialog);
        return cursor != null && cursor.highestSent >= dialogSeq;
    }

    public java.util.Set<UUID> presenceSubscriptions() {
        return presenceSubscriptions;
    }

    public void presenceSubscriptions(java.util.Set<UUID> users) {
        this.presenceSubscriptions = java.util.Set.copyOf(users);
    }

    /** How {@link #terminate} closes the socket (set by the WebSocket handler). */
    public void onTerminate(java.util.function.BiConsumer<Integer, String> terminator) {
        this.terminator = terminator;
    }

    /** Closes the socket with a status (e.g. 4401 "revoked"); the handler's end of the socket cleans up. */
    public void terminate(int code, String reason) {
        java.util.function.BiConsumer<Integer, String> close = terminator;
        if (close == null) {
            closer.run();
        } else {
            close.accept(code, reason);
        }
    }

    /** The socket is gone: stop everything. */
    public void close() {
        synchronized (this) {
            closed = true;
            work.dispose();
            cursors.clear();
        }
        outbox.close();
    }

    // ---- live path (under the lock) ----

    private void hold(Cursor cursor, FrameBody.Message message) {
        if (cursor.pending == null) {
            cursor.pending = new TreeMap<>();
        }
        if (cursor.pending.size() >= settings.maxPendingPerDialog()) {
            // bounded; what is let go here is a hole the repair fetches from history
            if (message.dialogSeq() > cursor.pending.lastKey()) {
                return;
            }
            cursor.pending.pollLastEntry();
        }
        cursor.pending.put(message.dialogSeq(), message);
    }

    /** Sends held messages that are next in line (live: a full outbox drops them); schedules a repair for a hole. */
    private void flushLive(UUID dialog, Cursor cursor) {
        FrameBody.Message next;
        while ((next = nextPending(cursor, false)) != null) {
            cursor.pending.pollFirstEntry();
            cursor.sent(next.dialogSeq());
            outbox.offer(next);
        }
        if (cursor.pending != null && !cursor.pending.isEmpty()) {
            scheduleRepair(dialog, cursor);
        }
    }

    /** The first held message that may go out now (dropping held ones already sent), or null. */
    private static FrameBody.Message nextPending(Cursor cursor, boolean acceptHoles) {
        if (cursor.pending == null) {
            return null;
        }
        while (!cursor.pending.isEmpty()) {
            Map.Entry<Long, FrameBody.Message> first = cursor.pending.firstEntry();
            if (first.getKey() <= cursor.lastSent) {
                cursor.pending.pollFirstEntry();
                continue;
            }
            return acceptHoles || first.getKey() == cursor.lastSent + 1 ? first.getValue() : null;
        }
        return null;
    }

    private void scheduleRepair(UUID dialog, Cursor cursor) {
        if (cursor.repairScheduled || closed) {
            return;
        }
        cursor.repairScheduled = true;
        long gen = generation;
        track(Mono.delay(settings.holeWait()).doOnNext(ignored -> repair(dialog, gen)).then());
    }

    private void repair(UUID dialog, long gen) {
        Mono<Void> start = null;
        synchronized (this) {
            Cursor cursor = current(dialog, gen);
            if (cursor == null) {
                return;
            }
            cursor.repairScheduled = false;
            if (cursor.catchingUp || cursor.pending == null || cursor.pending.isEmpty()
                    || nextPending(cursor, false) != null) {
                return; // filled meanwhile, or someone else is at it
            }
            cursor.catchingUp = true;
            start = catchUp(dialog, gen, true);
        }
        run(start);
    }

    // ---- catching up ----

    /** For each dialog of the user: where the client is; returns the dialogs to catch up. */
    private List<UUID> startResume(List<Membership> memberships, Map<UUID, Long> lastDialogSeqs, long gen) {
        synchronized (this) {
            if (gen != generation || closed) {
                return List.of();
            }
            Map<UUID, Cursor> next = new HashMap<>();
            for (Membership membership : memberships) {
                Cursor cursor = cursors.getOrDefault(membership.dialogId(), new Cursor());
                long clientHas = lastDialogSeqs.getOrDefault(membership.dialogId(), 0L);
                cursor.lastSent = Math.max(clientHas, membership.joinedAtSeq() - 1);
                cursor.catchingUp = true;
                next.put(membership.dialogId(), cursor);
            }
            // held deliveries of dialogs the user is no longer in are dropped; one joined after the list was read
            // is announced by its join notice and caught up then
            cursors.clear();
            cursors.putAll(next);
            resyncing = false;
            return List.copyOf(next.keySet());
        }
    }

    /** A dialog with no floor yet: find where the user sees it from, then catch up. */
    private Mono<Void> anchorAndCatchUp(UUID dialog, long gen) {
        return directory.dialogsOf(userId)
                .retryWhen(DIALOG_DOMAIN_RETRY)
                .flatMap(memberships -> {
                    synchronized (this) {
                        Cursor cursor = current(dialog, gen);
                        if (cursor == null) {
                            return Mono.<Void>empty();
                        }
                        Membership membership = memberships.stream()
                                .filter(m -> m.dialogId().equals(dialog)).findFirst().orElse(null);
                        if (membership == null) {
                            cursors.remove(dialog); // not (or no longer) a member
                            return Mono.<Void>empty();
                        }
                        cursor.lastSent = Math.max(cursor.lastSent, membership.joinedAtSeq() - 1);
                    }
                    return catchUp(dialog, gen, false);
                })
                .onErrorResume(error -> giveUp(dialog, gen, error));
    }

    /**
     * Sends history after the cursor, then the held live deliveries, then hands the dialog back to the live path.
     * Without {@code acceptHoles} it stops at a hole in history (a message still on its way to the read model) and
     * leaves it to the repair; with it (the repair itself) it sends across holes.
     */
    private Mono<Void> catchUp(UUID dialog, long gen, boolean acceptHoles) {
        return historyPages(dialog, gen, acceptHoles)
                .then(Mono.defer(() -> flushPending(dialog, gen, acceptHoles)))
                .onErrorResume(error -> giveUp(dialog, gen, error));
    }

    private Mono<Void> historyPages(UUID dialog, long gen, boolean acceptHoles) {
        return Mono.defer(() -> {
            long after;
            synchronized (this) {
                Cursor cursor = current(dialog, gen);
                if (cursor == null) {
                    return Mono.empty();
                }
                after = cursor.lastSent;
            }
            return directory.history(dialog, userId, after, settings.pageSize())
                    .retryWhen(DIALOG_DOMAIN_RETRY)
                    .flatMap(page -> sendPage(dialog, gen, acceptHoles, page));
        });
    }

    private Mono<Void> sendPage(UUID dialog, long gen, boolean acceptHoles, HistoryPage page) {
        if (!page.member()) {
            synchronized (this) {
                if (current(dialog, gen) != null) {
                    cursors.remove(dialog);
                }
            }
            return Mono.empty();
        }
        boolean[] stop = {false};
        return Flux.fromIterable(page.items())
                .takeWhile(item -> !stop[0])
                .concatMap(item -> paced(() -> sendHistory(dialog, gen, item, acceptHoles, stop)), 0)
                .then(Mono.defer(() -> page.hasMore() && !stop[0] && !page.items().isEmpty()
                        ? historyPages(dialog, gen, acceptHoles) : Mono.empty()));
    }

    /** One history item; false = no room yet (nothing changed). */
    private boolean sendHistory(UUID dialog, long gen, HistoryItem item, boolean acceptHoles, boolean[] stop) {
        synchronized (this) {
            Cursor cursor = current(dialog, gen);
            if (cursor == null) {
                stop[0] = true;
                return true;
            }
            if (item.dialogSeq() <= cursor.lastSent) {
                return true;
            }
            if (!acceptHoles && item.dialogSeq() != cursor.lastSent + 1) {
                stop[0] = true; // a hole in history: the held deliveries or the repair fill it
                return true;
            }
            if (!outbox.tryOffer(frame(item))) {
                return false;
            }
            cursor.sent(item.dialogSeq());
            return true;
        }
    }

    private Mono<Void> flushPending(UUID dialog, long gen, boolean acceptHoles) {
        return Flux.<Boolean>generate(sink -> {
                    if (hasSendable(dialog, gen, acceptHoles)) {
                        sink.next(Boolean.TRUE);
                    } else {
                        sink.complete();
                    }
                })
                .concatMap(ignored -> paced(() -> sendPending(dialog, gen, acceptHoles)), 0)
                .then(Mono.defer(() -> finish(dialog, gen, acceptHoles)
                        ? flushPending(dialog, gen, acceptHoles) : Mono.empty()));
    }

    private boolean hasSendable(UUID dialog, long gen, boolean acceptHoles) {
        synchronized (this) {
            Cursor cursor = current(dialog, gen);
            return cursor != null && nextPending(cursor, acceptHoles) != null;
        }
    }

    private boolean sendPending(UUID dialog, long gen, boolean acceptHoles) {
        synchronized (this) {
            Cursor cursor = current(dialog, gen);
            FrameBody.Message next = cursor == null ? null : nextPending(cursor, acceptHoles);
            if (next == null) {
                return true;
            }
            if (!outbox.tryOffer(next)) {
                return false;
            }
            cursor.pending.pollFirstEntry();
            cursor.sent(next.dialogSeq());
            return true;
        }
    }

    /** Back to live, unless more became sendable meanwhile (then true: flush again). */
    private boolean finish(UUID dialog, long gen, boolean acceptHoles) {
        synchronized (this) {
            Cursor cursor = current(dialog, gen);
            if (cursor == null) {
                return false;
            }
            if (nextPending(cursor, acceptHoles) != null) {
                return true;
            }
            cursor.catchingUp = false;
            if (cursor.pending != null && !cursor.pending.isEmpty()) {
                scheduleRepair(dialog, cursor);
            }
            return false;
        }
    }

    /** dialog-domain did not answer: send what is held (holes visible), back to live; the client can resume. */
    private Mono<Void> giveUp(UUID dialog, long gen, Throwable error) {
        log.warn("Session {} of user {}: catching up dialog {} failed; sending what is held: {}", id, userId, dialog,
                (error.getCause() != null ? error.getCause() : error).toString());
        synchronized (this) {
            Cursor cursor = current(dialog, gen);
            if (cursor != null) {
                FrameBody.Message next;
                while ((next = nextPending(cursor, true)) != null) {
                    cursor.pending.pollFirstEntry();
                    cursor.sent(next.dialogSeq());
                    outbox.offer(next);
                }
                cursor.catchingUp = false;
            }
        }
        return Mono.empty();
    }

    /**
     * Tries {@code attempt} until it reports done, waiting for room in the outbox in between. The wait ends on the
     * writer's thread, so the next try hops to another thread rather than run inside the writer (or inside a
     * caller that holds this session's lock).
     */
    private Mono<Void> paced(BooleanSupplier attempt) {
        return Mono.defer(() -> attempt.getAsBoolean() ? Mono.<Void>empty()
                : Mono.<Void>create(sink -> outbox.whenRoom(sink::success))
                .publishOn(Schedulers.parallel())
                .then(paced(attempt)));
    }

    private Cursor current(UUID dialog, long gen) {
        return gen == generation && !closed ? cursors.get(dialog) : null;
    }

    /** Starts a task outside the lock (it may call back into this session at once). */
    private void run(Mono<Void> task) {
        if (task != null) {
            track(task);
        }
    }

    /**
     * Subscribes to a task and keeps it cancellable until it ends (a resume or the close cancels it); ended tasks
     * are let go, so a long-lived session does not collect them.
     */
    private void track(Mono<Void> task) {
        Disposable.Composite group;
        synchronized (this) {
            if (closed) {
                return;
            }
            group = work;
        }
        Disposable.Swap self = Disposables.swap();
        boolean[] ended = {false};
        Disposable running = task
                .doFinally(signal -> {
                    synchronized (self) {
                        ended[0] = true;
                        group.remove(self);
                    }
                })
                .subscribe(null, error -> log.warn("Session {}: {}", id, error.toString()));
        self.update(running);
        synchronized (self) {
            if (!ended[0]) {
                group.add(self);
            }
        }
    }

    private static FrameBody.Message frame(HistoryItem item) {
        return new FrameBody.Message(item.dialogId(), item.messageId(), item.senderId(), item.senderSeq(),
                item.dialogSeq(), item.body() == null ? null
                : new FrameBody.Message.Body(item.body().type(), item.body().text()), item.sentAt());
    }

    /**
     * Per dialog: the last dialogSeq sent (-1 = not known yet; a resume sets it to what the client says it has), the
     * highest one this session produced a message frame for, held live deliveries, catching up or not.
     */
    private static final class Cursor {
        long lastSent = -1;
        long highestSent;
        boolean catchingUp;
        boolean repairScheduled;
        TreeMap<Long, FrameBody.Message> pending;

        boolean anchored() {
            return lastSent >= 0;
        }

        void sent(long dialogSeq) {
            lastSent = dialogSeq;
            highestSent = Math.max(highestSent, dialogSeq);
        }
    }

    /**
     * @param pageSize            history items per call
     * @param holeWait            how long a hole may stay open before it is repaired from history
     * @param maxPendingPerDialog live deliveries held per dialog at most
     */
    public record Settings(int pageSize, Duration holeWait, int maxPendingPerDialog) {
    }
}
