package io.chatbackend.platform.cassandra.readmodel;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code chat.read-models.*}: how often each instance re-reads which epoch is live.
 *
 * @param refreshInterval the catalog's refresh interval (default 1 s)
 */
@ConfigurationProperties("chat.read-models")
public record ReadModelProperties(Duration refreshInterval) {

    public ReadModelProperties {
        refreshInterval = refreshInterval == null ? ReadModelCatalog.DEFAULT_REFRESH_INTERVAL : refreshInterval;
    }
}
