package io.chatbackend.platform.events;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
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
     * Creates each missing topic (logical names, see {@link TopicNames}) and returns the physical names it created.
     *
     * @throws IllegalStateException if Kafka did not answer within 30 s or refused a topic
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
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics " + logicalTopics, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not create topics " + logicalTopics + " within 30 s", e);
        }
    }

    public TopicNames names() {
        return names;
    }
}
