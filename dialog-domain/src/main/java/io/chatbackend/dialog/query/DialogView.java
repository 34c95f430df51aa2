package io.chatbackend.dialog.query;

import java.util.List;
import java.util.UUID;

/** A dialog as its members see it. */
public record DialogView(UUID dialogId, String type, String title, List<Member> members) {

    /**
     * A member and their read watermark: a group's "read by" for message {@code n} is the members whose
     * {@code readSeq ≥ n} (docs/architecture.md §4: receipts are watermarks); live changes arrive as {@code receipt} frames.
     *
     * @param readSeq the member's read watermark (0: nothing read yet); null while the answer comes from the write
     *                side because the read model lags behind it
     */
    public record Member(UUID userId, String role, long joinedAtSeq, Long readSeq) {
    }
}
