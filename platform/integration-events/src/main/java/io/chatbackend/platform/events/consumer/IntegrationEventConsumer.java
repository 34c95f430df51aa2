package io.chatbackend.platform.events.consumer;

import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.TopicNames;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
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
 * then commit the handled offsets ({@code enable.auto.commit=false}): at most once a second while records keep
 * coming, at once when a poll finds none, before partitions are revoked and when the consumer stops
 * ({@link PendingOffsets}). Nothing is committed before it is handled, so nothing is lost; if the handler throws,
 * the consumer seeks back to the first record of the batch in each partition, backs off (doubling up to
 * {@code maxBackoff}) and delivers the same records again, so nothing is skipped. A crash redelivers what was
 * handled since the last commit: handlers are idempotent.
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
    /** How often a busy consumer commits: each commit is a broker request and a write to its offsets topic. */
    static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);
    /**
     * How long a group waits for a member that stopped heartbeating before its partitions move (Kafka's default
     * before 3.0; 45 s since): a context restarted after a crash gets its partitions back within this, and until
     * then its read models and reactions stand still. Heartbeats come from the client's own thread, so a slow
     * handler never trips it ({@code max.poll.interval.ms} covers that).
     */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);

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

    /** Events handled so far (their offsets committed within {@link #COMMIT_INTERVAL}, or at a stop). */
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
        PendingOffsets pending = new PendingOffsets(COMMIT_INTERVAL, System::nanoTime);
        kafka.subscribe(topics, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                // what was handled of them is committed before they go (the assignment is reported at the end)
                commitQuietly(kafka, pending.drain(partitions));
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                // called at the end of every rebalance (eager and cooperative, also with nothing new)
                report(kafka);
            }
        });
        try {
            while (loop.isRunning()) {
                ConsumerLoop.Batch batch = loop.poll(kafka);
                if (batch.records() > 0) {
                    // a failed commit fails the batch: it comes again (the earlier batches' offsets are dropped)
                    loop.deliver(kafka, batch, handled -> {
                        pending.add(handled.nextOffsets());
                        if (pending.due()) {
                            kafka.commitSync(pending.drainAll());
                        }
                    });
                } else if (!pending.isEmpty()) {
                    commitQuietly(kafka, pending.drainAll()); // nothing came: the consumer is idle, commit now
                }
            }
        } finally {
            commitQuietly(kafka, pending.drainAll());
        }
    }

    /** Commits when idle, on a revocation or at a stop; a failure only means those events are delivered again. */
    private void commitQuietly(KafkaConsumer<String, byte[]> kafka, Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                kafka.commitSync(offsets);
                return;
            } catch (WakeupException e) {
                // a stop's wake-up not yet spent by a poll: the second attempt goes through
            } catch (RuntimeException e) {
                log.warn("Could not commit {} partitions' offsets (they are delivered again): {}", offsets.size(),
                        e.toString());
                return;
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
     * @param sessionTimeout   how soon a dead consumer's partitions move to the others ({@link #DEFAULT_SESSION_TIMEOUT}
     *                         unless set; null: Kafka's own default, 45 s)
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
                    Duration.ofMillis(100), Duration.ofSeconds(10), DEFAULT_SESSION_TIMEOUT);
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
