package io.chatbackend.platform.events;

/** A Kafka record that is not an integration event at all (not JSON, not an object, no id or type). */
public class MalformedIntegrationEventException extends RuntimeException {

    public MalformedIntegrationEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
