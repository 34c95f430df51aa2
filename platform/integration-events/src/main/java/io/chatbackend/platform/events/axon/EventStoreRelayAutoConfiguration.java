package io.chatbackend.platform.events.axon;

import io.chatbackend.platform.axon.AuditMetadata;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.IntegrationEventPublisher;
import io.chatbackend.platform.events.IntegrationEventsAutoConfiguration;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Publishing from the event store, for event-sourced contexts (Axon on the class path). {@link DomainEventEnvelopes}
 * is always offered; the relay itself is registered once the context declares its {@link IntegrationEventMapper}
 * bean: a tracking processor {@value EventStoreRelay#PROCESSING_GROUP} (single thread, batches of
 * {@code chat.integration.event-store.batch-size}, default 100) whose only handler is the {@link EventStoreRelay},
 * with a propagating error handler for both handler and processor errors, so a failed batch is retried, never
 * skipped. Its token lives in the JDBC token store axon-support configures.
 */
@AutoConfiguration(after = IntegrationEventsAutoConfiguration.class)
@ConditionalOnClass({EventProcessingConfigurer.class, AuditMetadata.class})
@ConditionalOnBean(IntegrationEventCodec.class)
public class EventStoreRelayAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DomainEventEnvelopes domainEventEnvelopes(IntegrationEventCodec codec) {
        return new DomainEventEnvelopes(codec);
    }

    @Bean
    @ConditionalOnBean({IntegrationEventMapper.class, IntegrationEventPublisher.class})
    ConfigurerModule integrationPublisherProcessor(IntegrationEventMapper mapper, IntegrationEventPublisher publisher,
                                                   @Value("${chat.integration.event-store.batch-size:100}") int batchSize) {
        EventStoreRelay relay = new EventStoreRelay(mapper, publisher);
        String group = EventStoreRelay.PROCESSING_GROUP;
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerEventHandler(configuration -> relay)
                .assignHandlerInstancesMatching(group, Integer.MAX_VALUE, handler -> handler == relay)
                .registerTrackingEventProcessor(group, Configuration::eventStore,
                        configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(batchSize))
                .registerListenerInvocationErrorHandler(group, configuration -> PropagatingErrorHandler.instance())
                .registerErrorHandler(group, configuration -> PropagatingErrorHandler.instance()));
    }
}
