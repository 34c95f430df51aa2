package io.chatbackend.message.config;

import io.chatbackend.platform.problem.ProblemCatalog;
import io.chatbackend.message.MessageProblem;
import io.chatbackend.message.command.SendBegunEvent;
import io.chatbackend.platform.axon.BoundedAggregateCache;
import io.chatbackend.platform.axon.TrackingWakeUps;
import io.chatbackend.platform.snowflake.JdbcGeneratorLeases;
import io.chatbackend.platform.snowflake.SnowflakeGenerator;
import org.axonframework.common.caching.Cache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import java.time.Clock;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class MessageConfiguration {

    private static final Duration LEASE_TTL = Duration.ofSeconds(30);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * A send touches its message three times within a second; keep the latest ones in memory instead of re-reading
     * their events. Recovery of an older attempt simply loads it.
     */
    @Bean
    Cache messageCache() {
        return new BoundedAggregateCache(10_000);
    }

    /** A generator id leased from this context's database; given back on shutdown. */
    @Bean(destroyMethod = "release")
    JdbcGeneratorLeases generatorLeases(JdbcTemplate jdbc) {
        JdbcGeneratorLeases leases = new JdbcGeneratorLeases(jdbc, "id_generator_lease", LEASE_TTL);
        leases.maintain();
        return leases;
    }

    @Bean
    SnowflakeGenerator snowflakeGenerator(JdbcGeneratorLeases leases) {
        return SnowflakeGenerator.withSystemClock(leases);
    }

    /** Renews the lease well within its lifetime (a third of it). */
    @Bean
    SchedulingConfigurer leaseRenewal(JdbcGeneratorLeases leases) {
        return (ScheduledTaskRegistrar registrar) -> registrar.addFixedDelayTask(leases::maintain,
                LEASE_TTL.dividedBy(3));
    }

    /** This service's problem codes, listed by its OpenAPI document (docs/adr/0022-one-catalog-of-problem-codes.md). */
    /**
     * A send's begin is read by no tracking processor (the relay publishes {@code MessageSent}, the read model
     * projects it): it reaches them with the send's completion, or at most 100 ms later, instead of waking them a
     * second time per send (ADR 0031).
     */
    @Bean
    TrackingWakeUps trackingWakeUps() {
        return TrackingWakeUps.deferring(Duration.ofMillis(100), SendBegunEvent.class);
    }

    @Bean
    ProblemCatalog messageProblems() {
        return ProblemCatalog.of(MessageProblem.class);
    }
}
