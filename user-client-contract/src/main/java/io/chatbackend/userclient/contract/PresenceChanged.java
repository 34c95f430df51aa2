package io.chatbackend.userclient.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * Integration event (v1): a user's presence changed and stayed changed for the debounce window (a flap shorter
 * than the window is never published). Online while the user has any live session; otherwise last seen when their
 * last session ended or expired. Published on {@link UserClientTopics#USERS}, keyed by {@code userId}; the envelope's
 * {@code aggregateSequence} grows per event, so consumers keep the highest they have seen.
 *
 * <p>Who may see it is not part of the event: consumers show it only to users who share a dialog with
 * {@code userId}.
 *
 * @param userId     whose presence
 * @param online     whether any session of the user is alive
 * @param lastSeenAt when the user's last session ended; null while online if they were never offline before
 */
public record PresenceChanged(UUID userId, boolean online, Instant lastSeenAt) {

    public static final String TYPE = "PresenceChanged";
    public static final int VERSION = 1;
    /** The classpath resource holding a complete sample envelope of this event. */
    public static final String SAMPLE = "contract-samples/PresenceChanged.v1.json";
}
