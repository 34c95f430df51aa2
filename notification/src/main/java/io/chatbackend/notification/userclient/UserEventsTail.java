package io.chatbackend.notification.userclient;

import io.chatbackend.platform.events.IntegrationEvent;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.MalformedIntegrationEventException;
import io.chatbackend.platform.events.TopicNames;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows user-client's user topic on every node, from its end at start (no consumer group: every node needs every
 * event, since a user's sessions and presence subscribers may be on any node; what happened before the node started
 * concerns no session of it). Events go to a handler on this reader's thread; it must not block.
 */
public final class UserEventsTail implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UserEventsTail.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;
    private final String topic;
    private final IntegrationEventCodec codec;
    private final Consumer<IntegrationEvent> handler;
    private volatile boolean running;
    private volatile boolean positioned;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public UserEventsTail(String bootstrapServers, TopicNames names, String logicalTopic, IntegrationEventCodec codec,
                          Consumer<IntegrationEvent> handler) {
        this.bootstrapServers = bootstrapServers;
        this.topic = names.physical(logicalTopic);
        this.codec = codec;
        this.handler = handler;
    }

    /** True once the reader is at the topic's end: every later event reaches the handler. */
    public boolean positioned() {
        return positioned;
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
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "notification-user-events-" + ProcessHandle.current().pid());
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::run, "user-events-tail");
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

    private void run() {
        try (KafkaConsumer<String, byte[]> kafka = consumer) {
            List<TopicPartition> partitions = awaitTopic(kafka);
            if (partitions == null) {
                return;
            }
            kafka.assign(partitions);
            kafka.seekToEnd(partitions);
            partitions.forEach(kafka::position); // resolve the end now, so "positioned" means it
            positioned = true;
            while (running) {
                for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
                    try {
                        handler.accept(codec.decode(record.value()));
                    } catch (MalformedIntegrationEventException e) {
                        log.error("Passing over {}-{}@{}: not an integration event ({})", record.topic(),
                                record.partition(), record.offset(), e.getMessage());
                    } catch (RuntimeException e) {
                        log.warn("Handling {}-{}@{} failed", record.topic(), record.partition(), record.offset(), e);
                    }
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            log.error("User events tail of {} stopped", topic, e);
            running = false;
        }
    }

    private List<TopicPartition> awaitTopic(KafkaConsumer<String, byte[]> kafka) {
        while (running) {
            List<PartitionInfo> infos = kafka.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            }
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
