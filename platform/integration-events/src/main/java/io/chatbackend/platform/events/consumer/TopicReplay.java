package io.chatbackend.platform.events.consumer;

import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.MalformedIntegrationEventException;
import io.chatbackend.platform.events.TopicNames;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads topics from their beginning up to the end offsets captured when the replay starts, partition by partition,
 * and feeds every event to a handler: the source of a read-model rebuild. Events published after the start are
 * left for the live consumer, so a replay always ends. It uses no consumer group (manual assignment, nothing
 * committed), so it never disturbs the live consumers.
 *
 * <p>Order is per partition, which is all Kafka promises and all a key-ordered read model needs. A handler failure
 * ends the replay with that exception (a rebuild is started again, not half-resumed).
 */
public final class TopicReplay {

    private static final Logger log = LoggerFactory.getLogger(TopicReplay.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final TopicNames names;
    private final IntegrationEventCodec codec;

    public TopicReplay(String bootstrapServers, TopicNames names, IntegrationEventCodec codec) {
        this.bootstrapServers = bootstrapServers;
        this.names = names;
        this.codec = codec;
    }

    /**
     * Replays the given logical topics into the handler.
     *
     * @param progress told {@code (done, total)} records after each batch, and once at the start with {@code done=0}
     * @return what was read
     * @throws Exception whatever the handler threw
     */
    public Result replay(List<String> topics, IntegrationEventHandler handler, Progress progress) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "topic-replay-" + ProcessHandle.current().pid());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(names.physical(topic), METADATA_TIMEOUT);
                if (infos == null || infos.isEmpty()) {
                    log.info("Replay: topic {} does not exist (yet); nothing to read from it", topic);
                    continue;
                }
                infos.stream().sorted(Comparator.comparingInt(PartitionInfo::partition))
                        .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, METADATA_TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, METADATA_TIMEOUT);
            long total = 0;
            for (TopicPartition partition : partitions) {
                total += end.get(partition) - begin.get(partition);
            }
            progress.onProgress(0, total);
            long done = 0;
            long events = 0;
            long malformed = 0;
            for (TopicPartition partition : partitions) {
                long from = begin.get(partition);
                long to = end.get(partition);
                if (to <= from) {
                    continue;
                }
                consumer.assign(List.of(partition));
                consumer.seek(partition, from);
                long position = from;
                while (position < to) {
                    List<ReceivedEvent> batch = new ArrayList<>();
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))
                            .records(partition)) {
                        if (record.offset() >= to) {
                            break; // published after the replay started: the live consumer's part
                        }
                        try {
                            batch.add(new ReceivedEvent(names.logical(record.topic()), record.partition(),
                                    record.offset(), record.key(), codec.decode(record.value())));
                        } catch (MalformedIntegrationEventException e) {
                            malformed++;
                            log.error("Replay passes over {}@{}: not an integration event ({})", partition,
                                    record.offset(), e.getMessage());
                        }
                    }
                    if (!batch.isEmpty()) {
                        handler.handleBatch(batch);
                        events += batch.size();
                    }
                    long reached = Math.min(consumer.position(partition), to);
                    if (reached != position) {
                        done += reached - position;
                        position = reached;
                        progress.onProgress(done, total);
                    }
                }
            }
            return new Result(total, events, malformed);
        }
    }

    /** Told how far a replay is. */
    @FunctionalInterface
    public interface Progress {

        Progress NONE = (done, total) -> {
        };

        /** {@code done} of {@code total} records (offsets) read so far. */
        void onProgress(long done, long total);
    }

    /**
     * @param records   offsets read (the sum of end minus beginning over all partitions)
     * @param events    events handed to the handler
     * @param malformed records passed over because they were no integration event
     */
    public record Result(long records, long events, long malformed) {
    }
}
