package io.chatbackend.platform.infra;

/** A server of the embedded infrastructure could not be started; the message says why and what to do. */
public class InfraException extends RuntimeException {

    public InfraException(String message) {
        super(message);
    }

    public InfraException(String message, Throwable cause) {
        super(message, cause);
    }
}
