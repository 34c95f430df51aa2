package io.chatbackend.platform.axon;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.axonframework.eventhandling.EventMessage;

/**
 * Which committed events may reach the context's tracking processors a little later (ADR 0031). The embedded event
 * store wakes its reader after every commit, and each wake-up costs the reader's queries and, for every tracking
 * processor, a unit of work and a token update, whether or not a handler wants the events. A commit whose events
 * are all of a deferrable type wakes the reader only after {@link #deferBy()}, sharing that wake-up with every
 * commit in between; any other commit wakes it at once and carries the deferred events along.
 *
 * <p>Declare a bean of this type to defer; without one every commit wakes the reader at once (Axon's behaviour).
 *
 * @param deferrableTypes payload types no processor needs promptly (their handlers tolerate {@code deferBy} of lag)
 * @param deferBy         the longest a deferrable commit waits for its wake-up
 */
public record TrackingWakeUps(Set<Class<?>> deferrableTypes, Duration deferBy) {

    public TrackingWakeUps {
        deferrableTypes = Set.copyOf(deferrableTypes);
        Objects.requireNonNull(deferBy, "deferBy");
        if (deferBy.isNegative() || deferBy.isZero()) {
            throw new IllegalArgumentException("deferBy must be positive: " + deferBy);
        }
    }

    /** Every commit wakes the reader at once. */
    public static TrackingWakeUps immediate() {
        return new TrackingWakeUps(Set.of(), Duration.ofMillis(1));
    }

    /** Commits of nothing but these payload types wake the reader within {@code deferBy}. */
    public static TrackingWakeUps deferring(Duration deferBy, Class<?>... deferrableTypes) {
        return new TrackingWakeUps(Set.of(deferrableTypes), deferBy);
    }

    /** Whether a commit of these events may wait for a later wake-up. */
    public boolean mayDefer(List<? extends EventMessage<?>> committed) {
        return !deferrableTypes.isEmpty()
                && committed.stream().allMatch(event -> deferrableTypes.contains(event.getPayloadType()));
    }
}
