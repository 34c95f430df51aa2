package io.chatbackend.notification.security;

import io.chatbackend.notification.NotificationProblem;
import org.springframework.http.HttpStatus;

import java.util.Locale;

/**
 * The errors notification answers with (docs/architecture.md §5): status, stable {@code code}, and a fixed client-safe title
 * and detail; exception messages are never echoed.
 */
public enum Problem {

    UNAUTHENTICATED(NotificationProblem.UNAUTHENTICATED, "Unauthenticated",
            "A valid bearer token is required."),
    TICKET_REFUSED(NotificationProblem.UNAUTHENTICATED, "Unauthenticated",
            "The WebSocket ticket is missing, invalid, expired or already used; get a new one."),
    TICKET_FOR_ANOTHER_NODE(NotificationProblem.UNAUTHENTICATED, "Unauthenticated",
            "The WebSocket ticket is for another node; open the URL it was issued with, or get a new one."),
    FORBIDDEN(NotificationProblem.FORBIDDEN, "Forbidden", "This request is not allowed."),
    NOT_FOUND(NotificationProblem.NOT_FOUND, "Not found", "No resource exists at this path."),
    METHOD_NOT_ALLOWED(NotificationProblem.METHOD_NOT_ALLOWED, "Method not allowed",
            "This method is not allowed here."),
    MALFORMED_REQUEST(NotificationProblem.MALFORMED_REQUEST, "Malformed request",
            "The request could not be understood."),
    NO_DEVICE(NotificationProblem.VALIDATION_FAILED, "Validation failed",
            "The access token names no device ('did'); log in with a device id."),
    PAYLOAD_TOO_LARGE(NotificationProblem.PAYLOAD_TOO_LARGE, "Payload too large",
            "The request body is too large."),
    RATE_LIMITED(NotificationProblem.RATE_LIMITED, "Too many requests",
            "Too many requests; retry later."),
    UNAVAILABLE(NotificationProblem.SERVICE_UNAVAILABLE, "Service unavailable",
            "The request cannot be handled right now; retry later."),
    INTERNAL_ERROR(NotificationProblem.INTERNAL_ERROR, "Internal error",
            "The request failed.");

    private static final String TYPE_BASE = "https://chat-backend.dev/problems/";

    private final NotificationProblem code;
    private final String title;
    private final String detail;

    Problem(NotificationProblem code, String title, String detail) {
        this.code = code;
        this.title = title;
        this.detail = detail;
    }

    public HttpStatus status() {
        return HttpStatus.valueOf(code.httpStatus());
    }

    public String code() {
        return code.name();
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public String type() {
        return TYPE_BASE + code.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The problem for an HTTP status that reached the edge without one of its own. */
    public static Problem forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 429 -> RATE_LIMITED;
            case 503 -> UNAVAILABLE;
            default -> status >= 400 && status < 500 ? MALFORMED_REQUEST : INTERNAL_ERROR;
        };
    }
}
