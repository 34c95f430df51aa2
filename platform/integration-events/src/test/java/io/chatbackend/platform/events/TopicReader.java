package io.chatbackend.platform.events;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a whole topic with a plain consumer (no group), independent of the code under test. */
final class TopicReader {

    private TopicReader() {
    }

    /**
     * Reads from the beginning until at least {@code expected} records arrived (or the timeout), then keeps reading
     * for {@code settle} to catch any duplicates that follow.
     */
    static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers, String physicalTopic, int expected,
                                                        Duration timeout, Duration settle) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                List<PartitionInfo> infos = consumer.partitionsFor(physicalTopic, Duration.ofSeconds(10));
                infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            long settleUntil = System.nanoTime() + settle.toNanos();
            while (System.nanoTime() < settleUntil) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }

    /** Reads from the beginning, again and again, until the records read satisfy {@code done} (or the timeout). */
    static List<ConsumerRecord<String, byte[]>> readUntil(String bootstrapServers, String physicalTopic,
                                                          java.util.function.Predicate<List<ConsumerRecord<String, byte[]>>> done,
                                                          Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ConsumerRecord<String, byte[]>> records = readAll(bootstrapServers, physicalTopic, 0,
                    Duration.ofSeconds(10), Duration.ofMillis(300));
            if (done.test(records)) {
                return records;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("topic " + physicalTopic + " did not reach the expected state within "
                        + timeout.toSeconds() + " s; it has " + records.size() + " records");
            }
            Thread.sleep(200);
        }
    }
}
