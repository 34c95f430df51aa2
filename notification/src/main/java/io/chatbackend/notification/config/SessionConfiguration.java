package io.chatbackend.notification.config;

import io.chatbackend.notification.delivery.ClientRequests;
import io.chatbackend.notification.dialogs.DialogDirectory;
import io.chatbackend.notification.membership.MembershipView;
import io.chatbackend.notification.routing.NodeIdentity;
import io.chatbackend.notification.security.ProblemWriter;
import io.chatbackend.notification.session.DeliveryWebSocketHandler;
import io.chatbackend.notification.session.LiveSession;
import io.chatbackend.notification.session.MovedSessions;
import io.chatbackend.notification.session.PresenceSubscriptions;
import io.chatbackend.notification.session.RecentMessages;
import io.chatbackend.notification.session.SessionRegistry;
import io.chatbackend.notification.session.SessionsRegistrar;
import io.chatbackend.notification.session.TicketHandshakeService;
import io.chatbackend.notification.session.UserEvents;
import io.chatbackend.notification.ticket.TicketSigner;
import io.chatbackend.notification.ticket.UsedNonces;
import io.chatbackend.notification.userclient.UserClientApi;
import io.chatbackend.notification.userclient.UserEventsTail;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.TopicNames;
import io.chatbackend.platform.service.PeriodicTask;
import io.chatbackend.userclient.contract.UserClientTopics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.netty.http.server.WebsocketServerSpec;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

/**
 * Live sessions: the WebSocket endpoint behind its ticket check, the node's registry of sessions, and what keeps
 * them in step with user-client (registration and heartbeats, revoked devices, presence, moved partitions).
 */
@Configuration(proxyBeanMethods = false)
public class SessionConfiguration {

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

    /** The node's recent messages per dialog: resumes of recent history are answered from them. */
    @Bean
    RecentMessages recentMessages(NotificationProperties properties, DialogDirectory directory, MeterRegistry meters) {
        RecentMessages recent = new RecentMessages(properties.recentMessagesSize().toBytes(),
                properties.recentMessagesPerDialog(), directory::lastEpoch);
        Gauge.builder("notification.catch-up.pages", recent, RecentMessages::answered).tag("source", "node")
                .description("Catch-up pages answered from the node's recent messages").register(meters);
        Gauge.builder("notification.catch-up.pages", recent, RecentMessages::declined).tag("source", "dialog-domain")
                .description("Catch-up pages the recent messages did not hold completely (asked of dialog-domain)")
                .register(meters);
        return recent;
    }

    @Bean
    DeliveryWebSocketHandler deliveryWebSocketHandler(SessionRegistry registry, DialogDirectory directory,
                                                      RecentMessages recent,
                                                      NotificationProperties properties, MeterRegistry meters,
                                                      JsonMapper json, ClientRequests requests,
                                                      SessionsRegistrar registrar, PresenceSubscriptions presence) {
        Counter overflows = Counter.builder("notification.session.queue.overflows")
                .description("Frames dropped because a session's outbound queue was full").register(meters);
        // live deliveries held per dialog (while catching up or waiting for a hole) are bounded like the queue;
        // what is let go is fetched from history by the hole repair
        return new DeliveryWebSocketHandler(registry, directory, recent, new LiveSession.Settings(
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
    SessionsRegistrar sessionsRegistrar(UserClientApi api, SessionRegistry registry, NodeIdentity node) {
        return new SessionsRegistrar(api, registry, node.nodeId());
    }

    @Bean
    PeriodicTask sessionHeartbeats(SessionsRegistrar registrar, NotificationProperties properties) {
        return new PeriodicTask("session-heartbeats", properties.heartbeatInterval(), registrar::heartbeat);
    }

    /** Closes (4409 "moved") the sessions whose user's partition a rebalance took away. */
    @Bean
    MovedSessions movedSessions(SessionRegistry sessions) {
        return new MovedSessions(sessions);
    }

    /** Revoked devices (their sessions end with 4401) and presence changes (to the sessions that follow them). */
    @Bean
    UserEventsTail userEventsTail(@Value("${spring.kafka.bootstrap-servers}") String bootstrap, TopicNames names,
                                  IntegrationEventCodec codec, Admin admin, SessionRegistry sessions,
                                  PresenceSubscriptions presence, MembershipView view) {
        return new UserEventsTail(bootstrap, names, UserClientTopics.USERS, codec, admin,
                new UserEvents(sessions, presence, view, codec));
    }
}
