package io.chatbackend.platform.events;

import java.util.List;
import java.util.Objects;

/**
 * The one place that turns a logical topic name ({@code uaa.users.v1}) into the Kafka topic actually used. The
 * publisher, the consumers and topic creation all go through it, so a prefix
 * ({@code chat.integration.topic-prefix}, empty in production) gives every test class topics of its own on the
 * shared broker.
 */
public record TopicNames(String prefix) {

    public TopicNames {
        prefix = prefix == null ? "" : prefix;
    }

    /** No prefix: logical and physical names are the same. */
    public static TopicNames unprefixed() {
        return new TopicNames("");
    }

    /** The Kafka topic for a logical name. */
    public String physical(String logical) {
        Objects.requireNonNull(logical, "topic");
        return prefix + logical;
    }

    public List<String> physical(List<String> logical) {
        return logical.stream().map(this::physical).toList();
    }

    /** The logical name of a Kafka topic of this prefix (the name unchanged if it lacks the prefix). */
    public String logical(String physical) {
        return physical.startsWith(prefix) ? physical.substring(prefix.length()) : physical;
    }
}
