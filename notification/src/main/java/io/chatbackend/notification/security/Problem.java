package io.chatbackend.notification.security;

import org.springframework.http.HttpStatus;

import java.util.Locale;

/**
 * The errors notification answers with (DESIGN.md §5): status, stable {@code code}, and a fixed client-safe title
 * and detail; exception messages are never echoed.
 */
public enum Problem {

    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Unauthenticated",
            "A valid bearer token is required."),
    TICKET_REFUSED(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Unauthenticated",
            "The WebSocket ticket is missing, invalid, expired or already used; get a new one."),
    TICKET_FOR_ANOTHER_NODE(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Unauthenticated",
            "The WebSocket ticket is for another node; open the URL it was issued with, or get a new one."),
    FORBIDDEN(HttpStatus.FORBIDDEN, "FORBIDDEN", "Forbidden", "This request is not allowed."),
    NOT_FOUND(HttpStatus.NOT_FOUND, "NOT_FOUND", "Not found", "No resource exists at this path."),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", "Method not allowed",
            "This method is not allowed here."),
    MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", "Malformed request",
            "The request could not be understood."),
    NO_DEVICE(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "Validation failed",
            "The access token names no device ('did'); log in with a device id."),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE", "Payload too large",
            "The request body is too large."),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED", "Too many requests",
            "Too many requests; retry later."),
    UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE", "Service unavailable",
            "The request cannot be handled right now; retry later."),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "Internal error",
            "The request failed.");

    private static final String TYPE_BASE = "https://chat-backend.dev/problems/";

    private final HttpStatus status;
    private final String code;
    private final String title;
    private final String detail;

    Problem(HttpStatus status, String code, String title, String detail) {
        this.status = status;
        this.code = code;
        this.title = title;
        this.detail = detail;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public String type() {
        return TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-');
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
