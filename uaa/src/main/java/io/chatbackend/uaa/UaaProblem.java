package io.chatbackend.uaa;

import io.chatbackend.platform.problem.ProblemCode;

/** The problem codes of UAA's API, beside {@code CommonProblem}'s: its one catalog. */
public enum UaaProblem implements ProblemCode {

    USERNAME_TAKEN(409, "Another account has this username."),
    USER_NOT_FOUND(404, "No user has this id."),
    CLIENT_REVOKED(409, "This device was revoked; log in with a new deviceId."),
    LOGIN_THROTTLED(429, "Too many login attempts for this account or from this address; retry after Retry-After."),
    RATE_LIMITED(429, "Too many requests of this kind from this address; retry after Retry-After.");

    private final int status;
    private final String meaning;

    UaaProblem(int status, String meaning) {
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
