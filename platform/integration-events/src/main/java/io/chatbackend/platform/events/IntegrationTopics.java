package io.chatbackend.platform.events;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the integration topics a context publishes to, if they are missing. Integration topics are the event log
 * every read model can be rebuilt from, so they are kept forever ({@code retention.ms=-1},
 * {@code retention.bytes=-1}). Existing topics are left as they are.
 */
public final class IntegrationTopics {

    private final String bootstrapServers;
    private final TopicNames names;
    private final int partitions;
    private final short replicationFactor;

    /**
     * @param partitions        partitions of a new topic ({@code chat.integration.partitions}); keys spread over them
     * @param replicationFactor replicas of a new topic ({@code chat.integration.replication-factor})
     */
    public IntegrationTopics(String bootstrapServers, TopicNames names, int partitions, short replicationFactor) {
        this.bootstrapServers = bootstrapServers;
        this.names = names;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    /**
     * Creates each missing topic (logical names, see {@link TopicNames}), waits until their partitions have leaders
     * ready ({@link #awaitLeaders}) and returns the physical names it created.
     *
     * @throws IllegalStateException if Kafka did not answer within 30 s, refused a topic or had no leaders ready
     */
    public List<String> ensure(List<String> logicalTopics) {
        if (logicalTopics.isEmpty()) {
            return List.of();
        }
        List<NewTopic> wanted = logicalTopics.stream().distinct()
                .map(topic -> new NewTopic(names.physical(topic), partitions, replicationFactor).configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG, "-1",
                        TopicConfig.RETENTION_BYTES_CONFIG, "-1")))
                .toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            List<String> created = new ArrayList<>();
            for (Map.Entry<String, KafkaFuture<Void>> result : admin.createTopics(wanted).values().entrySet()) {
                try {
                    result.getValue().get(30, TimeUnit.SECONDS);
                    created.add(result.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + result.getKey() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            awaitLeaders(admin, wanted.stream().map(NewTopic::name).toList(), Duration.ofSeconds(30));
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics " + logicalTopics, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not create topics " + logicalTopics + " within 30 s", e);
        }
    }

    /**
     * Waits until every partition of the topics answers offsets from its leader. A topic just created has partitions
     * whose leadership is still settling: a send racing it was seen to fail for its whole delivery timeout
     * ({@code NOT_LEADER_OR_FOLLOWER}, then {@code OUT_OF_ORDER_SEQUENCE_NUMBER} from the idempotent producer), so
     * whoever creates a topic waits for this before anyone publishes to it.
     *
     * @param physicalTopics Kafka topic names (with their prefix)
     * @throws IllegalStateException if they are not ready within {@code patience}
     */
    public static void awaitLeaders(Admin admin, Collection<String> physicalTopics, Duration patience)
            throws InterruptedException {
        if (physicalTopics.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                admin.describeTopics(physicalTopics).allTopicNames().get(5, TimeUnit.SECONDS).forEach(
                        (topic, description) -> description.partitions().forEach(partition -> latest.put(
                                new TopicPartition(topic, partition.partition()), OffsetSpec.latest())));
                admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the partitions of " + physicalTopics + " had no leader ready "
                            + "within " + patience, e);
                }
                Thread.sleep(100);
            }
        }
    }

    public TopicNames names() {
        return names;
    }
}
