package io.chatbackend.platform.events.consumer;

import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.MalformedIntegrationEventException;
import io.chatbackend.platform.events.TopicNames;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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

    private final Settings settings;
    private final TopicNames names;
    private final IntegrationEventCodec codec;
    private final IntegrationEventHandler handler;
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private volatile boolean running;
    private volatile Throwable lastFailure;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile CountDownLatch stopSignal = new CountDownLatch(0);
    private Thread thread;

    public IntegrationEventConsumer(Settings settings, TopicNames names, IntegrationEventCodec codec,
                                    IntegrationEventHandler handler) {
        this.settings = settings;
        this.names = names;
        this.codec = codec;
        this.handler = handler;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        stopSignal = new CountDownLatch(1);
        consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::run, "integration-consumer-" + settings.groupId());
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops after the batch being handled (its commit may be lost: it is then redelivered). */
    @Override
    public void stop() {
        Thread loop;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            loop = thread;
        }
        stopSignal.countDown();
        consumer.wakeup();
        try {
            loop.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Events handled and committed so far. */
    public long handledCount() {
        return handled.get();
    }

    /** Handler or commit failures so far (each followed by redelivery). */
    public long failureCount() {
        return failures.get();
    }

    /** Records that were no integration event and were passed over. */
    public long malformedCount() {
        return malformed.get();
    }

    public Throwable lastFailure() {
        return lastFailure;
    }

    private void run() {
        Duration backoff = settings.minBackoff();
        try (KafkaConsumer<String, byte[]> kafka = consumer) {
            kafka.subscribe(names.physical(settings.topics()));
            while (running) {
                ConsumerRecords<String, byte[]> records = kafka.poll(settings.pollTimeout());
                if (records.isEmpty()) {
                    continue;
                }
                Map<TopicPartition, Long> firstOffsets = new LinkedHashMap<>();
                Map<TopicPartition, OffsetAndMetadata> nextOffsets = new HashMap<>();
                List<ReceivedEvent> batch = new ArrayList<>(records.count());
                for (ConsumerRecord<String, byte[]> record : records) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    firstOffsets.putIfAbsent(partition, record.offset());
                    nextOffsets.put(partition, new OffsetAndMetadata(record.offset() + 1));
                    try {
                        batch.add(new ReceivedEvent(names.logical(record.topic()), record.partition(),
                                record.offset(), record.key(), codec.decode(record.value())));
                    } catch (MalformedIntegrationEventException e) {
                        malformed.incrementAndGet();
                        log.error("Passing over record {}-{}@{}: not an integration event ({})", record.topic(),
                                record.partition(), record.offset(), e.getMessage());
                    }
                }
                try {
                    if (!batch.isEmpty()) {
                        handler.handleBatch(batch);
                    }
                    kafka.commitSync(nextOffsets);
                    handled.addAndGet(batch.size());
                    backoff = settings.minBackoff();
                } catch (WakeupException e) {
                    throw e;
                } catch (Exception e) {
                    failures.incrementAndGet();
                    lastFailure = e;
                    log.warn("Handling {} events of group {} failed; redelivering them in {} ms: {}", batch.size(),
                            settings.groupId(), backoff.toMillis(), e.toString());
                    Set<TopicPartition> assigned = kafka.assignment();
                    firstOffsets.forEach((partition, offset) -> {
                        if (assigned.contains(partition)) {
                            kafka.seek(partition, offset);
                        }
                    });
                    if (stopSignal.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                    backoff = min(backoff.multipliedBy(2), settings.maxBackoff());
                }
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("Consumer of group {} woken up unexpectedly; it stops", settings.groupId(), e);
                running = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            lastFailure = e;
            running = false;
            log.error("Consumer of group {} stopped on an unexpected error", settings.groupId(), e);
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.groupId() + "-" + ProcessHandle.current().pid());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        return config;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
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
     */
    public record Settings(String bootstrapServers, String groupId, List<String> topics, Duration pollTimeout,
                           int maxPollRecords, Duration minBackoff, Duration maxBackoff) {

        public Settings {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            Objects.requireNonNull(groupId, "groupId");
            topics = List.copyOf(topics);
        }

        public static Settings of(String bootstrapServers, String groupId, List<String> topics) {
            return new Settings(bootstrapServers, groupId, topics, Duration.ofMillis(500), 500,
                    Duration.ofMillis(100), Duration.ofSeconds(10));
        }

        public Settings withBackoff(Duration min, Duration max) {
            return new Settings(bootstrapServers, groupId, topics, pollTimeout, maxPollRecords, min, max);
        }

        public Settings withMaxPollRecords(int records) {
            return new Settings(bootstrapServers, groupId, topics, pollTimeout, records, minBackoff, maxBackoff);
        }
    }
}
