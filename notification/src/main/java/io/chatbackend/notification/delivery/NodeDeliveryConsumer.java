package io.chatbackend.notification.delivery;

import io.chatbackend.notification.routing.Assignment;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.MalformedIntegrationEventException;
import io.chatbackend.platform.events.TopicNames;
import io.chatbackend.platform.events.consumer.IntegrationEventHandler;
import io.chatbackend.platform.events.consumer.ReceivedEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The node's consumer of the deliveries (and ephemeral) topic in the group {@code notification.node-deliveries}: the
 * same loop as the platform's integration event consumer (poll, decode, hand the batch to {@link NodeDeliveries},
 * commit; a failed batch is sought back and redelivered after a back-off), plus a rebalance listener, which that
 * consumer does not offer: after every rebalance it reports which partitions of the deliveries topic this node
 * holds, so the node can register them (tickets then name it for those users) and close the sessions of users whose
 * partition went elsewhere (ADR 0013 "N nodes").
 *
 * <p>The report is made in {@code onPartitionsAssigned}, which ends every rebalance under the eager and the
 * cooperative protocol alike (with no new partitions too), from the consumer's whole assignment at that point.
 * Revocations are not reported on their own: under the eager protocol every rebalance first revokes everything.
 */
public final class NodeDeliveryConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NodeDeliveryConsumer.class);

    private final Settings settings;
    private final TopicNames names;
    private final IntegrationEventCodec codec;
    private final IntegrationEventHandler handler;
    private final Consumer<Assignment> assigned;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile CountDownLatch stopSignal = new CountDownLatch(0);
    private Thread thread;

    /**
     * @param assigned told the node's share of the deliveries topic after each rebalance, on the consumer's thread
     */
    public NodeDeliveryConsumer(Settings settings, TopicNames names, IntegrationEventCodec codec,
                                IntegrationEventHandler handler, Consumer<Assignment> assigned) {
        this.settings = settings;
        this.names = names;
        this.codec = codec;
        this.handler = handler;
        this.assigned = assigned;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        stopSignal = new CountDownLatch(1);
        consumer = new KafkaConsumer<>(config(), new StringDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::run, "node-deliveries-" + settings.groupId());
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

    private void run() {
        Duration backoff = settings.minBackoff();
        String deliveries = names.physical(settings.deliveriesTopic());
        try (KafkaConsumer<String, byte[]> kafka = consumer) {
            kafka.subscribe(names.physical(settings.topics()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // reported with the assignment that ends the rebalance
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    report(kafka, deliveries);
                }
            });
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
                        log.error("Passing over record {}-{}@{}: not an integration event ({})", record.topic(),
                                record.partition(), record.offset(), e.getMessage());
                    }
                }
                try {
                    if (!batch.isEmpty()) {
                        handler.handleBatch(batch);
                    }
                    kafka.commitSync(nextOffsets);
                    backoff = settings.minBackoff();
                } catch (WakeupException e) {
                    throw e;
                } catch (Exception e) {
                    log.warn("Handling {} deliveries failed; redelivering them in {} ms: {}", batch.size(),
                            backoff.toMillis(), e.toString());
                    Set<TopicPartition> held = kafka.assignment();
                    firstOffsets.forEach((partition, offset) -> {
                        if (held.contains(partition)) {
                            kafka.seek(partition, offset);
                        }
                    });
                    if (stopSignal.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                    backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) <= 0
                            ? backoff.multipliedBy(2) : settings.maxBackoff();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("Node deliveries consumer woken up unexpectedly; it stops", e);
                running = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            running = false;
            log.error("Node deliveries consumer stopped on an unexpected error", e);
        }
    }

    private void report(KafkaConsumer<String, byte[]> kafka, String deliveries) {
        try {
            int count = kafka.partitionsFor(deliveries).size();
            Set<Integer> held = kafka.assignment().stream().filter(p -> p.topic().equals(deliveries))
                    .map(TopicPartition::partition).collect(Collectors.toSet());
            assigned.accept(new Assignment(count, held));
        } catch (RuntimeException e) {
            // never fail the rebalance: the node keeps consuming; its registration waits for the next rebalance
            log.warn("Could not report the node's deliveries partitions: {}", e.toString());
        }
    }

    private Map<String, Object> config() {
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

    /**
     * @param bootstrapServers Kafka bootstrap servers
     * @param groupId          the consumer group (physical name)
     * @param deliveriesTopic  the logical topic whose partitions route tickets (users' deliveries)
     * @param topics           every logical topic read in the group (the deliveries topic and co-partitioned ones)
     * @param pollTimeout      how long one poll waits
     * @param maxPollRecords   the largest batch
     * @param minBackoff       the first wait after a failed batch; doubles up to {@code maxBackoff}
     * @param maxBackoff       the longest wait between redeliveries
     */
    public record Settings(String bootstrapServers, String groupId, String deliveriesTopic, List<String> topics,
                           Duration pollTimeout, int maxPollRecords, Duration minBackoff, Duration maxBackoff) {

        public Settings {
            topics = List.copyOf(topics);
            if (!topics.contains(deliveriesTopic)) {
                throw new IllegalArgumentException("the deliveries topic must be one of the topics read");
            }
        }
    }
}
