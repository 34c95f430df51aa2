package io.chatbackend.dialog.tcc;

import java.util.UUID;

/** What a send's Try reserves: the sender's lane in the dialog. */
public record LaneSubject(String dialogId, UUID senderId) {
}
