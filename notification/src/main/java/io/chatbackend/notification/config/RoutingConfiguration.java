package io.chatbackend.notification.config;

import io.chatbackend.notification.routing.NodeAnnouncer;
import io.chatbackend.notification.routing.NodeDirectory;
import io.chatbackend.notification.routing.NodeIdentity;
import io.chatbackend.notification.routing.PartitionOwnership;
import io.chatbackend.notification.session.MovedSessions;
import io.chatbackend.notification.userclient.UserClientApi;
import io.chatbackend.platform.service.PeriodicTask;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** Which node owns which users (ADR 0013 "N nodes"): the deliveries partitions this node holds, announced. */
@Configuration(proxyBeanMethods = false)
public class RoutingConfiguration {

    /** How long the node registry's answer routes tickets: rebalances are rare, tickets are not. */
    private static final Duration NODE_DIRECTORY_CACHE = Duration.ofSeconds(2);

    @Bean
    PartitionOwnership partitionOwnership() {
        return new PartitionOwnership();
    }

    /** Registers the node's partitions in user-client on every rebalance and heartbeat tick. */
    @Bean
    NodeAnnouncer nodeAnnouncer(UserClientApi api, NodeIdentity node, PartitionOwnership ownership) {
        return new NodeAnnouncer(api, node, ownership);
    }

    @Bean
    PeriodicTask nodeAnnouncements(NodeAnnouncer announcer, NotificationProperties properties) {
        return new PeriodicTask("node-announcements", properties.heartbeatInterval(), announcer::announce);
    }

    @Bean
    NodeDirectory nodeDirectory(UserClientApi api, NodeIdentity node, PartitionOwnership ownership) {
        return new NodeDirectory(api, node, ownership, NODE_DIRECTORY_CACHE);
    }

    /**
     * Who reacts to a rebalance: the announcer (user-client learns the node's partitions) and the moved sessions
     * (closed with 4409, their users' partitions went elsewhere). Subscribed after every bean exists and before any
     * lifecycle starts, so before the deliveries consumer can see its first assignment.
     */
    @Bean
    SmartInitializingSingleton rebalanceListeners(PartitionOwnership ownership, NodeAnnouncer announcer,
                                                  MovedSessions moved) {
        return () -> {
            ownership.subscribe(announcer);
            ownership.subscribe(moved);
        };
    }
}
