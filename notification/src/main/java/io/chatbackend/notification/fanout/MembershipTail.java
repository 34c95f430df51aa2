package io.chatbackend.notification.fanout;

import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.MalformedIntegrationEventException;
import io.chatbackend.platform.events.TopicNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keeps a {@link MembershipView} current from dialog-domain's dialog topic: reads every partition from the
 * beginning at start (the topic is kept forever, so this rebuilds the view) and then follows it.
 *
 * <p>Every fan-out instance needs every dialog's members, so this reader uses no consumer group (manual
 * assignment, nothing committed), unlike {@code IntegrationEventConsumer}, whose group would split the partitions
 * between instances.
 *
 * <p>{@link #awaitCaughtUp} is what keeps membership ahead of messages: the fan-out calls it before a batch of
 * messages and waits until this reader has applied everything the topic held at that moment.
 */
public final class MembershipTail implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MembershipTail.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;
    private final String topic;
    private final IntegrationEventCodec codec;
    private final MembershipView view;
    private final Admin admin;
    private final Object progress = new Object();
    /** Next offset to read, per partition (guarded by {@code progress}). */
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private volatile List<TopicPartition> partitions;
    private volatile Map<TopicPartition, Long> startEnds;
    private volatile boolean replayed;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    /**
     * @param logicalTopic the dialog topic, without test prefix
     */
    public MembershipTail(String bootstrapServers, TopicNames names, String logicalTopic, IntegrationEventCodec codec,
                          MembershipView view, Admin admin) {
        this.bootstrapServers = bootstrapServers;
        this.topic = names.physical(logicalTopic);
        this.codec = codec;
        this.view = view;
        this.admin = admin;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "notification-membership-" + ProcessHandle.current().pid());
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::run, "membership-tail");
        thread.setDaemon(true);
        thread.start();
    }

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
        consumer.wakeup();
        try {
            loop.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before the consumers that depend on the view. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }

    /** True once everything the topic held at start has been applied (the view is rebuilt). */
    public boolean replayed() {
        return replayed;
    }

    /**
     * Waits until everything the topic holds now has been applied.
     *
     * @return false if that did not happen within {@code timeout}
     */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        List<TopicPartition> assigned = partitions;
        if (assigned == null) {
            return awaitAssigned(timeout) && awaitCaughtUp(timeout);
        }
        Map<TopicPartition, Long> ends = endOffsets(assigned, timeout);
        return awaitPositions(ends, System.nanoTime() + timeout.toNanos());
    }

    private boolean awaitAssigned(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (partitions == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
        }
        return true;
    }

    private boolean awaitPositions(Map<TopicPartition, Long> ends, long deadline) throws InterruptedException {
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

    private boolean reached(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (positions.getOrDefault(end.getKey(), 0L) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Map<TopicPartition, Long> endOffsets(List<TopicPartition> assigned, Duration timeout)
            throws InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        assigned.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        try {
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer = admin.listOffsets(latest).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> ends = new HashMap<>();
            answer.forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("end offsets of " + topic + " unavailable: " + e, e);
        }
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> kafka = consumer) {
            List<TopicPartition> assigned = awaitTopic(kafka);
            if (assigned == null) {
                return;
            }
            kafka.assign(assigned);
            kafka.seekToBeginning(assigned);
            startEnds = kafka.endOffsets(assigned, Duration.ofSeconds(30));
            long started = System.nanoTime();
            synchronized (progress) {
                partitions = assigned;
                progress.notifyAll();
            }
            while (running) {
                int applied = 0;
                for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
                    try {
                        view.apply(codec.decode(record.value()));
                        applied++;
                    } catch (MalformedIntegrationEventException e) {
                        log.error("Passing over {}-{}@{}: not an integration event ({})", record.topic(),
                                record.partition(), record.offset(), e.getMessage());
                    }
                }
                synchronized (progress) {
                    for (TopicPartition partition : assigned) {
                        positions.put(partition, kafka.position(partition));
                    }
                    if (!replayed && reached(startEnds)) {
                        replayed = true;
                        log.info("Membership view rebuilt from {} in {} ms ({} dialogs)", topic,
                                Duration.ofNanos(System.nanoTime() - started).toMillis(), view.dialogs());
                    }
                    progress.notifyAll();
                }
                if (applied > 0) {
                    log.debug("Membership view: {} events applied", applied);
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            log.error("Membership tail of {} stopped", topic, e);
            running = false;
        }
    }

    /** The topic's partitions, waiting while it does not exist yet (its owner creates it). */
    private List<TopicPartition> awaitTopic(KafkaConsumer<String, byte[]> kafka) {
        while (running) {
            List<PartitionInfo> infos = kafka.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            }
            log.info("Waiting for topic {}", topic);
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }
}
