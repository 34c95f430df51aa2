package io.chatbackend.dialog.tcc;

/**
 * Test hook: where the participant halts the JVM on purpose (no shutdown hooks, like {@code kill -9}), to prove
 * that the coordinator's recovery produces docs/architecture.md §3's outcome for every send of a batch. Off ({@code NONE}) by
 * default.
 */
public enum LaneCrashPoint {
    NONE,
    /** Inside a batched Try-and-Confirm: the first of at least two attempts is written, nothing is committed. */
    IN_BATCHED_TRY_CONFIRM;

    void reachedIf(LaneCrashPoint configured) {
        if (configured == this && this != NONE) {
            System.err.println("crash point " + this + " reached: halting");
            Runtime.getRuntime().halt(137);
        }
    }
}
