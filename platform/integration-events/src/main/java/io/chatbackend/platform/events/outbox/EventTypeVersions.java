package io.chatbackend.platform.events.outbox;

import java.util.HashMap;
import java.util.Map;

/**
 * The contract version of each event type a context writes to its outbox (the outbox has no version column). A
 * context declares one bean of this type; types it does not list are version 1.
 *
 * @param versions event type to contract version
 */
public record EventTypeVersions(Map<String, Integer> versions) {

    public EventTypeVersions {
        versions = Map.copyOf(versions);
    }

    public static EventTypeVersions of(String type, int version) {
        return new EventTypeVersions(Map.of(type, version));
    }

    public static EventTypeVersions none() {
        return new EventTypeVersions(Map.of());
    }

    public int versionOf(String type) {
        return versions.getOrDefault(type, 1);
    }

    /** Both declarations together (the other's entry wins on a clash). */
    public EventTypeVersions and(EventTypeVersions other) {
        Map<String, Integer> merged = new HashMap<>(versions);
        merged.putAll(other.versions);
        return new EventTypeVersions(merged);
    }
}
