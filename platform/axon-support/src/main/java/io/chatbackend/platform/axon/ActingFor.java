package io.chatbackend.platform.axon;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A thread-scoped "this work is done for that user": a service doing something a user asked for earlier (recovering
 * their send, say) names the user here, and every command dispatched meanwhile records them as
 * {@link AuditMetadata#ON_BEHALF_OF} next to the service as principal.
 */
public final class ActingFor {

    private static final ThreadLocal<Map<String, String>> CURRENT = new ThreadLocal<>();

    private ActingFor() {
    }

    /** Runs {@code work} for {@code userId} (and their device, when known). */
    public static <T> T user(String userId, String deviceId, Supplier<T> work) {
        Map<String, String> earlier = CURRENT.get();
        Map<String, String> scope = new HashMap<>();
        scope.put(AuditMetadata.ON_BEHALF_OF, "user:" + userId);
        if (deviceId != null) {
            scope.put(AuditMetadata.ON_BEHALF_OF_DEVICE_ID, deviceId);
        }
        CURRENT.set(Map.copyOf(scope));
        try {
            return work.get();
        } finally {
            if (earlier == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(earlier);
            }
        }
    }

    /** The user of the current scope, as audit metadata; empty outside any scope. */
    public static Map<String, String> current() {
        Map<String, String> scope = CURRENT.get();
        return scope == null ? Map.of() : scope;
    }
}
