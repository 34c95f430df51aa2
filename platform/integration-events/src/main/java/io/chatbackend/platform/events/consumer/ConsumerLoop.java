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

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@link IntegrationEventConsumer} (group) and {@link TopicTail} (no group) share, so both behave the same: a
 * {@link KafkaConsumer} owned by one thread and stopped from another with {@code wakeup()}; records decoded with the
 * tolerant codec, where one that is no integration event at all is logged, counted and passed over (it can never be
 * handled, so it must not block its partition); and a batch handed to the handler under one failure policy: on an
 * exception the consumer seeks back to the batch's first offset in each partition, backs off (doubling up to a
 * maximum, cut short by a stop) and the same records come again, so nothing is skipped.
 *
 * <p>The loop's body (subscribe or assign, then poll/deliver until stopped) is the owner's.
 */
final class ConsumerLoop {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);

    /** The owner's loop, run on the loop's thread with the consumer it owns. */
    @FunctionalInterface
    interface Body {
        void run(KafkaConsumer<String, byte[]> kafka) throws InterruptedException;
    }

    /** What the owner does once a batch was handled, still inside the failure policy (e.g. commit its offsets). */
    @FunctionalInterface
    interface AfterHandled {
        void run(Batch batch);
    }

    private final String description;
    private final String threadName;
    private final Map<String, Object> config;
    private final TopicNames names;
    private final IntegrationEventCodec codec;
    private final IntegrationEventHandler handler;
    private final Duration pollTimeout;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private Duration backoff;
    private volatile boolean running;
    private volatile Throwable lastFailure;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile CountDownLatch stopSignal = new CountDownLatch(0);
    private Thread thread;

    /**
     * @param description names the loop in logs, e.g. "group x" or "tail of [t]"
     * @param config      consumer configuration; auto commit and topic auto-creation are switched off here
     */
    ConsumerLoop(String description, String threadName, Map<String, Object> config, TopicNames names,
                 IntegrationEventCodec codec, IntegrationEventHandler handler, Duration pollTimeout,
                 Duration minBackoff, Duration maxBackoff) {
        this.description = description;
        this.threadName = threadName;
        Map<String, Object> effective = new HashMap<>(config);
        effective.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        effective.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.config = Map.copyOf(effective);
        this.names = names;
        this.codec = codec;
        this.handler = handler;
        this.pollTimeout = pollTimeout;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
        this.backoff = minBackoff;
    }

    synchronized void start(Body body) {
        if (running) {
            return;
        }
        running = true;
        stopSignal = new CountDownLatch(1);
        backoff = minBackoff;
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(() -> run(body), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops after the batch being handled: wakes a waiting poll, cuts a back-off short, waits for the thread. */
    void stop() {
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

    boolean isRunning() {
        return running;
    }

    long handledCount() {
        return handled.get();
    }

    long failureCount() {
        return failures.get();
    }

    long malformedCount() {
        return malformed.get();
    }

    Throwable lastFailure() {
        return lastFailure;
    }

    /**
     * Waits, cut short by a stop.
     *
     * @return true if the loop was asked to stop
     */
    boolean pause(Duration duration) throws InterruptedException {
        return stopSignal.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One poll, decoded; malformed records are logged, counted and left out of the events. */
    Batch poll(KafkaConsumer<String, byte[]> kafka) {
        ConsumerRecords<String, byte[]> records = kafka.poll(pollTimeout);
        Map<TopicPartition, Long> firstOffsets = new LinkedHashMap<>();
        Map<TopicPartition, OffsetAndMetadata> nextOffsets = new HashMap<>();
        List<ReceivedEvent> events = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            firstOffsets.putIfAbsent(partition, record.offset());
            nextOffsets.put(partition, new OffsetAndMetadata(record.offset() + 1));
            try {
                events.add(new ReceivedEvent(names.logical(record.topic()), record.partition(), record.offset(),
                        record.key(), codec.decode(record.value())));
            } catch (MalformedIntegrationEventException e) {
                malformed.incrementAndGet();
                log.error("Passing over record {}-{}@{}: not an integration event ({})", record.topic(),
                        record.partition(), record.offset(), e.getMessage());
            }
        }
        return new Batch(records.count(), events, firstOffsets, nextOffsets);
    }

    /**
     * Hands the batch's events (if any) to the handler, then runs {@code afterHandled}. If either throws, the
     * consumer is sought back to the batch's first offsets and the loop backs off before the next poll.
     *
     * @return true if the batch was handled; false if it will come again
     */
    boolean deliver(KafkaConsumer<String, byte[]> kafka, Batch batch, AfterHandled afterHandled)
            throws InterruptedException {
        try {
            if (!batch.events().isEmpty()) {
                handler.handleBatch(batch.events());
            }
            afterHandled.run(batch);
            handled.addAndGet(batch.events().size());
            backoff = minBackoff;
            return true;
        } catch (WakeupException e) {
            throw e;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            failures.incrementAndGet();
            lastFailure = e;
            log.warn("Handling {} events of {} failed; redelivering them in {} ms: {}", batch.events().size(),
                    description, backoff.toMillis(), e.toString());
            Set<TopicPartition> assigned = kafka.assignment();
            batch.firstOffsets().forEach((partition, offset) -> {
                if (assigned.contains(partition)) {
                    kafka.seek(partition, offset);
                }
            });
            pause(backoff);
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) <= 0 ? backoff.multipliedBy(2) : maxBackoff;
            return false;
        }
    }

    private void run(Body body) {
        try (KafkaConsumer<String, byte[]> kafka = consumer) {
            body.run(kafka);
        } catch (WakeupException e) {
            if (running) {
                log.error("Consumer of {} woken up unexpectedly; it stops", description, e);
                running = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            lastFailure = e;
            running = false;
            log.error("Consumer of {} stopped on an unexpected error", description, e);
        }
    }

    /**
     * The records of one poll.
     *
     * @param records      how many records the poll returned (malformed ones included)
     * @param events       the decoded events, in partition order
     * @param firstOffsets per partition, the first offset of the poll (where a redelivery starts)
     * @param nextOffsets  per partition, the offset after the poll's last record (what a group commits)
     */
    record Batch(int records, List<ReceivedEvent> events, Map<TopicPartition, Long> firstOffsets,
                 Map<TopicPartition, OffsetAndMetadata> nextOffsets) {
    }
}
