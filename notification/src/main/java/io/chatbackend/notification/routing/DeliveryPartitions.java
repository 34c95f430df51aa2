package io.chatbackend.notification.routing;

import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Which partition of the deliveries topic holds a user's deliveries: exactly what Kafka's default partitioner
 * computes for a keyed record, since every delivery is published keyed by {@code recipientId.toString()} with a
 * string serializer (UTF-8): {@code toPositive(murmur2(keyBytes)) % partitionCount}.
 */
public final class DeliveryPartitions {

    private DeliveryPartitions() {
    }

    public static int of(UUID userId, int partitionCount) {
        if (partitionCount < 1) {
            throw new IllegalArgumentException("partitionCount must be at least 1");
        }
        byte[] key = userId.toString().getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(key)) % partitionCount;
    }
}
