package io.chatbackend.platform.events;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The publisher, the codec, topic names and topic creation for every service with
 * {@code spring.kafka.bootstrap-servers}. Topics listed in {@code chat.integration.topics} or declared by
 * {@link DeclaredTopics} beans are created (if missing) once all beans exist, before any relay starts.
 */
@AutoConfiguration
@ConditionalOnClass(KafkaProducer.class)
@ConditionalOnProperty("spring.kafka.bootstrap-servers")
@EnableConfigurationProperties(IntegrationProperties.class)
public class IntegrationEventsAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IntegrationEventsAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    TopicNames integrationTopicNames(IntegrationProperties properties) {
        return new TopicNames(properties.topicPrefix());
    }

    @Bean
    @ConditionalOnMissingBean
    IntegrationEventCodec integrationEventCodec() {
        return new IntegrationEventCodec();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    IntegrationEventPublisher integrationEventPublisher(IntegrationProperties properties, TopicNames names,
                                                        IntegrationEventCodec codec,
                                                        @Value("${spring.kafka.bootstrap-servers}") String bootstrap,
                                                        @Value("${spring.application.name:service}") String application) {
        IntegrationProperties.Producer producer = properties.producer();
        return new IntegrationEventPublisher(new IntegrationEventPublisher.Settings(bootstrap,
                application + "-integration-publisher", producer.deliveryTimeout(), producer.linger(),
                producer.maxBlock()), names, codec);
    }

    @Bean
    @ConditionalOnMissingBean
    IntegrationTopics integrationTopics(IntegrationProperties properties, TopicNames names,
                                        @Value("${spring.kafka.bootstrap-servers}") String bootstrap) {
        return new IntegrationTopics(bootstrap, names, properties.partitions(), properties.replicationFactor());
    }

    /** Runs after every singleton exists and before any lifecycle bean (relay, processor, consumer) starts. */
    @Bean
    SmartInitializingSingleton integrationTopicsInitializer(IntegrationTopics topics, IntegrationProperties properties,
                                                            ObjectProvider<DeclaredTopics> declared) {
        return () -> {
            List<String> wanted = new ArrayList<>(properties.topics());
            declared.orderedStream().forEach(declaration -> wanted.addAll(declaration.topics()));
            if (wanted.isEmpty()) {
                return;
            }
            long start = System.nanoTime();
            List<String> created = topics.ensure(wanted);
            log.info("Integration topics {} ensured ({} created) in {} ms", wanted, created.size(),
                    Duration.ofNanos(System.nanoTime() - start).toMillis());
        };
    }
}
