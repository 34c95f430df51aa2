package io.chatbackend.platform.events.consumer;

import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.TopicNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Follows topics without a consumer group: every instance reads every partition (manual assignment, nothing
 * committed), from the beginning (to rebuild in-memory state from a topic kept forever, then stay current) or from
 * the end (only what happens from now on). For state that each instance must hold whole, where a group would split
 * the partitions between instances.
 *
 * <p>Events go to an {@link IntegrationEventHandler} on the tail's own thread, under the same policy as
 * {@link IntegrationEventConsumer}: decoding is tolerant, a record that is no integration event at all is logged
 * and passed over, and a handler exception seeks back to the batch's first offsets, backs off (doubling up to
 * {@code maxBackoff}) and delivers the same events again. Handlers must be idempotent.
 *
 * <p>{@link #awaitCaughtUp} answers "has everything the topics hold right now been applied?": it reads the end
 * offsets at the moment of the call and waits until the tail's position (the next offset it will hand over, moved
 * only after a batch was handled) has reached them in every partition. A caller that needs the tail's state to
 * include whatever was published before some event of its own (e.g. membership before a message) calls it first.
 *
 * <p>Topics that do not exist yet are waited for (their owner creates them). Partitions added while the tail runs
 * are not picked up before a restart. Started and stopped as a Spring {@link SmartLifecycle}, or by hand; a stop
 * wakes the poll and cuts a back-off short.
 */
public final class TopicTail implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopicTail.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TOPIC_RETRY = Duration.ofSeconds(1);

    /** Where a tail starts reading when it is started. */
    public enum StartAt {
        /** The oldest record kept: the tail rebuilds from the whole topic. */
        BEGINNING,
        /** The end at start: only records published afterwards reach the handler. */
        END
    }

    private final Settings settings;
    private final List<String> topics;
    private final Admin admin;
    private final ConsumerLoop loop;
    private final Object progress = new Object();
    /** Guarded by {@code progress}: assigned partitions, null until assigned. */
    private List<TopicPartition> partitions;
    /** Guarded by {@code progress}: the next offset to hand over, per partition, after the last handled batch. */
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    /** Guarded by {@code progress}: the end offsets when the tail was positioned. */
    private Map<TopicPartition, Long> startEnds = Map.of();
    private volatile boolean positioned;
    private volatile boolean caughtUpWithStart;

    /**
     * @param settings what to read and how
     * @param names    turns the logical topic names into Kafka's
     * @param codec    the tolerant envelope codec
     * @param admin    used only to read end offsets for {@link #awaitCaughtUp}; not closed by the tail
     * @param handler  gets the decoded events on the tail's thread
     */
    public TopicTail(Settings settings, TopicNames names, IntegrationEventCodec codec, Admin admin,
                     IntegrationEventHandler handler) {
        this.settings = settings;
        this.topics = names.physical(settings.topics());
        this.admin = Objects.requireNonNull(admin, "admin");
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.name() + "-" + ProcessHandle.current().pid());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        this.loop = new ConsumerLoop("tail " + settings.name() + " of " + topics, "topic-tail-" + settings.name(),
                config, names, codec, handler, settings.pollTimeout(), settings.minBackoff(), settings.maxBackoff());
    }

    @Override
    public void start() {
        loop.start(this::run);
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    /** True once every partition is assigned and at its starting position: every later record reaches the handler. */
    public boolean positioned() {
        return positioned;
    }

    /**
     * True once everything the topics held when the tail was positioned has been handled (for {@link StartAt#END}
     * as soon as it is positioned): e.g. state rebuilt from the beginning is complete.
     */
    public boolean caughtUpWithStart() {
        return caughtUpWithStart;
    }

    /**
     * Waits until the handler has been given everything the topics hold at the moment of this call (their end
     * offsets now), waiting for the tail to be positioned first if it is not yet.
     *
     * @return false if that did not happen within {@code timeout}
     * @throws IllegalStateException if the end offsets cannot be read
     */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TopicPartition> assigned = awaitPositioned(deadline);
        if (assigned == null) {
            return false;
        }
        Map<TopicPartition, Long> ends = endOffsets(assigned, deadline);
        if (ends == null) {
            return false;
        }
        synchronized (progress) {
            while (!reached(ends)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
        }
        return true;
    }

    /** Events handed to the handler so far. */
    public long handledCount() {
        return loop.handledCount();
    }

    /** Handler failures so far (each followed by redelivery). */
    public long failureCount() {
        return loop.failureCount();
    }

    /** Records that were no integration event and were passed over. */
    public long malformedCount() {
        return loop.malformedCount();
    }

    private List<TopicPartition> awaitPositioned(long deadline) throws InterruptedException {
        synchronized (progress) {
            while (partitions == null || !positioned) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
            return partitions;
        }
    }

    private Map<TopicPartition, Long> endOffsets(List<TopicPartition> assigned, long deadline)
            throws InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        assigned.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        try {
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer = admin.listOffsets(latest).all()
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            Map<TopicPartition, Long> ends = new HashMap<>();
            answer.forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        } catch (java.util.concurrent.TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("end offsets of " + topics + " unavailable: " + e.getCause(), e);
        }
    }

    /** Guarded by {@code progress}. */
    private boolean reached(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (positions.getOrDefault(end.getKey(), 0L) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void run(KafkaConsumer<String, byte[]> kafka) throws InterruptedException {
        synchronized (progress) {
            partitions = null;
            positions.clear();
            positioned = false;
            caughtUpWithStart = false;
        }
        List<TopicPartition> assigned = awaitTopics(kafka);
        if (assigned == null) {
            return;
        }
        long started = System.nanoTime();
        kafka.assign(assigned);
        if (settings.startAt() == StartAt.BEGINNING) {
            kafka.seekToBeginning(assigned);
        } else {
            kafka.seekToEnd(assigned);
        }
        // seeks are lazy: resolving the positions now makes "positioned" true to its word
        Map<TopicPartition, Long> at = positionsOf(kafka, assigned);
        Map<TopicPartition, Long> ends = settings.startAt() == StartAt.BEGINNING
                ? kafka.endOffsets(assigned, METADATA_TIMEOUT) : at;
        synchronized (progress) {
            partitions = assigned;
            startEnds = Map.copyOf(ends);
            positioned = true;
        }
        advance(at, started);
        while (loop.isRunning()) {
            ConsumerLoop.Batch batch = loop.poll(kafka);
            if (loop.deliver(kafka, batch, handled -> { })) {
                advance(positionsOf(kafka, assigned), started);
            }
        }
    }

    private void advance(Map<TopicPartition, Long> handledUpTo, long started) {
        synchronized (progress) {
            positions.putAll(handledUpTo);
            if (!caughtUpWithStart && reached(startEnds)) {
                caughtUpWithStart = true;
                log.info("Tail {} of {} caught up with the {} records held at start in {} ms", settings.name(),
                        topics, startEnds.values().stream().mapToLong(Long::longValue).sum(),
                        Duration.ofNanos(System.nanoTime() - started).toMillis());
            }
            progress.notifyAll();
        }
    }

    private static Map<TopicPartition, Long> positionsOf(KafkaConsumer<String, byte[]> kafka,
                                                         List<TopicPartition> assigned) {
        Map<TopicPartition, Long> at = new HashMap<>();
        for (TopicPartition partition : assigned) {
            at.put(partition, kafka.position(partition, METADATA_TIMEOUT));
        }
        return at;
    }

    /** Every partition of every topic, waiting while one does not exist yet; null if stopped meanwhile. */
    private List<TopicPartition> awaitTopics(KafkaConsumer<String, byte[]> kafka) throws InterruptedException {
        while (loop.isRunning()) {
            List<TopicPartition> found = new ArrayList<>();
            String missing = null;
            for (String topic : topics) {
                List<PartitionInfo> infos;
                try {
                    infos = kafka.partitionsFor(topic, METADATA_TIMEOUT);
                } catch (TimeoutException e) {
                    infos = null;
                    log.warn("Tail {}: no metadata for {} yet ({})", settings.name(), topic, e.getMessage());
                }
                if (infos == null || infos.isEmpty()) {
                    missing = topic;
                    break;
                }
                infos.stream().sorted(Comparator.comparingInt(PartitionInfo::partition))
                        .forEach(info -> found.add(new TopicPartition(info.topic(), info.partition())));
            }
            if (missing == null) {
                return List.copyOf(found);
            }
            log.info("Tail {}: waiting for topic {}", settings.name(), missing);
            if (loop.pause(TOPIC_RETRY)) {
                return null;
            }
        }
        return null;
    }

    /**
     * What to follow and how.
     *
     * @param bootstrapServers Kafka bootstrap servers
     * @param name             names the tail's thread, client id and log lines (no group is formed from it)
     * @param topics           logical topic names (see {@link TopicNames})
     * @param startAt          where reading starts at every start
     * @param pollTimeout      how long one poll waits for records (also bounds how late a stop is noticed)
     * @param maxPollRecords   the largest batch handed to the handler
     * @param minBackoff       the first wait after a handler failure; doubles up to {@code maxBackoff}
     * @param maxBackoff       the longest wait between redeliveries
     */
    public record Settings(String bootstrapServers, String name, List<String> topics, StartAt startAt,
                           Duration pollTimeout, int maxPollRecords, Duration minBackoff, Duration maxBackoff) {

        public Settings {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(startAt, "startAt");
            topics = List.copyOf(topics);
            if (topics.isEmpty()) {
                throw new IllegalArgumentException("a tail needs at least one topic");
            }
        }

        /** Polls of 200 ms, batches of up to 500, back-off from 100 ms doubling to 10 s. */
        public static Settings of(String bootstrapServers, String name, List<String> topics, StartAt startAt) {
            return new Settings(bootstrapServers, name, topics, startAt, Duration.ofMillis(200), 500,
                    Duration.ofMillis(100), Duration.ofSeconds(10));
        }

        public Settings withBackoff(Duration min, Duration max) {
            return new Settings(bootstrapServers, name, topics, startAt, pollTimeout, maxPollRecords, min, max);
        }

        public Settings withMaxPollRecords(int records) {
            return new Settings(bootstrapServers, name, topics, startAt, pollTimeout, records, minBackoff,
                    maxBackoff);
        }
    }
}
