package io.chatbackend.uaa.config;

import io.chatbackend.platform.events.DeclaredTopics;
import io.chatbackend.platform.events.outbox.EventTypeVersions;
import io.chatbackend.platform.events.outbox.OutboxRelay;
import io.chatbackend.uaa.contract.UserRegistered;
import io.chatbackend.uaa.integration.Outbox;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * What uaa publishes (its contract, uaa-contract) and how: the outbox, relayed to Kafka by the platform's outbox
 * relay ({@code chat.integration.outbox.enabled}); the topic is created at start and kept forever.
 */
@Configuration(proxyBeanMethods = false)
class UaaIntegrationConfiguration {

    @Bean
    DeclaredTopics uaaTopics() {
        return DeclaredTopics.of(UserRegistered.TOPIC);
    }

    @Bean
    EventTypeVersions uaaEventVersions() {
        return EventTypeVersions.of(UserRegistered.TYPE, UserRegistered.VERSION);
    }

    @Bean
    Outbox outbox(JdbcTemplate jdbc, JsonMapper json, ObjectProvider<OutboxRelay> relay) {
        return new Outbox(jdbc, json, () -> relay.ifAvailable(OutboxRelay::wakeUp));
    }
}
