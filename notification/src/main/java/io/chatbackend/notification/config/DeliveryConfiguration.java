package io.chatbackend.notification.config;

import io.chatbackend.notification.delivery.ClientRequests;
import io.chatbackend.notification.delivery.Deliveries;
import io.chatbackend.notification.delivery.NodeDeliveries;
import io.chatbackend.notification.dialogs.DialogDirectory;
import io.chatbackend.notification.membership.MembershipView;
import io.chatbackend.notification.push.OfflinePush;
import io.chatbackend.notification.routing.Assignment;
import io.chatbackend.notification.routing.PartitionOwnership;
import io.chatbackend.notification.session.PresenceSubscriptions;
import io.chatbackend.notification.session.RecentMessages;
import io.chatbackend.notification.session.SessionRegistry;
import io.chatbackend.notification.userclient.UserClientApi;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.IntegrationEventPublisher;
import io.chatbackend.platform.events.TopicNames;
import io.chatbackend.platform.events.consumer.IntegrationEventConsumer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The node's side of delivery: its share of the deliveries topic into its live sessions (or offline pushes), and
 * what its clients ask over the socket (reads, acks, typing, presence subscriptions).
 */
@Configuration(proxyBeanMethods = false)
public class DeliveryConfiguration {

    @Bean
    ClientRequests clientRequests(DialogDirectory directory, UserClientApi userClient, MembershipView view,
                                  PresenceSubscriptions presence, IntegrationEventPublisher publisher,
                                  IntegrationEventCodec codec, Clock clock) {
        return new ClientRequests(directory, userClient, view, presence, publisher, codec, clock);
    }

    /**
     * The ephemeral topic has the deliveries topic's partitions and is read in the same group, so a user's typing
     * notices reach the node that holds the user's sessions (co-partitioned by the range assignor). After every
     * rebalance the node learns its share of the deliveries topic (routing, ADR 0013 "N nodes"); who reacts to it is
     * subscribed in {@link RoutingConfiguration#rebalanceListeners} before this consumer starts.
     */
    @Bean
    IntegrationEventConsumer nodeDeliveryConsumer(@Value("${spring.kafka.bootstrap-servers}") String bootstrap,
                                                  TopicNames names, IntegrationEventCodec codec,
                                                  SessionRegistry sessions, Clock clock, MeterRegistry meters,
                                                  OfflinePush push, PartitionOwnership ownership,
                                                  RecentMessages recent, NotificationProperties properties) {
        Timer lag = Timer.builder("notification.fanout.lag")
                .description("From a message's sentAt to its enqueueing in a live session")
                .publishPercentiles(0.5, 0.99).register(meters);
        Counter received = Counter.builder("notification.node.deliveries")
                .description("Deliveries this node consumed").register(meters);
        IntegrationEventConsumer.Settings settings = IntegrationEventConsumer.Settings.of(bootstrap,
                        names.physical("notification.node-deliveries"), List.of(Deliveries.TOPIC, Deliveries.EPHEMERAL))
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(5))
                .withSessionTimeout(properties.failoverTimeout());
        return new IntegrationEventConsumer(settings, names, codec,
                new NodeDeliveries(sessions, recent, codec, lag, received, clock, push::push),
                assignment -> ownership.accept(new Assignment(assignment.partitionCounts().get(Deliveries.TOPIC),
                        assignment.heldOf(Deliveries.TOPIC))));
    }
}
