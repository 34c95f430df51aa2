package io.chatbackend.dialog;

import io.chatbackend.platform.problem.ProblemCode;

/** dialog-domain's one catalog of problem codes, beside {@code CommonProblem}'s and {@code ReadModelProblem}'s. */
public enum DialogProblem implements ProblemCode {

    DIALOG_NOT_FOUND(404, "No such dialog, or the caller is not a member of it."),
    MEMBER_NOT_FOUND(404, "That user is not a member of the dialog."),
    GROUP_FULL(409, "The group has as many members as it may."),
    NOT_A_GROUP(409, "Members of a direct dialog cannot change."),
    WATERMARK_OUT_OF_RANGE(409, "The sequence number is beyond the dialog's last message.");

    private final int status;
    private final String meaning;

    DialogProblem(int status, String meaning) {
        this.status = status;
        this.meaning = meaning;
    }

    @Override
    public int httpStatus() {
        return status;
    }

    @Override
    public String meaning() {
        return meaning;
    }
}
