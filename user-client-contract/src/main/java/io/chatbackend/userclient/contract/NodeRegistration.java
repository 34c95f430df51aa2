package io.chatbackend.userclient.contract;

import java.util.List;

/**
 * Body of {@code PUT /internal/nodes/{nodeId}}: a notification node says where clients reach it and which
 * partitions of notification's deliveries topic it consumes now. Sent on every rebalance of the node's consumer
 * group and on every heartbeat tick; each call keeps the node alive for the node TTL (30 s by default).
 *
 * <pre>{@code
 * {"wsUrl": "wss://node-7.chat.example/ws", "partitionCount": 12, "partitions": [0, 5, 9]}
 * }</pre>
 *
 * @param wsUrl          the node's public WebSocket URL (absolute {@code ws} or {@code wss}), handed out with
 *                       tickets for users whose partition the node owns
 * @param partitionCount how many partitions the deliveries topic has (1 to 10,000), so a user's partition can be
 *                       computed the way Kafka's default partitioner does
 * @param partitions     the partitions the node holds, each in {@code [0, partitionCount)}; may be empty (more
 *                       nodes than partitions)
 */
public record NodeRegistration(String wsUrl, Integer partitionCount, List<Integer> partitions) {
}
