package io.chatbackend.dialog.contract.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Integration event (v1): a dialog exists. Its members follow as {@link MemberJoined} events.
 *
 * @param type  {@code "direct"} or {@code "group"}
 * @param title a group's title; null for a direct dialog
 */
public record DialogCreated(UUID dialogId, String type, String title, UUID createdBy, Instant createdAt) {

    public static final String TYPE = "DialogCreated";
    public static final int VERSION = 1;
}
