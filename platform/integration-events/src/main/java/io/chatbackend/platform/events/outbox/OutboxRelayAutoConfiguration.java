package io.chatbackend.platform.events.outbox;

import io.chatbackend.platform.events.IntegrationEventPublisher;
import io.chatbackend.platform.events.IntegrationEventsAutoConfiguration;
import io.chatbackend.platform.events.IntegrationProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * The {@link OutboxRelay} for services with {@code chat.integration.outbox.enabled=true}, a {@link DataSource} and
 * Kafka. Event versions come from the service's {@link EventTypeVersions} beans (1 for types not listed).
 */
@AutoConfiguration(after = IntegrationEventsAutoConfiguration.class,
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnProperty(name = "chat.integration.outbox.enabled", havingValue = "true")
@ConditionalOnBean({DataSource.class, IntegrationEventPublisher.class})
public class OutboxRelayAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OutboxRelay outboxRelay(DataSource dataSource, IntegrationEventPublisher publisher,
                            IntegrationProperties properties, ObjectProvider<EventTypeVersions> versions) {
        IntegrationProperties.Outbox outbox = properties.outbox();
        EventTypeVersions merged = versions.orderedStream().reduce(EventTypeVersions.none(), EventTypeVersions::and);
        return new OutboxRelay(dataSource, publisher, merged, new OutboxRelay.Settings(outbox.table(),
                outbox.pollInterval(), outbox.batchSize(), outbox.gapTimeout(), Duration.ofMillis(100),
                outbox.maxBackoff(), Duration.ofSeconds(1)));
    }
}
