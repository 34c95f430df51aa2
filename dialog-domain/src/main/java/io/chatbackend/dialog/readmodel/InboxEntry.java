package io.chatbackend.dialog.readmodel;

import java.time.Instant;
import java.util.UUID;

/**
 * One dialog in a user's inbox. {@code unreadCount} is {@code lastDialogSeq − readSeq}, where the viewer's history
 * starts at {@code joinedAtSeq} (messages before they joined never count).
 */
public record InboxEntry(UUID dialogId, String type, String title, long joinedAtSeq, long lastDialogSeq,
                         long readSeq, long unreadCount, TimelineItem lastMessage, Instant lastActivityAt) {
}
