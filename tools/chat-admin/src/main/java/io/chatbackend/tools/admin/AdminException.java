package io.chatbackend.tools.admin;

/** A call to the admin API that did not work; {@link #retryable()} when trying again may help. */
final class AdminException extends Exception {

    private final int status;
    private final boolean retryable;

    AdminException(String message, int status, boolean retryable) {
        super(message);
        this.status = status;
        this.retryable = retryable;
    }

    /** The HTTP status, or 0 when there was no answer. */
    int status() {
        return status;
    }

    boolean retryable() {
        return retryable;
    }
}
