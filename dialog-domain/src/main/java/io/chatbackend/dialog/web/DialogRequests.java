package io.chatbackend.dialog.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

final class DialogRequests {

    private DialogRequests() {
    }

    /** {@code {"type":"direct","peerUserId"}} or {@code {"type":"group","title","memberIds"}}. */
    record CreateDialog(@NotNull @Pattern(regexp = "direct|group") String type, UUID peerUserId,
                        @Size(min = 1, max = 128) String title, @Size(max = 10_000) List<@NotNull UUID> memberIds) {
    }

    /** {@code {"upToSeq": n}}: I have read the dialog up to n. */
    record MarkRead(@NotNull @PositiveOrZero Long upToSeq) {
    }

    record AddMembers(@NotNull @Size(min = 1, max = 1000) List<@NotNull UUID> userIds) {
    }
}
