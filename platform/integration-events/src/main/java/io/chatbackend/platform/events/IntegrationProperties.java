package io.chatbackend.platform.events;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * {@code chat.integration.*}: how integration events reach Kafka. Kafka itself is found through the standard
 * {@code spring.kafka.bootstrap-servers}.
 *
 * @param topicPrefix       prepended to every topic name (empty in production; unique per test class)
 * @param partitions        partitions of a topic this service creates
 * @param replicationFactor replicas of a topic this service creates
 * @param topics            logical topics to create at start if missing (kept forever)
 * @param producer          producer timing
 * @param outbox            the JDBC outbox relay
 */
@ConfigurationProperties("chat.integration")
public record IntegrationProperties(@DefaultValue("") String topicPrefix,
                                    @DefaultValue("3") int partitions,
                                    @DefaultValue("1") short replicationFactor,
                                    @DefaultValue List<String> topics,
                                    @DefaultValue Producer producer,
                                    @DefaultValue Outbox outbox) {

    /**
     * @param deliveryTimeout upper bound for one send, retries included
     * @param linger          how long a send may wait to be batched
     * @param maxBlock        how long a send may block for metadata
     */
    public record Producer(@DefaultValue("30s") Duration deliveryTimeout, @DefaultValue("5ms") Duration linger,
                           @DefaultValue("10s") Duration maxBlock) {
    }

    /**
     * @param enabled       whether this service relays its outbox table
     * @param table         the outbox table
     * @param pollInterval  the wait between polls while there is nothing to do
     * @param batchSize     rows per batch
     * @param gapTimeout    how long a missing position is waited for
     * @param maxBackoff    the longest wait between retries after a failure
     */
    public record Outbox(@DefaultValue("false") boolean enabled, @DefaultValue("outbox") String table,
                         @DefaultValue("100ms") Duration pollInterval, @DefaultValue("200") int batchSize,
                         @DefaultValue("1s") Duration gapTimeout, @DefaultValue("10s") Duration maxBackoff) {
    }
}
