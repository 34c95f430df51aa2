package io.chatbackend.platform.events;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes integration events to Kafka with one idempotent producer ({@code enable.idempotence=true},
 * {@code acks=all}, at most 5 requests in flight): the broker accepts a producer's batches for a partition only in
 * sequence, so its own retries neither duplicate nor reorder, and a later record of a key is never written without
 * the earlier ones. Every send ends, acknowledged or failed, within {@code delivery.timeout.ms}.
 *
 * <p>The record key is chosen by the producer side (a dialog id or a user id) and fixes the partition, hence the
 * order consumers see. Each record carries a {@code type} header with the event type, so consumers can filter
 * without parsing. Topic names are logical and go through {@link TopicNames}.
 *
 * <p>Thread-safe; one instance per application.
 */
public final class IntegrationEventPublisher implements AutoCloseable {

    /** The header that carries {@link IntegrationEvent#type()}. */
    public static final String TYPE_HEADER = "type";

    private final KafkaProducer<String, byte[]> producer;
    private final TopicNames topics;
    private final IntegrationEventCodec codec;
    private final Duration completionDeadline;

    public IntegrationEventPublisher(Settings settings, TopicNames topics, IntegrationEventCodec codec) {
        this.producer = new KafkaProducer<>(settings.producerConfig(), new StringSerializer(),
                new ByteArraySerializer());
        this.topics = topics;
        this.codec = codec;
        // the producer itself ends every send within delivery.timeout (+ max.block for metadata); this is a safety net
        this.completionDeadline = settings.deliveryTimeout().plus(settings.maxBlock()).plusSeconds(5);
    }

    /**
     * Sends one event; the future completes when the broker acknowledged it (all in-sync replicas) or fails when it
     * could not be written within the delivery timeout.
     */
    public CompletableFuture<Void> publish(String topic, String key, IntegrationEvent event) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics.physical(topic), key,
                    codec.encode(event));
            record.headers().add(TYPE_HEADER, event.type().getBytes(StandardCharsets.UTF_8));
            producer.send(record, (metadata, exception) -> {
                if (exception == null) {
                    acknowledged.complete(null);
                } else {
                    acknowledged.completeExceptionally(exception);
                }
            });
        } catch (RuntimeException e) {
            // send() itself throws when metadata cannot be had within max.block.ms, or after close
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }

    public CompletableFuture<Void> publish(OutgoingEvent event) {
        return publish(event.topic(), event.key(), event.event());
    }

    /**
     * Sends all events in list order and blocks until every one of them is acknowledged.
     *
     * <p>On failure it still waits until every send it started has ended, so nothing of this call is left in flight
     * when it throws, and reports how many events at the head of the list were acknowledged: a caller that retries
     * from there repeats at most what followed (at least once, same event ids), never skips. A send that fails at
     * once (no metadata within {@code max.block.ms}, as when the cluster is unreachable) stops the call from starting
     * the rest, so a failed batch ends within about one block timeout instead of one per event.
     *
     * @throws PublishFailedException if any event was not acknowledged
     */
    public void publishAll(List<OutgoingEvent> events) {
        List<CompletableFuture<Void>> sends = new ArrayList<>(events.size());
        for (OutgoingEvent event : events) {
            CompletableFuture<Void> send = publish(event);
            sends.add(send);
            if (send.isCompletedExceptionally()) {
                break;
            }
        }
        awaitAll(sends, events.size());
    }

    /**
     * Waits for sends started earlier (e.g. by {@link #publish}) and fails like {@link #publishAll} if any of them
     * was not acknowledged.
     */
    public void awaitAll(List<CompletableFuture<Void>> sends) {
        awaitAll(sends, sends.size());
    }

    private void awaitAll(List<CompletableFuture<Void>> sends, int batchSize) {
        long deadline = System.nanoTime() + completionDeadline.toNanos();
        int acknowledgedPrefix = -1;
        Throwable firstFailure = null;
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                firstFailure = firstFailure == null ? e.getCause() : firstFailure;
            } catch (TimeoutException e) {
                firstFailure = firstFailure == null ? e : firstFailure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishFailedException(acknowledgedPrefix < 0 ? i : acknowledgedPrefix, batchSize, e);
            }
            if (firstFailure != null && acknowledgedPrefix < 0) {
                acknowledgedPrefix = i;
            }
        }
        if (firstFailure != null) {
            throw new PublishFailedException(acknowledgedPrefix, batchSize, firstFailure);
        }
        if (sends.size() < batchSize) {
            throw new PublishFailedException(sends.size(), batchSize, new IllegalStateException("not all sent"));
        }
    }

    /**
     * How many partitions a topic has, as this producer's metadata knows it (fetched once, then refreshed with the
     * producer's metadata): what the default partitioner divides a key's hash by, for a caller that groups records
     * by the partition their keys land on.
     */
    public int partitionCount(String topic) {
        return producer.partitionsFor(topics.physical(topic)).size();
    }

    public TopicNames topicNames() {
        return topics;
    }

    public IntegrationEventCodec codec() {
        return codec;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    /**
     * How the producer connects and how long a send may take.
     *
     * @param bootstrapServers Kafka bootstrap servers
     * @param clientId         the producer's client id (shows in broker logs and metrics)
     * @param deliveryTimeout  upper bound for one send, retries included ({@code delivery.timeout.ms})
     * @param linger           how long a send may wait to be batched with others ({@code linger.ms})
     * @param maxBlock         how long {@code send} may block for metadata or buffer space ({@code max.block.ms})
     */
    public record Settings(String bootstrapServers, String clientId, Duration deliveryTimeout, Duration linger,
                           Duration maxBlock) {

        public static Settings defaults(String bootstrapServers, String clientId) {
            return new Settings(bootstrapServers, clientId, Duration.ofSeconds(30), Duration.ofMillis(5),
                    Duration.ofSeconds(10));
        }

        public Settings withDeliveryTimeout(Duration timeout) {
            return new Settings(bootstrapServers, clientId, timeout, linger, maxBlock);
        }

        public Settings withMaxBlock(Duration block) {
            return new Settings(bootstrapServers, clientId, deliveryTimeout, linger, block);
        }

        public Map<String, Object> producerConfig() {
            Map<String, Object> config = new HashMap<>();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
            config.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE); // bounded by the delivery timeout
            long lingerMs = linger.toMillis();
            long deliveryMs = deliveryTimeout.toMillis();
            config.put(ProducerConfig.LINGER_MS_CONFIG, (int) lingerMs);
            // Kafka requires delivery.timeout >= linger + request.timeout
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, Math.min(30_000, deliveryMs - lingerMs)));
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryMs);
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlock.toMillis());
            config.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 100);
            config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
            // a burst (notification's fan-out writes one record per recipient: 10,000 for a message to a large group)
            // goes out in few large compressed requests instead of hundreds of 16 KiB ones, each a round trip under
            // acks=all; a single event still leaves after linger.ms, batch size only caps what may wait together
            config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
            config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            return config;
        }
    }
}
