package io.chatbackend.notification.session;

import java.util.Map;
import java.util.TreeMap;

/**
 * One dialog as one session sees it: the ordering and once-only rules of message frames, without threads, timers
 * or I/O (the caller guards it).
 *
 * <p>{@code lastSent} is the last dialogSeq a frame went out for (-1: not known yet; a resume sets it to what the
 * client has). Deliveries that arrive ahead of it are held, ordered by dialogSeq and bounded; the next one goes out
 * when it is exactly {@code lastSent + 1}. Held ones at or below {@code lastSent} are dropped, so no frame goes out
 * twice. A held delivery that cannot go out is a <em>hole</em>: the caller repairs it from history, and what history
 * cannot fill either is sent with the hole visible ({@link #next(boolean) next(true)}).
 */
public final class DialogCursor {

    private long lastSent = -1;
    private long highestSent;
    private TreeMap<Long, FrameBody.Message> held;
    /** Whether history is being sent (resume, join, repair): live deliveries wait in {@code held} meanwhile. */
    boolean catchingUp;
    /** Whether a repair of a hole is scheduled. */
    boolean repairScheduled;

    /** Whether the session knows where the client stands in this dialog. */
    public boolean anchored() {
        return lastSent >= 0;
    }

    public long lastSent() {
        return lastSent;
    }

    /** The highest dialogSeq a frame went out for: what the session can prove the dialog reached. */
    public long highestSent() {
        return highestSent;
    }

    /** Whether a frame for this dialogSeq went out, or need not (the client has it). */
    public boolean covers(long dialogSeq) {
        return anchored() && dialogSeq <= lastSent;
    }

    /** Where the client stands now (a resume, or a join: what came before is not theirs to see). */
    public void anchorAt(long dialogSeq) {
        lastSent = dialogSeq;
    }

    /** Moves the anchor forward only. */
    public void anchorAtLeast(long dialogSeq) {
        lastSent = Math.max(lastSent, dialogSeq);
    }

    /**
     * Holds a live delivery until it is next in line. At most {@code max} are held: beyond, the highest is let go
     * (a hole the repair fetches from history).
     */
    public void hold(FrameBody.Message message, int max) {
        if (held == null) {
            held = new TreeMap<>();
        }
        if (held.size() >= max) {
            if (message.dialogSeq() > held.lastKey()) {
                return;
            }
            held.pollLastEntry();
        }
        held.put(message.dialogSeq(), message);
    }

    /**
     * The first held delivery that may go out now, or null: the next in line, or with {@code acrossHoles} the lowest
     * held one beyond {@code lastSent}. Held deliveries already covered are dropped on the way.
     */
    public FrameBody.Message next(boolean acrossHoles) {
        if (held == null) {
            return null;
        }
        while (!held.isEmpty()) {
            Map.Entry<Long, FrameBody.Message> first = held.firstEntry();
            if (first.getKey() <= lastSent) {
                held.pollFirstEntry();
                continue;
            }
            return acrossHoles || first.getKey() == lastSent + 1 ? first.getValue() : null;
        }
        return null;
    }

    /** Records that {@link #next}'s answer went out (it is let go from the held ones). */
    public void sentHeld(FrameBody.Message message) {
        held.remove(message.dialogSeq());
        sent(message.dialogSeq());
    }

    /** Records that a frame for this dialogSeq went out (from history). */
    public void sent(long dialogSeq) {
        lastSent = dialogSeq;
        highestSent = Math.max(highestSent, dialogSeq);
    }

    /** Whether deliveries are held that cannot go out yet: a hole before them. */
    public boolean hasHole() {
        return next(false) == null && holdsAny();
    }

    /** Whether any delivery is held. */
    public boolean holdsAny() {
        return held != null && !held.isEmpty();
    }
}
