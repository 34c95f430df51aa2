package io.chatbackend.userclient.contract;

import java.time.Instant;
import java.util.List;

/**
 * A live notification node in user-client's node registry. Answer of {@code PUT /internal/nodes/{nodeId}} (what
 * the node claims) and, as a list, of {@code GET /internal/nodes} (every live node with the partitions it owns:
 * while a rebalance is in flight two nodes may claim one partition, and the more recent claim wins).
 *
 * <pre>{@code
 * {"nodeId": "node-7", "wsUrl": "wss://node-7.chat.example/ws", "partitionCount": 12, "partitions": [0, 5, 9],
 *  "claimedAt": "2026-11-23T05:10:00.120Z", "expiresAt": "2026-11-23T05:10:30.120Z"}
 * }</pre>
 *
 * @param nodeId         the node's id (as in the sessions registry)
 * @param wsUrl          the node's public WebSocket URL
 * @param partitionCount the deliveries topic's partition count the node reported
 * @param partitions     ascending; in {@code GET /internal/nodes} only the partitions no more recent claim took
 * @param claimedAt      when the node's set of partitions last changed (a registration with the same set keeps it)
 * @param expiresAt      when the node stops counting as alive unless it registers again
 */
public record NotificationNode(String nodeId, String wsUrl, int partitionCount, List<Integer> partitions,
                               Instant claimedAt, Instant expiresAt) {
}
