package io.chatbackend.dialog.command;

import org.axonframework.serialization.Revision;
import java.util.UUID;

/** The lane numbered the sender's next message for {@code txId} in one step, never holding it (ADR 0018). */
@Revision("1")
public record LaneTakenEvent(String laneId, String dialogId, UUID senderId, String txId, long senderSeq) {
}
