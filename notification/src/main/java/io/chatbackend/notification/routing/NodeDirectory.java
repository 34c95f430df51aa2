package io.chatbackend.notification.routing;

import io.chatbackend.notification.userclient.UserClientApi;
import io.chatbackend.userclient.contract.NotificationNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Which node a user's ticket names: the one that owns the user's deliveries partition (ADR 0013 "N nodes"). This
 * node when it holds the partition itself (no call at all, the only case with one node); otherwise the live owner
 * in user-client's node registry, whose answer is kept {@code cacheFor} (a couple of seconds: rebalances are rare,
 * tickets are not). Best effort: when the registry is unreachable or nobody owns the partition (a rebalance in
 * flight, a node not yet registered), this node, as before there were several.
 */
public final class NodeDirectory {

    private static final Logger log = LoggerFactory.getLogger(NodeDirectory.class);

    private final NodeIdentity self;
    private final PartitionOwnership ownership;
    private final Mono<List<NotificationNode>> liveNodes;

    public NodeDirectory(UserClientApi api, NodeIdentity self, PartitionOwnership ownership, Duration cacheFor) {
        this.self = self;
        this.ownership = ownership;
        // a failed look-up is remembered as long as an answer, so a registry outage costs one call per period
        this.liveNodes = api.liveNodes()
                .doOnError(e -> log.warn("Node registry unreachable; tickets name this node for {}: {}", cacheFor,
                        e.toString()))
                .onErrorReturn(List.of())
                .cache(nodes -> cacheFor, error -> cacheFor, () -> cacheFor);
    }

    /** The node whose URL and id the user's ticket carries. */
    public Mono<NodeIdentity> ownerOf(UUID userId) {
        if (ownership.current().map(assignment -> assignment.holds(userId)).orElse(false)) {
            return Mono.just(self);
        }
        return liveNodes.map(nodes -> nodes.stream()
                .filter(node -> node.partitionCount() > 0 && node.partitions() != null && node.wsUrl() != null
                        && node.partitions().contains(DeliveryPartitions.of(userId, node.partitionCount())))
                // two owners only under two topic layouts (the topic just grew): the newer claim knows the new one
                .max(Comparator.comparing(NotificationNode::claimedAt,
                        Comparator.nullsFirst(Comparator.naturalOrder())))
                .map(node -> new NodeIdentity(node.nodeId(), node.wsUrl()))
                .orElse(self));
    }
}
