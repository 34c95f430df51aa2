package io.chatbackend.dialog.command;

import java.util.Optional;

/** What a dialog command did: accepted, or rejected with a reason (nothing changed then). */
public record DialogCommandResult(Optional<DialogRejection> rejection, long dialogSeq) {

    public static DialogCommandResult accepted() {
        return new DialogCommandResult(Optional.empty(), 0);
    }

    public static DialogCommandResult appended(long dialogSeq) {
        return new DialogCommandResult(Optional.empty(), dialogSeq);
    }

    public static DialogCommandResult rejected(DialogRejection rejection) {
        return new DialogCommandResult(Optional.of(rejection), 0);
    }

    public boolean isAccepted() {
        return rejection.isEmpty();
    }
}
