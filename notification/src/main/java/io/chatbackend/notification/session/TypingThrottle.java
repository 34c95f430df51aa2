package io.chatbackend.notification.session;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * One session's {@code typing} limit: at most one typing notice per dialog every {@code interval} (more are dropped
 * silently: typing is a hint, and a notice per keystroke would flood every member).
 *
 * <p>Bounded by construction: a dialog is remembered only while its interval runs (when it has passed, the dialog
 * may type again, so there is nothing left to remember), and at most {@code maxDialogs} at once. The caller passes
 * only dialogs the user is a member of; with the session's frame rate limit a client can make a few dozen entries
 * at most, never one per dialog id it invents.
 *
 * <p>Thread-safe.
 */
public final class TypingThrottle {

    /** Dialogs a user may type in within one interval; far beyond any person, well below memory concerns. */
    public static final int DEFAULT_MAX_DIALOGS = 64;

    private final long intervalNanos;
    private final int maxDialogs;
    private final LongSupplier nanoClock;
    /** Dialog → when its last notice passed; insertion order is time order (entries are never updated in place). */
    private final LinkedHashMap<UUID, Long> passedAt = new LinkedHashMap<>();

    public TypingThrottle(Duration interval) {
        this(interval, DEFAULT_MAX_DIALOGS, System::nanoTime);
    }

    public TypingThrottle(Duration interval, int maxDialogs, LongSupplier nanoClock) {
        if (interval.isNegative() || maxDialogs < 1) {
            throw new IllegalArgumentException("interval must not be negative, maxDialogs at least 1");
        }
        this.intervalNanos = interval.toNanos();
        this.maxDialogs = maxDialogs;
        this.nanoClock = nanoClock;
    }

    /** Whether a typing notice for the dialog may go out now; if so, the dialog's interval starts. */
    public synchronized boolean tryPass(UUID dialog) {
        long now = nanoClock.getAsLong();
        forgetEnded(now);
        if (passedAt.containsKey(dialog) || passedAt.size() >= maxDialogs) {
            return false;
        }
        passedAt.put(dialog, now);
        return true;
    }

    /** Dialogs remembered now (for tests: the bound). */
    public synchronized int size() {
        forgetEnded(nanoClock.getAsLong());
        return passedAt.size();
    }

    /** Drops the dialogs whose interval has ended: the oldest first, so this stops at the first one still running. */
    private void forgetEnded(long now) {
        for (Iterator<Map.Entry<UUID, Long>> it = passedAt.entrySet().iterator(); it.hasNext(); ) {
            if (now - it.next().getValue() < intervalNanos) {
                return;
            }
            it.remove();
        }
    }
}
