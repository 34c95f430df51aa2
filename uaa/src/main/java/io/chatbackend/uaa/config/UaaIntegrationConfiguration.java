package io.chatbackend.uaa.config;

import io.chatbackend.platform.events.DeclaredTopics;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.TopicNames;
import io.chatbackend.platform.events.consumer.IntegrationEventConsumer;
import io.chatbackend.platform.events.outbox.EventTypeVersions;
import io.chatbackend.platform.events.outbox.OutboxRelay;
import io.chatbackend.uaa.contract.UserRegistered;
import io.chatbackend.uaa.token.DeviceRevocations;
import io.chatbackend.uaa.integration.Outbox;
import io.chatbackend.uaa.token.RefreshTokens;
import io.chatbackend.userclient.contract.UserClientTopics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * What uaa publishes (its contract, uaa-contract) and how: the outbox, relayed to Kafka by the platform's outbox
 * relay ({@code chat.integration.outbox.enabled}); the topic is created at start and kept forever. What it
 * consumes: user-client's device revocations (user-client-contract).
 */
@Configuration(proxyBeanMethods = false)
class UaaIntegrationConfiguration {

    @Bean
    DeclaredTopics uaaTopics() {
        return DeclaredTopics.of(UserRegistered.TOPIC, UserClientTopics.USERS);
    }

    @Bean
    EventTypeVersions uaaEventVersions() {
        return EventTypeVersions.of(UserRegistered.TYPE, UserRegistered.VERSION);
    }

    @Bean
    Outbox outbox(JdbcTemplate jdbc, JsonMapper json, ObjectProvider<OutboxRelay> relay) {
        return new Outbox(jdbc, json, () -> relay.ifAvailable(OutboxRelay::wakeUp));
    }

    /** A revoked device's refresh tokens are revoked (DeviceRevoked from user-client). */
    @Bean
    IntegrationEventConsumer deviceRevocationConsumer(@Value("${spring.kafka.bootstrap-servers}") String bootstrap,
                                                      TopicNames names, IntegrationEventCodec codec,
                                                      RefreshTokens refreshTokens) {
        // a stable group (per topic prefix, so test classes never share one)
        String group = names.physical("uaa.device-revocations");
        return new IntegrationEventConsumer(
                IntegrationEventConsumer.Settings.of(bootstrap, group, List.of(UserClientTopics.USERS)), names, codec,
                new DeviceRevocations(refreshTokens, codec));
    }
}
