package io.chatbackend.message.coordinator;

/**
 * Test hook: where the coordinator halts the JVM on purpose (no shutdown hooks, like {@code kill -9}), to prove
 * that recovery after a restart produces docs/architecture.md §3's outcome for each point. Off ({@code NONE}) by default.
 */
public enum CrashPoint {
    NONE,
    /** The message is begun; the participant has not been called. */
    AFTER_BEGIN,
    /** Inside a group commit of begins: the first of at least two is written, nothing is committed. */
    IN_BATCHED_BEGIN,
    /** The participant answered Try-and-Confirm (it decided); nothing recorded its answer here yet. */
    AFTER_TRY_CONFIRM;

    void reachedIf(CrashPoint configured) {
        if (configured == this && this != NONE) {
            System.err.println("crash point " + this + " reached: halting");
            Runtime.getRuntime().halt(137);
        }
    }
}
