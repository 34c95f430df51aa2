package io.chatbackend.platform.auditapi;

import io.chatbackend.platform.problem.ProblemCode;

/** The audit API's problem codes, beside {@code CommonProblem}'s. */
public enum AuditProblem implements ProblemCode {

    AUDIT_CONTEXT_NOT_FOUND(404, "This service keeps no audit stream of that name."),
    AUDIT_STREAM_NOT_FOUND(404, "No stream with this aggregate id exists in the context."),
    VERIFICATION_NOT_FOUND(404, "No verification with this id was started here, or it is no longer kept.");

    private final int status;
    private final String meaning;

    AuditProblem(int status, String meaning) {
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
