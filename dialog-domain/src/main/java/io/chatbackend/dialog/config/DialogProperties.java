package io.chatbackend.dialog.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code chat.dialog.max-group-size}: the most members a group may have (default 10,000). */
@ConfigurationProperties("chat.dialog")
public record DialogProperties(Integer maxGroupSize) {

    public DialogProperties {
        maxGroupSize = maxGroupSize == null ? 10_000 : maxGroupSize;
    }
}
