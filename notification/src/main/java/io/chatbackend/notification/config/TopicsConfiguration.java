package io.chatbackend.notification.config;

import io.chatbackend.dialog.contract.events.DialogTopics;
import io.chatbackend.message.contract.MessageSent;
import io.chatbackend.notification.delivery.Deliveries;
import io.chatbackend.platform.events.DeclaredTopics;
import io.chatbackend.platform.events.IntegrationProperties;
import io.chatbackend.platform.events.IntegrationTopics;
import io.chatbackend.platform.events.TopicNames;
import io.chatbackend.userclient.contract.UserClientTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** The Kafka topics the node reads, and the two it owns (deliveries and ephemeral notices). */
@Configuration(proxyBeanMethods = false)
public class TopicsConfiguration {

    /** The topics read here, created (kept forever) if their owners have not yet. */
    @Bean
    DeclaredTopics consumedTopics() {
        return DeclaredTopics.of(DialogTopics.DIALOGS, DialogTopics.BLOCKS, MessageSent.TOPIC, UserClientTopics.USERS);
    }

    /**
     * The deliveries topic is a work queue, not an event log: nothing is rebuilt from it (resume reads history),
     * so unlike integration topics it keeps records only for {@code chat.notification.deliveries-retention}.
     */
    @Bean
    SmartInitializingSingleton deliveriesTopic(Admin admin, TopicNames names, IntegrationProperties integration,
                                               NotificationProperties properties) {
        return () -> {
            create(admin, new NewTopic(names.physical(Deliveries.TOPIC), integration.partitions(),
                    integration.replicationFactor())
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG,
                            Long.toString(properties.deliveriesRetention().toMillis()))));
            // typing: same partitions as the deliveries (consumed by the same group), kept a minute, never a store
            create(admin, new NewTopic(names.physical(Deliveries.EPHEMERAL), integration.partitions(),
                    integration.replicationFactor())
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG,
                            Long.toString(properties.ephemeralRetention().toMillis()))));
        };
    }

    private static void create(Admin admin, NewTopic topic) {
        try {
            try {
                admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create " + topic.name(), e.getCause());
                }
            }
            IntegrationTopics.awaitLeaders(admin, List.of(topic.name()), Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + topic.name(), e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not create " + topic.name(), e);
        }
    }
}
