package io.chatbackend.gateway.problem;

import io.chatbackend.platform.problem.ProblemCode;
import org.springframework.http.HttpStatus;

import java.util.Locale;

/**
 * The errors the gateway itself produces (docs/architecture.md §5): a stable {@code code}, its HTTP status and a fixed,
 * client-safe title and detail. Details are deliberately generic: the gateway never echoes exception messages.
 */
public enum GatewayProblem implements ProblemCode {

    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "Unauthenticated", "A valid bearer token is required."),
    FORBIDDEN(HttpStatus.FORBIDDEN, "Forbidden", "This request is not allowed."),
    NOT_FOUND(HttpStatus.NOT_FOUND, "Not found", "No resource exists at this path."),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed", "This method is not allowed here."),
    MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "Malformed request", "The request could not be understood."),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Payload too large", "The request body is too large."),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", "Too many requests; retry after the given delay."),
    UPSTREAM_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Upstream unavailable",
            "The service behind this path is not available; retry later."),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "The gateway failed to handle the request.");

    private static final String TYPE_BASE = "https://chat-backend.dev/problems/";

    private final HttpStatus status;
    private final String title;
    private final String detail;

    GatewayProblem(HttpStatus status, String title, String detail) {
        this.status = status;
        this.title = title;
        this.detail = detail;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    @Override
    public int httpStatus() {
        return status.value();
    }

    @Override
    public String meaning() {
        return detail;
    }

    public String code() {
        return name();
    }

    /** {@code RATE_LIMITED} → {@code https://chat-backend.dev/problems/rate-limited}. */
    public String type() {
        return TYPE_BASE + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
