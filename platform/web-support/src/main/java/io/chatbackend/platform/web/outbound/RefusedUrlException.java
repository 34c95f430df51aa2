package io.chatbackend.platform.web.outbound;

/** Why {@link OutboundUrlPolicy} refused a URL; the message names the rule, never secrets (URLs carry none). */
public final class RefusedUrlException extends RuntimeException {

    /** The rule a URL broke. */
    public enum Reason {
        /** Not an absolute URL with a host, with user info, or too long. */
        MALFORMED,
        /** Not https (or http where private networks are allowed). */
        SCHEME,
        /** The host has no address (now: DNS may answer later). */
        UNRESOLVED,
        /** The host resolves to an address that is not public. */
        NOT_PUBLIC
    }

    private final Reason reason;

    public RefusedUrlException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
