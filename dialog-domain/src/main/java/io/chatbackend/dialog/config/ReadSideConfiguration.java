package io.chatbackend.dialog.config;

import java.util.List;
import java.util.Map;

import com.datastax.oss.driver.api.core.CqlSession;
import io.chatbackend.dialog.contract.events.DialogTopics;
import io.chatbackend.dialog.integration.UserNames;
import io.chatbackend.uaa.contract.UserRegistered;
import org.springframework.transaction.support.TransactionTemplate;
import io.chatbackend.dialog.readmodel.DialogReadModels;
import io.chatbackend.dialog.readmodel.DialogReadQueries;
import io.chatbackend.dialog.readmodel.MembershipProjection;
import io.chatbackend.dialog.readmodel.TimelineEvents;
import io.chatbackend.dialog.readmodel.TimelineProjection;
import io.chatbackend.message.contract.MessageSent;
import io.chatbackend.platform.axon.EventStoreReplay;
import io.chatbackend.platform.cassandra.readmodel.ReadModelAdmin;
import io.chatbackend.platform.cassandra.readmodel.ReadModelCatalog;
import io.chatbackend.platform.cassandra.readmodel.ReadModelDefinition;
import io.chatbackend.platform.cassandra.readmodel.ReadModelRebuilder;
import io.chatbackend.platform.cassandra.readmodel.RebuildSource;
import io.chatbackend.platform.events.DeclaredTopics;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.TopicNames;
import io.chatbackend.platform.events.consumer.IntegrationEventConsumer;
import io.chatbackend.platform.events.consumer.TopicReplay;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read side: dialog-domain's Cassandra read models, what keeps them current (a tracking processor over this
 * context's event store, a Kafka consumer of message-domain's {@code MessageSent} events) and how each is rebuilt
 * from exactly the same sources.
 */
@Configuration(proxyBeanMethods = false)
class ReadSideConfiguration {

    /** Writes kept in flight at once while a rebuild replays the event store. */
    private static final int REPLAY_WINDOW = 256;

    @Bean
    ReadModelDefinition timelineReadModel() {
        return DialogReadModels.timeline();
    }

    @Bean
    ReadModelDefinition membershipReadModel() {
        return DialogReadModels.membership();
    }

    /** Created (kept forever) at start: the topic this context publishes to, and the one it reads. */
    @Bean
    DeclaredTopics dialogTopics() {
        return DeclaredTopics.of(DialogTopics.DIALOGS, DialogTopics.BLOCKS, MessageSent.TOPIC, UserRegistered.TOPIC);
    }

    @Bean
    TimelineProjection timelineProjection(CqlSession session) {
        return new TimelineProjection(session);
    }

    @Bean
    MembershipProjection membershipProjection(CqlSession session) {
        return new MembershipProjection(session);
    }

    @Bean
    DialogReadQueries dialogReadQueries(CqlSession session, ReadModelCatalog catalog) {
        return new DialogReadQueries(session, catalog);
    }

    @Bean
    IntegrationEventConsumer timelineConsumer(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
                                              TopicNames names, IntegrationEventCodec codec,
                                              TimelineProjection projection, ReadModelCatalog catalog) {
        // the group is per read model (and per topic prefix, so test classes never share one)
        String group = names.physical("dialog-domain.read-model-timeline");
        return new IntegrationEventConsumer(
                IntegrationEventConsumer.Settings.of(bootstrapServers, group, List.of(MessageSent.TOPIC)), names,
                codec, new TimelineEvents(projection, codec,
                        logical -> catalog.writeTables(DialogReadModels.TIMELINE, logical)));
    }

    /** Users' display names for history pages and inboxes, from UAA's published events (ADR 0023). */
    @Bean
    IntegrationEventConsumer userNamesConsumer(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
                                               TopicNames names, IntegrationEventCodec codec, JdbcTemplate jdbc,
                                               TransactionTemplate transactions) {
        String group = names.physical("dialog-domain.user-names");
        return new IntegrationEventConsumer(
                IntegrationEventConsumer.Settings.of(bootstrapServers, group, List.of(UserRegistered.TOPIC)), names,
                codec, new UserNames(jdbc, transactions, codec));
    }

    /**
     * A projection error (Cassandra down) must stop the processor and retry the same events, never log and skip
     * them (Axon's default), or the read model would silently miss them.
     */
    @Bean
    ConfigurerModule readModelErrorHandling() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(DialogReadModels.MEMBERSHIP_PROCESSOR, c -> PropagatingErrorHandler.instance()));
    }

    @Bean
    ReadModelAdmin readModelAdmin(ReadModelCatalog catalog, ReadModelRebuilder rebuilder,
                                  @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
                                  TopicNames names, IntegrationEventCodec codec, TimelineProjection timeline,
                                  MembershipProjection membership, EventStorageEngine events, JdbcTemplate jdbc) {
        RebuildSource timelineSource = (sink, progress) -> new TopicReplay(bootstrapServers, names, codec).replay(
                List.of(MessageSent.TOPIC), new TimelineEvents(timeline, codec, logical -> List.of(sink.table(logical))),
                (done, total) -> {
                    progress.total(total);
                    progress.done(done);
                });
        EventStoreReplay replay = new EventStoreReplay(events, jdbc, REPLAY_WINDOW);
        RebuildSource membershipSource = (sink, progress) -> replay.replay(
                event -> membership.writes(event, logical -> List.of(sink.table(logical))), progress::total,
                progress::done);
        return new ReadModelAdmin(catalog, rebuilder, Map.of(DialogReadModels.TIMELINE, timelineSource,
                DialogReadModels.MEMBERSHIP, membershipSource));
    }
}
