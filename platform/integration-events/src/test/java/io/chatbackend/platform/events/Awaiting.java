package io.chatbackend.platform.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small waiting and grouping helpers for the integration tests. */
final class Awaiting {

    private Awaiting() {
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void until(String what, Duration timeout, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** The events of each key in the order they were read (one key lives in one partition). */
    static Map<String, List<IntegrationEvent>> byKey(List<ConsumerRecord<String, byte[]>> records,
                                                     IntegrationEventCodec codec) {
        Map<String, List<IntegrationEvent>> byKey = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(codec.decode(record.value()));
        }
        return byKey;
    }

    static Map<String, List<Long>> sequencesByKey(List<ConsumerRecord<String, byte[]>> records,
                                                  IntegrationEventCodec codec) {
        Map<String, List<Long>> sequences = new LinkedHashMap<>();
        byKey(records, codec).forEach((key, events) -> sequences.put(key,
                events.stream().map(IntegrationEvent::aggregateSequence).toList()));
        return sequences;
    }
}
