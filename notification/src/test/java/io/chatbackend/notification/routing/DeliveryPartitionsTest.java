package io.chatbackend.notification.routing;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The user's partition is the one Kafka's producer picks for the deliveries' key (recipientId, string-serialized). */
class DeliveryPartitionsTest {

    @Test
    void matchesKafkasOwnPartitionerForTheDeliveriesKey() {
        List<UUID> users = List.of(UUID.fromString("00000000-0000-0000-0000-000000000000"),
                UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427"),
                UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff"),
                UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        try (StringSerializer keys = new StringSerializer()) {
            for (UUID user : users) {
                for (int count : new int[] {1, 2, 3, 12, 50, 997}) {
                    // what the producer does for a keyed record without an explicit partition
                    int kafka = BuiltInPartitioner.partitionForKey(keys.serialize("t", user.toString()), count);
                    assertThat(DeliveryPartitions.of(user, count)).as(user + " of " + count).isEqualTo(kafka);
                }
            }
        }
    }

    @Test
    void anAssignmentHoldsTheUsersOfItsPartitions() {
        UUID user = UUID.randomUUID();
        int partition = DeliveryPartitions.of(user, 3);
        assertThat(new Assignment(3, Set.of(partition)).holds(user)).isTrue();
        assertThat(new Assignment(3, Set.of((partition + 1) % 3, (partition + 2) % 3)).holds(user)).isFalse();
        assertThat(new Assignment(3, Set.of()).holds(user)).isFalse();
    }
}
