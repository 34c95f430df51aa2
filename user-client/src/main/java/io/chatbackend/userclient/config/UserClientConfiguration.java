package io.chatbackend.userclient.config;

import io.chatbackend.platform.problem.ProblemCatalog;
import io.chatbackend.userclient.UserClientProblem;
import io.chatbackend.dialog.contract.events.DialogTopics;
import io.chatbackend.platform.events.DeclaredTopics;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.TopicNames;
import io.chatbackend.platform.events.consumer.IntegrationEventConsumer;
import io.chatbackend.platform.events.outbox.EventTypeVersions;
import io.chatbackend.platform.events.outbox.OutboxRelay;
import io.chatbackend.platform.web.ChatSecurity;
import io.chatbackend.userclient.contract.DeviceRevoked;
import io.chatbackend.userclient.contract.PresenceChanged;
import io.chatbackend.userclient.contract.UserClientTopics;
import io.chatbackend.userclient.cursor.Cursors;
import io.chatbackend.userclient.device.Devices;
import io.chatbackend.userclient.integration.DialogMembership;
import io.chatbackend.userclient.integration.UserBlocks;
import io.chatbackend.userclient.integration.Outbox;
import io.chatbackend.userclient.node.NotificationNodes;
import io.chatbackend.userclient.session.Presence;
import io.chatbackend.userclient.session.SessionBatch;
import io.chatbackend.userclient.session.Sessions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import io.chatbackend.platform.audit.AuditTrail;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * user-client's wiring: its stores, what it publishes (user-client-contract, through the outbox) and consumes
 * (dialog-domain's membership events), and who may call what.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(UserClientProperties.class)
class UserClientConfiguration {

    /** Created (kept forever) at start: the topic this context publishes to, and the one it reads. */
    @Bean
    DeclaredTopics userClientTopics() {
        return DeclaredTopics.of(UserClientTopics.USERS, DialogTopics.DIALOGS, DialogTopics.BLOCKS);
    }

    @Bean
    EventTypeVersions userClientEventVersions() {
        return EventTypeVersions.of(DeviceRevoked.TYPE, DeviceRevoked.VERSION)
                .and(EventTypeVersions.of(PresenceChanged.TYPE, PresenceChanged.VERSION));
    }

    @Bean
    Outbox outbox(JdbcTemplate jdbc, JsonMapper json, ObjectProvider<OutboxRelay> relay) {
        return new Outbox(jdbc, json, () -> relay.ifAvailable(OutboxRelay::wakeUp));
    }

    @Bean
    Presence presence(JdbcTemplate jdbc, Outbox outbox, UserClientProperties properties) {
        return new Presence(jdbc, outbox, properties.presenceDebounce());
    }

    @Bean
    Devices devices(JdbcTemplate jdbc, Outbox outbox, Presence presence, AuditTrail trail) {
        return new Devices(jdbc, outbox, presence, trail);
    }

    @Bean
    Sessions sessions(JdbcTemplate jdbc, TransactionTemplate transactions, Presence presence, SessionBatch batch,
                      UserClientProperties properties) {
        return new Sessions(jdbc, transactions, presence, batch, properties.sessionTtl());
    }

    @Bean
    SessionBatch sessionBatch(JdbcTemplate jdbc, Presence presence, UserClientProperties properties) {
        return new SessionBatch(jdbc, presence, properties.sessionTtl());
    }

    @Bean
    NotificationNodes notificationNodes(JdbcTemplate jdbc, UserClientProperties properties) {
        return new NotificationNodes(jdbc, properties.nodeTtl());
    }

    @Bean
    Cursors cursors(JdbcTemplate jdbc) {
        return new Cursors(jdbc);
    }

    @Bean
    SessionSweeper sessionSweeper(Sessions sessions, Presence presence) {
        return new SessionSweeper(sessions, presence);
    }

    /** Membership for presence visibility, from dialog-domain's published events (never its tables). */
    @Bean
    IntegrationEventConsumer dialogMembershipConsumer(@Value("${spring.kafka.bootstrap-servers}") String bootstrap,
                                                      TopicNames names, IntegrationEventCodec codec,
                                                      JdbcTemplate jdbc, TransactionTemplate transactions) {
        // a stable group per purpose (and per topic prefix, so test classes never share one)
        String group = names.physical("user-client.dialog-membership");
        return new IntegrationEventConsumer(
                IntegrationEventConsumer.Settings.of(bootstrap, group, List.of(DialogTopics.DIALOGS)), names, codec,
                new DialogMembership(jdbc, transactions, codec));
    }

    /** Blocks for presence visibility (ADR 0024), from dialog-domain's published events (never its tables). */
    @Bean
    IntegrationEventConsumer userBlocksConsumer(@Value("${spring.kafka.bootstrap-servers}") String bootstrap,
                                                TopicNames names, IntegrationEventCodec codec, JdbcTemplate jdbc,
                                                TransactionTemplate transactions) {
        String group = names.physical("user-client.user-blocks");
        return new IntegrationEventConsumer(
                IntegrationEventConsumer.Settings.of(bootstrap, group, List.of(DialogTopics.BLOCKS)), names, codec,
                new UserBlocks(jdbc, transactions, codec));
    }

    /** The internal API is for services holding scope {@code sessions}; the public API for users' devices. */
    @Bean
    SecurityFilterChain userClientSecurity(HttpSecurity http, JwtAuthenticationConverter converter, JsonMapper json)
            throws Exception {
        return ChatSecurity.resourceServer(http, converter, json)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers("/internal/**").hasAuthority("SCOPE_sessions")
                        .anyRequest().authenticated())
                .build();
    }

    /** This service's problem codes, listed by its OpenAPI document (docs/adr/0022-one-catalog-of-problem-codes.md). */
    @Bean
    ProblemCatalog userClientProblems() {
        return ProblemCatalog.of(UserClientProblem.class);
    }
}
