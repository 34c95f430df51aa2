package io.chatbackend.platform.events;

import java.util.Objects;

/**
 * An integration event on its way out: the logical topic (without any test prefix, see {@link TopicNames}), the
 * Kafka record key that fixes its partition and so its order (a dialog id or a user id), and the envelope.
 */
public record OutgoingEvent(String topic, String key, IntegrationEvent event) {

    public OutgoingEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(event, "event");
    }
}
