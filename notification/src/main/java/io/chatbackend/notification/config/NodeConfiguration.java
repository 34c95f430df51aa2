package io.chatbackend.notification.config;

import io.chatbackend.notification.routing.NodeIdentity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * What every part of the node shares: its clock, its identity (one id for the sessions registry, the node registry
 * and its tickets) and its client credentials at UAA.
 *
 * <p>Start-up order of the node, as Spring runs it (each configuration of this package wires one package):
 * <ol>
 *   <li>every bean is created; nothing consumes or serves yet;</li>
 *   <li>{@link RoutingConfiguration#rebalanceListeners} subscribes who reacts to a rebalance, before any consumer
 *       can see one ({@code SmartInitializingSingleton}: after every bean exists, before any lifecycle starts);</li>
 *   <li>lifecycle phase {@link io.chatbackend.notification.membership.MembershipTail#PHASE}: the membership tail
 *       replays the dialogs topic, so the consumers that read the view start on a whole view;</li>
 *   <li>the default phase: the Kafka consumers (fan-out, join notices, node deliveries), the user events tail, the
 *       periodic tasks and the web server.</li>
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
public class NodeConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    NodeIdentity nodeIdentity(NotificationProperties properties, @Value("${chat.public-url}") String publicUrl) {
        return new NodeIdentity(properties.effectiveNodeId(), properties.wsUrl(publicUrl));
    }

    @Bean
    ServiceCredentials serviceCredentials(@Value("${chat.services.uaa}") String uaa,
                                          @Value("${chat.service-client.id:notification}") String clientId,
                                          @Value("${chat.service-client.secret}") String secret, Clock clock) {
        return new ServiceCredentials(uaa + "/oauth2/token", clientId, secret, clock);
    }
}
