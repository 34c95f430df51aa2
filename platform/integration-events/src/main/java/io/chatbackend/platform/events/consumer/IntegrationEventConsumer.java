package io.chatbackend.platform.events.consumer;

import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.TopicNames;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A plain consumer loop on its own thread: poll, decode, hand the batch to the {@link IntegrationEventHandler},
 * then commit the batch's offsets ({@code enable.auto.commit=false}). Nothing is committed before it is handled,
 * so nothing is lost; if the handler throws, the consumer seeks back to the first record of the batch in each
 * partition, backs off (doubling up to {@code maxBackoff}) and delivers the same records again, so nothing is
 * skipped. A crash after handling and before the commit redelivers the batch: handlers are idempotent.
 *
 * <p>Decoding is tolerant (see {@link IntegrationEventCodec}); a record that is no integration event at all (not
 * JSON, no id) cannot be handled by anyone, so it is logged and passed over rather than block its partition forever.
 *
 * <p>A new group starts at the beginning of the topics ({@code auto.offset.reset=earliest}): integration topics are
 * kept forever and a new read model wants all of it. Started and stopped as a Spring {@link SmartLifecycle}, or by
 * hand.
 */
public final class IntegrationEventConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IntegrationEventConsumer.class);

    private final List<String> topics;
    private final TopicNames names;
    private final ConsumerLoop loop;
    private final Consumer<ConsumerAssignment> assigned;

    public IntegrationEventConsumer(Settings settings, TopicNames names, IntegrationEventCodec codec,
                                    IntegrationEventHandler handler) {
        this(settings, names, codec, handler, assignment -> {
        });
    }

    /**
     * @param assigned told the consumer's whole assignment at the end of every rebalance, on the consumer's thread
     *                 before the next poll (e.g. to route keys to the instance that receives them); a failure there
     *                 is logged and never fails the rebalance
     */
    public IntegrationEventConsumer(Settings settings, TopicNames names, IntegrationEventCodec codec,
                                    IntegrationEventHandler handler, Consumer<ConsumerAssignment> assigned) {
        this.topics = names.physical(settings.topics());
        this.names = names;
        this.assigned = assigned;
        this.loop = new ConsumerLoop("group " + settings.groupId(), "integration-consumer-" + settings.groupId(),
                consumerConfig(settings), names, codec, handler, settings.pollTimeout(), settings.minBackoff(),
                settings.maxBackoff());
    }

    @Override
    public void start() {
        loop.start(this::run);
    }

    /** Stops after the batch being handled (its commit may be lost: it is then redelivered). */
    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    /** Events handled and committed so far. */
    public long handledCount() {
        return loop.handledCount();
    }

    /** Handler or commit failures so far (each followed by redelivery). */
    public long failureCount() {
        return loop.failureCount();
    }

    /** Records that were no integration event and were passed over. */
    public long malformedCount() {
        return loop.malformedCount();
    }

    public Throwable lastFailure() {
        return loop.lastFailure();
    }

    private void run(KafkaConsumer<String, byte[]> kafka) throws InterruptedException {
        kafka.subscribe(topics, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                // reported with the assignment that ends the rebalance
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                // called at the end of every rebalance (eager and cooperative, also with nothing new)
                report(kafka);
            }
        });
        while (loop.isRunning()) {
            ConsumerLoop.Batch batch = loop.poll(kafka);
            if (batch.records() > 0) {
                // the commit is part of the batch: if it fails, the batch comes again
                loop.deliver(kafka, batch, handled -> kafka.commitSync(handled.nextOffsets()));
            }
        }
    }

    private void report(KafkaConsumer<String, byte[]> kafka) {
        try {
            Map<String, SortedSet<Integer>> held = new HashMap<>();
            for (TopicPartition partition : kafka.assignment()) {
                held.computeIfAbsent(names.logical(partition.topic()), topic -> new TreeSet<>())
                        .add(partition.partition());
            }
            Map<String, Integer> counts = new HashMap<>();
            for (String topic : topics) {
                counts.put(names.logical(topic), kafka.partitionsFor(topic).size());
            }
            assigned.accept(new ConsumerAssignment(held, counts));
        } catch (RuntimeException e) {
            log.warn("Could not report the assignment after a rebalance: {}", e.toString());
        }
    }

    private static Map<String, Object> consumerConfig(Settings settings) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.groupId() + "-" + ProcessHandle.current().pid());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        if (settings.sessionTimeout() != null) {
            config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) settings.sessionTimeout().toMillis());
            config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) settings.sessionTimeout().toMillis() / 3);
        }
        return config;
    }

    /**
     * What to consume and how.
     *
     * @param bootstrapServers Kafka bootstrap servers
     * @param groupId          the consumer group (one per read model, stable across restarts)
     * @param topics           logical topic names (see {@link TopicNames})
     * @param pollTimeout      how long one poll waits for records
     * @param maxPollRecords   the largest batch handed to the handler
     * @param minBackoff       the first wait after a handler failure; doubles up to {@code maxBackoff}
     * @param maxBackoff       the longest wait between redeliveries
     * @param sessionTimeout   how soon a dead consumer's partitions move to the others (null: Kafka's default, 45 s)
     */
    public record Settings(String bootstrapServers, String groupId, List<String> topics, Duration pollTimeout,
                           int maxPollRecords, Duration minBackoff, Duration maxBackoff, Duration sessionTimeout) {

        public Settings {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            Objects.requireNonNull(groupId, "groupId");
            topics = List.copyOf(topics);
        }

        public static Settings of(String bootstrapServers, String groupId, List<String> topics) {
            return new Settings(bootstrapServers, groupId, topics, Duration.ofMillis(500), 500,
                    Duration.ofMillis(100), Duration.ofSeconds(10), null);
        }

        public Settings withBackoff(Duration min, Duration max) {
            return new Settings(bootstrapServers, groupId, topics, pollTimeout, maxPollRecords, min, max,
                    sessionTimeout);
        }

        public Settings withMaxPollRecords(int records) {
            return new Settings(bootstrapServers, groupId, topics, pollTimeout, records, minBackoff, maxBackoff,
                    sessionTimeout);
        }

        /**
         * How long the group waits for a consumer that stopped heartbeating (its process died) before its partitions
         * go to the others; heartbeats go every third of it. At least the broker's minimum (6 s by default).
         */
        public Settings withSessionTimeout(Duration timeout) {
            return new Settings(bootstrapServers, groupId, topics, pollTimeout, maxPollRecords, minBackoff, maxBackoff,
                    timeout);
        }
    }
}
