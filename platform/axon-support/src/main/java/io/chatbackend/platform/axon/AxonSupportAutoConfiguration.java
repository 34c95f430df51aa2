package io.chatbackend.platform.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.ObjectProvider;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Axon 4 on Spring Boot 4 without Axon Server. Axon's own JDBC auto-configuration is evaluated before Boot 4's
 * relocated data source auto-configuration and silently falls back to in-memory stores, so every piece is declared
 * here explicitly (see docs/adr/0002-axon-event-store-on-postgresql.md).
 */
@AutoConfiguration(beforeName = {
        "org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
        "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
        "org.axonframework.springboot.autoconfig.JpaAutoConfiguration",
        "org.axonframework.springboot.autoconfig.JpaEventStoreAutoConfiguration",
        "org.axonframework.springboot.autoconfig.TransactionAutoConfiguration",
        "org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration",
        "org.axonframework.springboot.autoconfig.EventProcessingAutoConfiguration"})
public class AxonSupportAutoConfiguration {

    /**
     * The Jackson (2) mapper Axon serializes with: tolerant of unknown fields (events can grow), ISO dates, and
     * field access so aggregates snapshot without getters and setters.
     */
    public static ObjectMapper axonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .setVisibility(com.fasterxml.jackson.annotation.PropertyAccessor.FIELD,
                        com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Bean
    @Primary
    Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(axonObjectMapper()).lenientDeserialization().build();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    /** PostgreSQL reports a duplicate key as SQL state 23505; Axon must see it as a concurrency conflict. */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    /**
     * Reads events through the upcasters (ADR 0029): first {@link FirstRevisionUpcaster} (events stored before their
     * type declared a revision are revision 1), then the context's own {@code EventUpcaster} beans in their order.
     * Upcasting changes what is read, never the stored bytes the hash chain covers. Snapshots are loaded only in
     * their aggregate's current shape ({@link CurrentRevisionSnapshots}).
     */
    @Bean
    EventStorageEngine eventStorageEngine(ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                          Serializer serializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          ObjectProvider<EventUpcaster> upcasters) {
        List<EventUpcaster> chain = new ArrayList<>();
        chain.add(new FirstRevisionUpcaster());
        upcasters.orderedStream().forEach(chain::add);
        return new HashChainingJdbcEventStorageEngine(JdbcEventStorageEngine.builder()
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .upcasterChain(new EventUpcasterChain(chain))
                .snapshotFilter(new CurrentRevisionSnapshots())
                .persistenceExceptionResolver(persistenceExceptionResolver));
    }

    /**
     * Axon's embedded event store, with the context's {@link TrackingWakeUps} (ADR 0031): a context that declares
     * none wakes its tracking processors after every commit, as Axon does.
     */
    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                  ObjectProvider<TrackingWakeUps> wakeUps) {
        EmbeddedEventStore.Builder builder = EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class));
        return new WakeUpDeferringEventStore(builder, wakeUps.getIfAvailable(TrackingWakeUps::immediate));
    }

    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer,
                          @Value("${spring.application.name:service}") String applicationName) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .nodeId(applicationName + "@" + ManagementFactory.getRuntimeMXBean().getName() + "/"
                        + UUID.randomUUID().toString().substring(0, 8))
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    ActingPrincipal actingPrincipal(@Value("${spring.application.name:service}") String applicationName) {
        String self = "service:" + applicationName;
        return () -> {
            Map<String, String> actor = new HashMap<>(ActingFor.current());
            actor.put(AuditMetadata.PRINCIPAL, self);
            return actor;
        };
    }

    @Bean
    CorrelationDataProvider auditCorrelationDataProvider(
            @Value("${spring.application.name:service}") String applicationName) {
        return new AuditCorrelationDataProvider("system:" + applicationName);
    }

    @Bean
    SmartInitializingSingleton auditDispatchInterceptorRegistration(CommandBus commandBus,
                                                                    ActingPrincipal actingPrincipal) {
        return () -> commandBus.registerDispatchInterceptor(new AuditDispatchInterceptor(actingPrincipal));
    }

    /** Aggregates opt in with {@code @Aggregate(snapshotTriggerDefinition = "eventCountSnapshotTrigger")}. */
    @Bean
    SnapshotTriggerDefinition eventCountSnapshotTrigger(Snapshotter snapshotter,
                                                        @Value("${chat.axon.snapshot-threshold:250}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean
    HashChainVerifier hashChainVerifier(DataSource dataSource) {
        return new HashChainVerifier(dataSource);
    }

    /** The event store as auditors read it; the horizon's lock waits at most {@code chat.audit.lock-timeout}. */
    @Bean
    EventStoreAuditLog eventStoreAuditLog(DataSource dataSource, PlatformTransactionManager transactions,
                                          @Value("${chat.audit.lock-timeout:200ms}") Duration lockTimeout) {
        return new EventStoreAuditLog(new JdbcTemplate(dataSource), new TransactionTemplate(transactions),
                lockTimeout);
    }
}
