package io.chatbackend.tools.load.common.drive;

/**
 * When each send of an open-loop run is meant to start: evenly spaced at {@code ratePerSecond} from
 * {@code startNanos}, whatever the system answers. Latency counts from these times, so a slow answer cannot hide
 * the sends it delayed (no coordinated omission).
 *
 * @param startNanos    {@link System#nanoTime()} of send 0
 * @param ratePerSecond sends offered per second
 * @param totalSends    sends in the whole run (warmup included)
 */
public record OpenLoopSchedule(long startNanos, double ratePerSecond, long totalSends) {

    public OpenLoopSchedule {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("the rate must be positive: " + ratePerSecond);
        }
        if (totalSends < 0) {
            throw new IllegalArgumentException("negative number of sends: " + totalSends);
        }
    }

    /** A schedule offering {@code ratePerSecond} for {@code seconds} (warmup included). */
    public static OpenLoopSchedule of(long startNanos, double ratePerSecond, double seconds) {
        return new OpenLoopSchedule(startNanos, ratePerSecond, (long) Math.floor(ratePerSecond * seconds));
    }

    /** The intended start of send {@code index} (computed from the index, so rounding never accumulates). */
    public long intendedAt(long index) {
        return startNanos + Math.round(index * 1e9 / ratePerSecond);
    }

    /** How many sends are due at {@code nowNanos}: those whose intended time is not after it. */
    public long dueBy(long nowNanos) {
        if (nowNanos < startNanos) {
            return 0;
        }
        long due = (long) Math.floor((nowNanos - startNanos) * ratePerSecond / 1e9) + 1;
        // floating point may be one off at exact boundaries: settle it with intendedAt itself
        while (due > 0 && intendedAt(due - 1) > nowNanos) {
            due--;
        }
        while (due < totalSends && intendedAt(due) <= nowNanos) {
            due++;
        }
        return Math.min(due, totalSends);
    }

    /** The first send whose intended time is at or after {@code nanos} (the first measured one after a warmup). */
    public long firstAtOrAfter(long nanos) {
        return nanos <= startNanos ? 0 : dueBy(nanos - 1);
    }
}
