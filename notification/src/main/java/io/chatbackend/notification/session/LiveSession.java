package io.chatbackend.notification.session;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * One live WebSocket session of a user's device. It wires small parts, each readable and tested alone:
 * <ul>
 *   <li>{@link MessageStream}: message frames in dialogSeq order, at most once, caught up after a {@code resume}
 *       and when a hole stays open (per dialog a {@link DialogCursor}), from the node's {@link RecentMessages} when
 *       they hold it all, else from {@link History};</li>
 *   <li>{@link ReceiptMarks}: receipts only move forward;</li>
 *   <li>{@link TypingThrottle}: one {@code typing} per dialog and interval;</li>
 *   <li>the presence subscriptions and how the socket is closed.</li>
 * </ul>
 * Everything goes out through the session's bounded {@link SessionOutbox}. Thread-safe.
 */
public final class LiveSession {

    private final String id;
    private final UUID userId;
    private final String deviceId;
    private final SessionOutbox outbox;
    private final Runnable closer;
    private final MessageStream messages;
    private final ReceiptMarks receipts = new ReceiptMarks();
    private volatile TypingThrottle typing = new TypingThrottle(Duration.ofSeconds(2));
    private volatile Set<UUID> presenceSubscriptions = Set.of();
    private volatile BiConsumer<Integer, String> terminator;

    /**
     * @param closer closes the WebSocket (used when a resume cannot be answered: the client reconnects)
     */
    public LiveSession(String id, UUID userId, String deviceId, SessionOutbox outbox, History history,
                       RecentMessages recent, Settings settings, Runnable closer) {
        this.id = id;
        this.userId = userId;
        this.deviceId = deviceId;
        this.outbox = outbox;
        this.closer = closer;
        this.messages = new MessageStream(id, userId, outbox, history, recent, settings, closer);
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
    public boolean isSettled() {
        return messages.isSettled();
    }

    /** Produces a frame that is not a message (welcome, pong): live, dropped if the outbox is full. */
    public void send(FrameBody body) {
        outbox.offer(body);
    }

    /** A live delivery of a message to this session's user. Never blocks. */
    public void deliver(FrameBody.Message message) {
        messages.deliver(message);
    }

    /** The user joined a dialog (seeing it from {@code joinedAtSeq}). */
    public void joined(UUID dialog, long joinedAtSeq) {
        messages.joined(dialog, joinedAtSeq);
    }

    /**
     * The client's {@code resume}: the last dialogSeq it has per dialog (dialogs not named: nothing). Replaces
     * whatever this session believed the client had, and any catching up still under way.
     */
    public void resume(Map<UUID, Long> lastDialogSeqs) {
        messages.resume(lastDialogSeqs);
    }

    /**
     * Whether this session produced a message frame of the dialog at or beyond {@code dialogSeq}: proof that the
     * dialog has reached it (a message frame carries a dialogSeq dialog-domain confirmed). What the client claimed
     * in its resume does not count.
     */
    public boolean hasSent(UUID dialog, long dialogSeq) {
        return messages.hasSent(dialog, dialogSeq);
    }

    /**
     * Sends a receipt unless one at or above its watermark was already sent to this session for the same dialog,
     * user, kind (and device): watermarks seen by a client never move back.
     */
    public boolean receipt(FrameBody.Receipt receipt) {
        boolean higher = receipts.advance(receipt);
        if (higher) {
            send(receipt);
        }
        return higher;
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

    public Set<UUID> presenceSubscriptions() {
        return presenceSubscriptions;
    }

    public void presenceSubscriptions(Set<UUID> users) {
        this.presenceSubscriptions = Set.copyOf(users);
    }

    /** How {@link #terminate} closes the socket (set by the WebSocket handler). */
    public void onTerminate(BiConsumer<Integer, String> terminator) {
        this.terminator = terminator;
    }

    /** Closes the socket with a status (e.g. 4401 "revoked"); the handler's end of the socket cleans up. */
    public void terminate(int code, String reason) {
        BiConsumer<Integer, String> close = terminator;
        if (close == null) {
            closer.run();
        } else {
            close.accept(code, reason);
        }
    }

    /** The socket is gone: stop everything. */
    public void close() {
        messages.close();
        outbox.close();
    }

    /**
     * @param pageSize            history items per call
     * @param holeWait            how long a hole may stay open before it is repaired from history
     * @param maxPendingPerDialog live deliveries held per dialog at most
     */
    public record Settings(int pageSize, Duration holeWait, int maxPendingPerDialog) {
    }
}
