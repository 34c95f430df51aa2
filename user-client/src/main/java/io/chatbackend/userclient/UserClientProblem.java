package io.chatbackend.userclient;

import io.chatbackend.platform.problem.ProblemCode;

/** The problem codes of user-client's API, beside {@code CommonProblem}'s: its one catalog. */
public enum UserClientProblem implements ProblemCode {

    CLIENT_NOT_FOUND(404, "The caller has no client (device) with this id."),
    CLIENT_REVOKED(409, "This client (device) was revoked."),
    PUSH_URL_NOT_ALLOWED(422, "This push URL may not be used (not https, or a private or local address)."),
    SESSION_CONFLICT(409, "This session id is registered for another user or device.");

    private final int status;
    private final String meaning;

    UserClientProblem(int status, String meaning) {
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
