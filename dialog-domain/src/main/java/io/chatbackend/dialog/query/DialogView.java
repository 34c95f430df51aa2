package io.chatbackend.dialog.query;

import java.util.List;
import java.util.UUID;

/** A dialog as its members see it. */
public record DialogView(UUID dialogId, String type, String title, List<Member> members) {

    public record Member(UUID userId, String role, long joinedAtSeq) {
    }
}
