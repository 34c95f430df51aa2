package io.chatbackend.notification;

import io.chatbackend.platform.problem.ProblemCode;

/** The problem codes of notification's HTTP API (the ticket endpoint and the WebSocket handshake): its one catalog. */
public enum NotificationProblem implements ProblemCode {

    MALFORMED_REQUEST(400, "The request could not be understood."),
    VALIDATION_FAILED(400, "The access token names no device ('did'); log in with a device id."),
    UNAUTHENTICATED(401, "A valid bearer token (for the WebSocket: a valid, unused ticket for this node) is required."),
    FORBIDDEN(403, "The caller may not do this."),
    NOT_FOUND(404, "No resource exists at this path."),
    METHOD_NOT_ALLOWED(405, "The path exists, but not for this method."),
    PAYLOAD_TOO_LARGE(413, "The request body is too large."),
    RATE_LIMITED(429, "Too many requests; retry later."),
    INTERNAL_ERROR(500, "The request failed unexpectedly; quote the requestId when reporting it."),
    SERVICE_UNAVAILABLE(503, "The request cannot be handled right now; retry later.");

    private final int status;
    private final String meaning;

    NotificationProblem(int status, String meaning) {
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
