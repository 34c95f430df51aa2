package io.chatbackend.message;

import io.chatbackend.platform.problem.ProblemCode;

/** message-domain's one catalog of problem codes, beside {@code CommonProblem}'s and {@code ReadModelProblem}'s. */
public enum MessageProblem implements ProblemCode {

    DIALOG_NOT_FOUND(404, "No such dialog, or the caller is not a member of it."),
    MESSAGE_NOT_FOUND(404, "No such message, or the caller may not read it."),
    IDEMPOTENCY_KEY_REUSED(422, "This clientMessageId was used for another dialog or body."),
    LANE_BUSY(409, "The sender's previous message to this dialog is still being sent; retry after Retry-After."),
    DIALOG_UNAVAILABLE(503, "The message was not sent; retrying with the same clientMessageId starts a new attempt.");

    private final int status;
    private final String meaning;

    MessageProblem(int status, String meaning) {
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
