package io.chatbackend.platform.events;

import java.util.List;

/**
 * Integration topics a service publishes to, declared as a bean so they are created (kept forever) at start, before
 * anything is published: {@code @Bean DeclaredTopics topics() { return new DeclaredTopics(List.of(SomeEvent.TOPIC)); }}.
 *
 * @param topics logical topic names
 */
public record DeclaredTopics(List<String> topics) {

    public DeclaredTopics {
        topics = List.copyOf(topics);
    }

    public static DeclaredTopics of(String... topics) {
        return new DeclaredTopics(List.of(topics));
    }
}
