package io.chatbackend.message.coordinator;

/**
 * Test hook: where the coordinator halts the JVM on purpose (no shutdown hooks, like {@code kill -9}), to prove
 * that recovery after a restart produces DESIGN.md §3's outcome for each point. Off ({@code NONE}) by default.
 */
public enum CrashPoint {
    NONE,
    AFTER_BEGIN,
    AFTER_TRY,
    AFTER_DECISION,
    AFTER_CONFIRM;

    void reachedIf(CrashPoint configured) {
        if (configured == this && this != NONE) {
            System.err.println("crash point " + this + " reached: halting");
            Runtime.getRuntime().halt(137);
        }
    }
}
