package io.chatbackend.dialog.config;

import io.chatbackend.platform.problem.ProblemCatalog;
import io.chatbackend.dialog.DialogProblem;
import io.chatbackend.dialog.evolution.MemberJoinedRevision2Upcaster;
import io.chatbackend.dialog.command.LaneConfirmedEvent;
import io.chatbackend.dialog.command.LaneReleasedEvent;
import io.chatbackend.dialog.command.LaneReservedEvent;
import io.chatbackend.dialog.command.LaneTakenEvent;
import io.chatbackend.dialog.command.MessageAppendedEvent;
import io.chatbackend.platform.axon.BoundedAggregateCache;
import io.chatbackend.platform.axon.TrackingWakeUps;
import io.chatbackend.platform.tcc.TccFence;
import io.chatbackend.platform.web.ChatSecurity;
import org.axonframework.common.caching.Cache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(DialogProperties.class)
class DialogConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    TccFence tccFence(JdbcTemplate jdbc) {
        return new TccFence(jdbc);
    }

    /**
     * The dialogs and lanes sent to most recently stay in memory between commands (a conflicting change elsewhere
     * evicts them). A dialog holds its member ids, so 10,000 of them stay well inside the heap even with large groups.
     */
    @Bean
    Cache dialogCache(@Value("${chat.dialog.cached-dialogs:10000}") long size) {
        return new BoundedAggregateCache(size);
    }

    /** MemberJoinedEvent revision 1 → 2 (ADR 0029); the event store reads through it after FirstRevisionUpcaster. */
    @Bean
    MemberJoinedRevision2Upcaster memberJoinedRevision2Upcaster() {
        return new MemberJoinedRevision2Upcaster();
    }

    /**
     * A send's events (its lane taken, reserved, confirmed or released, its message appended) carry nothing the relay
     * publishes and only the sender's own read watermark for the membership read model: they reach the tracking
     * processors together, at most 100 ms later, instead of waking them once per send (ADR 0031). Membership changes
     * and explicit reads still wake them at once.
     */
    @Bean
    TrackingWakeUps trackingWakeUps() {
        return TrackingWakeUps.deferring(Duration.ofMillis(100), LaneTakenEvent.class, LaneReservedEvent.class,
                LaneConfirmedEvent.class, LaneReleasedEvent.class, MessageAppendedEvent.class);
    }

    @Bean
    Cache laneCache(@Value("${chat.dialog.cached-lanes:50000}") long size) {
        return new BoundedAggregateCache(size);
    }

    /** The TCC endpoints are for services holding the {@code tcc} scope; the public API for users. */
    @Bean
    SecurityFilterChain dialogSecurity(HttpSecurity http, JwtAuthenticationConverter converter, JsonMapper json)
            throws Exception {
        return ChatSecurity.resourceServer(http, converter, json)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers("/internal/tcc/**").hasAuthority("SCOPE_tcc")
                        .requestMatchers("/internal/delivery/**").hasAuthority("SCOPE_delivery")
                        .requestMatchers("/internal/**").denyAll()
                        .requestMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .build();
    }

    /** This service's problem codes, listed by its OpenAPI document (docs/adr/0022-one-catalog-of-problem-codes.md). */
    @Bean
    ProblemCatalog dialogProblems() {
        return ProblemCatalog.of(DialogProblem.class);
    }
}
