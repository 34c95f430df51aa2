package io.chatbackend.platform.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until a process's Kafka consumer groups have every partition assigned and committed up to its end. A test
 * that killed a consumer's process uses it before handing the system on: the restarted consumer gets its partitions
 * back only once the dead member's session timed out, and until then the next test would see events arrive late.
 */
public final class ConsumerGroups {

    private ConsumerGroups() {
    }

    /**
     * @param groupPrefix the groups to wait for: every existing group whose id starts with it (at least one)
     * @throws IllegalStateException if they are not caught up within {@code patience}
     */
    public static void awaitCaughtUp(String bootstrapServers, String groupPrefix, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        String lagging = "no group " + groupPrefix + "*";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            while (System.nanoTime() < deadline) {
                lagging = lagging(admin, groupPrefix);
                if (lagging == null) {
                    return;
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not answer", e);
        }
        throw new IllegalStateException("consumers not caught up within " + patience + ": " + lagging);
    }

    /** What is not caught up yet, or null when nothing. */
    private static String lagging(Admin admin, String groupPrefix) throws ExecutionException, InterruptedException {
        Set<String> groups = admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId)
                .filter(id -> id.startsWith(groupPrefix)).collect(Collectors.toSet());
        if (groups.isEmpty()) {
            return "no group " + groupPrefix + "*";
        }
        for (ConsumerGroupDescription group : admin.describeConsumerGroups(groups).all().get().values()) {
            List<TopicPartition> assigned = group.members().stream()
                    .flatMap(member -> member.assignment().topicPartitions().stream()).toList();
            if (group.groupState() != GroupState.STABLE || assigned.isEmpty()) {
                return group.groupId() + " is " + group.groupState() + " with " + assigned.size() + " partitions";
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            assigned.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            for (TopicPartition partition : assigned) {
                OffsetAndMetadata at = committed.get(partition);
                long end = ends.get(partition).offset();
                if (end > 0 && (at == null || at.offset() < end)) {
                    return group.groupId() + " at " + (at == null ? "nothing" : at.offset()) + " of " + end
                            + " on " + partition;
                }
            }
        }
        return null;
    }
}
