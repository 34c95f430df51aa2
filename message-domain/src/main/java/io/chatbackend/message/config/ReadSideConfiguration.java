package io.chatbackend.message.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.datastax.oss.driver.api.core.CqlSession;
import io.chatbackend.message.contract.MessageSent;
import io.chatbackend.message.readmodel.MessageReadModels;
import io.chatbackend.message.readmodel.MessageReadQueries;
import io.chatbackend.message.readmodel.MessagesProjection;
import io.chatbackend.platform.axon.EventStoreReplay;
import io.chatbackend.platform.axon.LingeringEventSource;
import io.chatbackend.platform.cassandra.readmodel.ReadModelAdmin;
import io.chatbackend.platform.cassandra.readmodel.ReadModelCatalog;
import io.chatbackend.platform.cassandra.readmodel.ReadModelDefinition;
import io.chatbackend.platform.cassandra.readmodel.ReadModelRebuilder;
import io.chatbackend.platform.cassandra.readmodel.RebuildSource;
import io.chatbackend.platform.events.DeclaredTopics;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read side of message-domain: {@code messages_by_id} in Cassandra, kept by a tracking processor over this
 * context's event store and rebuilt from it; and the topic it publishes sent messages to.
 */
@Configuration(proxyBeanMethods = false)
class ReadSideConfiguration {

    /** Writes kept in flight at once while a rebuild replays the event store. */
    private static final int REPLAY_WINDOW = 256;

    @Bean
    ReadModelDefinition messagesReadModel() {
        return MessageReadModels.messages();
    }

    @Bean
    DeclaredTopics messageTopics() {
        return DeclaredTopics.of(MessageSent.TOPIC);
    }

    /**
     * The source of the messages read model's processor ({@code axon.eventhandling.processors.read-model-messages
     * .source}): each batch waits 50 ms for more sends once its first came, so a send does not cost the processor its
     * own unit of work and token update (ADR 0031). The read model serves {@code GET /api/v1/messages/{id}}, which
     * nobody waits on right after a send (the sender has the 201, history comes from dialog-domain's timeline).
     */
    @Bean
    LingeringEventSource readModelEventSource(EventStore eventStore) {
        return new LingeringEventSource(eventStore, Duration.ofMillis(50));
    }

    @Bean
    MessagesProjection messagesProjection(CqlSession session) {
        return new MessagesProjection(session);
    }

    @Bean
    MessageReadQueries messageReadQueries(CqlSession session, ReadModelCatalog catalog) {
        return new MessageReadQueries(session, catalog);
    }

    /**
     * A projection error (Cassandra down) must stop the processor and retry the same events, never log and skip
     * them (Axon's default), or the read model would silently miss them.
     */
    @Bean
    ConfigurerModule readModelErrorHandling() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(MessageReadModels.MESSAGES_PROCESSOR, c -> PropagatingErrorHandler.instance()));
    }

    @Bean
    ReadModelAdmin readModelAdmin(ReadModelCatalog catalog, ReadModelRebuilder rebuilder, MessagesProjection messages,
                                  EventStorageEngine events, JdbcTemplate jdbc) {
        EventStoreReplay replay = new EventStoreReplay(events, jdbc, REPLAY_WINDOW);
        RebuildSource source = (sink, progress) -> replay.replay(
                event -> messages.writes(event, logical -> List.of(sink.table(logical))), progress::total,
                progress::done);
        return new ReadModelAdmin(catalog, rebuilder, Map.of(MessageReadModels.MESSAGES, source));
    }
}
