package io.chatbackend.notification.config;

import io.chatbackend.dialog.contract.events.DialogTopics;
import io.chatbackend.message.contract.MessageSent;
import io.chatbackend.notification.delivery.ClientRequests;
import io.chatbackend.notification.delivery.Deliveries;
import io.chatbackend.notification.delivery.NodeDeliveries;
import io.chatbackend.notification.dialogs.DialogDirectory;
import io.chatbackend.notification.fanout.FanOut;
import io.chatbackend.notification.fanout.JoinNotices;
import io.chatbackend.notification.fanout.MembershipTail;
import io.chatbackend.notification.fanout.MembershipView;
import io.chatbackend.notification.security.ProblemWriter;
import io.chatbackend.notification.session.DeliveryWebSocketHandler;
import io.chatbackend.notification.push.OfflinePush;
import io.chatbackend.notification.routing.Assignment;
import io.chatbackend.notification.routing.MovedSessions;
import io.chatbackend.notification.routing.NodeAnnouncer;
import io.chatbackend.notification.routing.NodeDirectory;
import io.chatbackend.notification.routing.NodeIdentity;
import io.chatbackend.notification.routing.PartitionOwnership;
import io.chatbackend.notification.session.LiveSession;
import io.chatbackend.notification.session.PresenceSubscriptions;
import io.chatbackend.notification.session.SessionRegistry;
import io.chatbackend.notification.session.TicketHandshakeService;
import io.chatbackend.notification.ticket.TicketSigner;
import io.chatbackend.notification.ticket.UsedNonces;
import io.chatbackend.notification.userclient.SessionsRegistrar;
import io.chatbackend.notification.userclient.UserClientApi;
import io.chatbackend.notification.userclient.UserEvents;
import io.chatbackend.notification.userclient.UserEventsTail;
import io.chatbackend.userclient.contract.UserClientTopics;
import io.chatbackend.platform.events.DeclaredTopics;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.IntegrationEventPublisher;
import io.chatbackend.platform.events.IntegrationProperties;
import io.chatbackend.platform.events.IntegrationTopics;
import io.chatbackend.platform.events.TopicNames;
import io.chatbackend.platform.events.consumer.IntegrationEventConsumer;
import io.chatbackend.platform.service.PeriodicTask;
import io.chatbackend.platform.web.outbound.OutboundUrlPolicy;
import io.micrometer.core.instrument.Counter;
import io.netty.channel.ChannelOption;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.netty.http.server.WebsocketServerSpec;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Wires live delivery: tickets, the WebSocket endpoint, the fan-out stage (membership view, {@code MessageSent} →
 * deliveries), the node's delivery consumer and the metrics. See ADR 0013.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
public class NotificationConfiguration {

    /** How long the node registry's answer routes tickets: rebalances are rare, tickets are not. */
    private static final Duration NODE_DIRECTORY_CACHE = Duration.ofSeconds(2);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** This node's id (one for the sessions registry, the node registry and its tickets) and public URL. */
    @Bean
    NodeIdentity nodeIdentity(NotificationProperties properties, @Value("${chat.public-url}") String publicUrl) {
        return new NodeIdentity(properties.effectiveNodeId(), properties.wsUrl(publicUrl));
    }

    // ---- tickets and the WebSocket ----

    @Bean
    TicketSigner ticketSigner(NotificationProperties properties, Clock clock) {
        return new TicketSigner(properties.ticketSecret(), properties.ticketTtl(), clock);
    }

    @Bean
    UsedNonces usedNonces(Clock clock) {
        return new UsedNonces(clock);
    }

    @Bean
    SessionRegistry sessionRegistry(MeterRegistry meters) {
        SessionRegistry registry = new SessionRegistry();
        Gauge.builder("notification.sessions.live", registry, SessionRegistry::size)
                .description("Live WebSocket sessions on this node").register(meters);
        return registry;
    }

    @Bean
    PresenceSubscriptions presenceSubscriptions() {
        return new PresenceSubscriptions();
    }

    @Bean
    ClientRequests clientRequests(DialogDirectory directory, UserClientApi userClient, MembershipView view,
                                  PresenceSubscriptions presence, IntegrationEventPublisher publisher,
                                  IntegrationEventCodec codec, Clock clock) {
        return new ClientRequests(directory, userClient, view, presence, publisher, codec, clock);
    }

    @Bean
    DeliveryWebSocketHandler deliveryWebSocketHandler(SessionRegistry registry, DialogDirectory directory,
                                                      NotificationProperties properties, MeterRegistry meters,
                                                      JsonMapper json, ClientRequests requests,
                                                      SessionsRegistrar registrar, PresenceSubscriptions presence) {
        Counter overflows = Counter.builder("notification.session.queue.overflows")
                .description("Frames dropped because a session's outbound queue was full").register(meters);
        // live deliveries held per dialog (while catching up or waiting for a hole) are bounded like the queue;
        // what is let go is fetched from history by the hole repair
        return new DeliveryWebSocketHandler(registry, directory, new LiveSession.Settings(
                properties.resumePageSize(), properties.holeWait(), properties.sessionQueueSize()),
                properties.sessionQueueSize(), overflows, json, requests, registrar, presence,
                properties.typingInterval(), properties.inboundLimits());
    }

    @Bean
    HandlerMapping webSocketMapping(DeliveryWebSocketHandler handler) {
        return new SimpleUrlHandlerMapping(Map.of("/ws", handler), -1);
    }

    /**
     * Inbound frames are bounded by {@code chat.notification.max-inbound-frame} (16 KiB): Netty refuses a longer
     * frame from its header, before buffering it, with close 1009; Spring aggregates a fragmented message up to the
     * same limit.
     */
    @Bean
    WebFluxConfigurer ticketCheckedWebSockets(TicketSigner signer, UsedNonces usedNonces, ProblemWriter problems,
                                              NodeIdentity node, NotificationProperties properties) {
        int maxFrame = properties.inboundLimits().maxFrameBytes();
        TicketHandshakeService service = new TicketHandshakeService(new ReactorNettyRequestUpgradeStrategy(
                () -> WebsocketServerSpec.builder().maxFramePayloadLength(maxFrame)), signer, usedNonces,
                problems, node.nodeId());
        return new WebFluxConfigurer() {
            @Override
            public WebSocketService getWebSocketService() {
                return service;
            }
        };
    }

    // ---- dialog-domain ----

    /**
     * Bounds what the kernel holds for each connection ({@code socket-send-buffer}): left to autotuning, a session
     * whose client stopped reading holds megabytes there before its bounded queue even fills, and then catches up on
     * stale frames instead of seeing a gap and resyncing from history (ADR 0013).
     */
    @Bean
    NettyServerCustomizer boundedSendBuffers(NotificationProperties properties) {
        int bytes = (int) properties.socketSendBuffer().toBytes();
        return server -> bytes == 0 ? server : server.childOption(ChannelOption.SO_SNDBUF, bytes);
    }

    @Bean
    ServiceCredentials serviceCredentials(@Value("${chat.services.uaa}") String uaa,
                                          @Value("${chat.service-client.id:notification}") String clientId,
                                          @Value("${chat.service-client.secret}")
                                          String secret,
                                          Clock clock) {
        return new ServiceCredentials(uaa + "/oauth2/token", clientId, secret, clock);
    }

    @Bean
    DialogDirectory dialogDirectory(@Value("${chat.services.dialog-domain}") String dialogDomain,
                                    ServiceCredentials credentials) {
        return new DialogDirectory(dialogDomain, credentials.tokens("delivery"));
    }

    // ---- user-client ----

    @Bean
    UserClientApi userClientApi(@Value("${chat.services.user-client}") String userClient,
                                ServiceCredentials credentials) {
        return new UserClientApi(userClient, credentials.tokens("sessions"));
    }

    @Bean
    SessionsRegistrar sessionsRegistrar(UserClientApi api, SessionRegistry registry, NodeIdentity node) {
        return new SessionsRegistrar(api, registry, node.nodeId());
    }

    @Bean
    PeriodicTask sessionHeartbeats(SessionsRegistrar registrar, NotificationProperties properties) {
        return new PeriodicTask("session-heartbeats", properties.heartbeatInterval(), registrar::heartbeat);
    }

    // ---- which node owns which users (ADR 0013 "N nodes") ----

    @Bean
    PartitionOwnership partitionOwnership() {
        return new PartitionOwnership();
    }

    /** Registers the node's partitions in user-client on every rebalance and heartbeat tick. */
    @Bean
    NodeAnnouncer nodeAnnouncer(UserClientApi api, NodeIdentity node, PartitionOwnership ownership) {
        NodeAnnouncer announcer = new NodeAnnouncer(api, node, ownership);
        ownership.subscribe(announcer);
        return announcer;
    }

    @Bean
    PeriodicTask nodeAnnouncements(NodeAnnouncer announcer, NotificationProperties properties) {
        return new PeriodicTask("node-announcements", properties.heartbeatInterval(), announcer::announce);
    }

    /** Closes (4409 "moved") the sessions whose user's partition a rebalance took away. */
    @Bean
    MovedSessions movedSessions(SessionRegistry sessions, PartitionOwnership ownership) {
        MovedSessions moved = new MovedSessions(sessions);
        ownership.subscribe(moved);
        return moved;
    }

    @Bean
    NodeDirectory nodeDirectory(UserClientApi api, NodeIdentity node, PartitionOwnership ownership) {
        return new NodeDirectory(api, node, ownership, NODE_DIRECTORY_CACHE);
    }

    @Bean
    UserEventsTail userEventsTail(@Value("${spring.kafka.bootstrap-servers}") String bootstrap, TopicNames names,
                                  IntegrationEventCodec codec, Admin admin, SessionRegistry sessions,
                                  PresenceSubscriptions presence, MembershipView view) {
        return new UserEventsTail(bootstrap, names, UserClientTopics.USERS, codec, admin,
                new UserEvents(sessions, presence, view, codec));
    }

    /**
     * {@code chat.notification.push-allow-private-networks=true} lets pushes go to loopback/private addresses and over
     * http: for the local run and tests, whose receivers listen on 127.0.0.1; never in production (SSRF).
     */
    @Bean(destroyMethod = "close")
    OfflinePush offlinePush(UserClientApi api, NotificationProperties properties, MeterRegistry meters,
                            Clock clock,
                            @Value("${chat.notification.push-allow-private-networks:false}") boolean allowPrivate) {
        Counter sent = Counter.builder("notification.push.sent")
                .description("Offline pushes an endpoint accepted").register(meters);
        Counter failed = Counter.builder("notification.push.failed")
                .description("Offline pushes given up (after retries, dropped, or refused: a non-public address)")
                .register(meters);
        return new OfflinePush(api::pushEndpoints, new OutboundUrlPolicy(allowPrivate),
                new OfflinePush.Settings(properties.pushAttempts(), properties.pushBackoff(),
                        properties.pushMaxInFlight(), properties.pushMaxAge()), sent, failed, clock);
    }

    // ---- topics ----

    /** The topics read here, created (kept forever) if their owners have not yet. */
    @Bean
    DeclaredTopics consumedTopics() {
        return DeclaredTopics.of(DialogTopics.DIALOGS, MessageSent.TOPIC, UserClientTopics.USERS);
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

    // ---- fan-out stage ----

    @Bean
    MembershipView membershipView(IntegrationEventCodec codec) {
        return new MembershipView(codec);
    }

    @Bean
    MembershipTail membershipTail(@Value("${spring.kafka.bootstrap-servers}") String bootstrap, TopicNames names,
                                  IntegrationEventCodec codec, MembershipView view, Admin admin) {
        return new MembershipTail(bootstrap, names, DialogTopics.DIALOGS, codec, view, admin);
    }

    @Bean
    HealthIndicator membership(MembershipTail tail, MembershipView view) {
        return () -> (tail.replayed() ? Health.up() : Health.outOfService())
                .withDetail("dialogs", view.dialogs()).build();
    }

    @Bean
    IntegrationEventConsumer fanOutConsumer(@Value("${spring.kafka.bootstrap-servers}") String bootstrap,
                                            TopicNames names, IntegrationEventCodec codec, MembershipView view,
                                            MembershipTail tail, DialogDirectory directory,
                                            IntegrationEventPublisher publisher, Clock clock, MeterRegistry meters) {
        Counter lookUps = Counter.builder("notification.fanout.member-lookups")
                .description("Fan-outs that asked dialog-domain for members (the view did not know the sender)")
                .register(meters);
        return new IntegrationEventConsumer(settings(bootstrap, names, "notification.fan-out", MessageSent.TOPIC),
                names, codec, new FanOut(view, tail, directory, publisher, codec, clock, lookUps));
    }

    @Bean
    IntegrationEventConsumer joinNoticeConsumer(@Value("${spring.kafka.bootstrap-servers}") String bootstrap,
                                                TopicNames names, IntegrationEventCodec codec,
                                                IntegrationEventPublisher publisher, Clock clock,
                                                MembershipView view, MembershipTail tail) {
        return new IntegrationEventConsumer(settings(bootstrap, names, "notification.join-notices",
                DialogTopics.DIALOGS), names, codec, new JoinNotices(publisher, codec, clock, view, tail));
    }

    // ---- node delivery ----

    @Bean
    IntegrationEventConsumer nodeDeliveryConsumer(@Value("${spring.kafka.bootstrap-servers}") String bootstrap,
                                                  TopicNames names, IntegrationEventCodec codec,
                                                  SessionRegistry sessions, Clock clock, MeterRegistry meters,
                                                  OfflinePush push, PartitionOwnership ownership,
                                                  MovedSessions moved, NodeAnnouncer announcer) {
        Timer lag = Timer.builder("notification.fanout.lag")
                .description("From a message's sentAt to its enqueueing in a live session")
                .publishPercentiles(0.5, 0.99).register(meters);
        Counter received = Counter.builder("notification.node.deliveries")
                .description("Deliveries this node consumed").register(meters);
        // the ephemeral topic has the deliveries topic's partitions and is read in the same group, so a user's
        // typing notices reach the node that holds the user's sessions (co-partitioned by the range assignor).
        // After every rebalance the node learns its share of the deliveries topic (routing, ADR 0013 "N nodes");
        // moved and announcer are parameters so they exist (and are subscribed) before the first assignment
        IntegrationEventConsumer.Settings settings = IntegrationEventConsumer.Settings.of(bootstrap,
                        names.physical("notification.node-deliveries"), List.of(Deliveries.TOPIC, Deliveries.EPHEMERAL))
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(5));
        return new IntegrationEventConsumer(settings, names, codec,
                new NodeDeliveries(sessions, codec, lag, received, clock, push::push),
                assignment -> ownership.accept(new Assignment(assignment.partitionCounts().get(Deliveries.TOPIC),
                        assignment.heldOf(Deliveries.TOPIC))));
    }

    /** Groups are per role and per topic prefix, so test classes never share one. Short back-off: live traffic. */
    private static IntegrationEventConsumer.Settings settings(String bootstrap, TopicNames names, String group,
                                                              String topic) {
        return IntegrationEventConsumer.Settings.of(bootstrap, names.physical(group), List.of(topic))
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(5));
    }
}
