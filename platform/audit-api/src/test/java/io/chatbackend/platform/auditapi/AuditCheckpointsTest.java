package io.chatbackend.platform.auditapi;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What signed checkpoints let a verification see (ADR 0027), on a stream kept in memory. */
class AuditCheckpointsTest {

    private final MemorySource source = new MemorySource();
    private final MemoryStore store = new MemoryStore();
    private final AuditCheckpoints checkpoints = new AuditCheckpoints(source, store, "the-checkpoint-key",
            Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void anUntouchedStreamPassesEveryCheckpoint_andNothingNewTakesNone() {
        source.append("a", 3).append("b", 2);
        assertThat(checkpoints.take()).isPresent();
        assertThat(checkpoints.take()).as("nothing new since").isEmpty();
        source.append("a", 1);
        assertThat(checkpoints.take()).hasValueSatisfying(second -> {
            assertThat(second.seq()).isEqualTo(2);
            assertThat(second.items()).isEqualTo(6);
            assertThat(second.heads()).containsOnlyKeys("a");
        });

        AuditCheckpoints.Findings findings = checkpoints.verify();
        assertThat(findings.checkpoints()).isEqualTo(2);
        assertThat(findings.breaks()).isEmpty();
    }

    @Test
    void aDeletedTailTheCheckpointCoveredIsNamedWithItsStream() {
        source.append("a", 3).append("b", 2);
        checkpoints.take();
        source.delete("a", 2);

        assertThat(checkpoints.verify().breaks()).extracting(AuditVerification.Break::aggregateId,
                AuditVerification.Break::sequence, AuditVerification.Break::reason).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("checkpoint", 1L, "the items up to position 5 are not those it "
                        + "signed (4 found, 5 signed): an item was deleted, added or changed"),
                org.assertj.core.groups.Tuple.tuple("a", 2L, "the items after sequence 1 are gone (a deleted "
                        + "tail): checkpoint 1 signed sequence 2"));
    }

    @Test
    void aDeletedWholeStreamIsNamed() {
        source.append("a", 2).append("b", 2);
        checkpoints.take();
        source.delete("b", 0);
        source.delete("b", 1);

        assertThat(checkpoints.verify().breaks()).anySatisfy(broken -> {
            assertThat(broken.aggregateId()).isEqualTo("b");
            assertThat(broken.sequence()).isEqualTo(1);
            assertThat(broken.reason()).startsWith("the stream is gone");
        });
    }

    /** The window: what came after the newest checkpoint is covered by none, and its loss goes unseen. */
    @Test
    void aTailDeletedBeforeAnyCheckpointCoveredItGoesUnseen() {
        source.append("a", 2);
        checkpoints.take();
        source.append("a", 2);
        source.delete("a", 3);

        assertThat(checkpoints.verify().breaks()).isEmpty();
    }

    @Test
    void aDeletedMiddleItemBreaksTheCheckpointThatCoveredIt() {
        source.append("a", 3);
        checkpoints.take();
        source.append("a", 1);
        checkpoints.take();
        source.delete("a", 1);

        assertThat(checkpoints.verify().breaks()).singleElement().satisfies(broken -> {
            assertThat(broken.aggregateId()).isEqualTo("checkpoint");
            assertThat(broken.sequence()).isEqualTo(1);
        });
    }

    @Test
    void aCheckpointRewrittenWithoutTheKeyIsCaught_andADeletedOneToo() {
        source.append("a", 2);
        checkpoints.take();
        source.append("b", 1);
        checkpoints.take();
        source.append("c", 1);
        checkpoints.take();
        AuditCheckpoint first = store.checkpoints.get(0);
        store.checkpoints.set(0, new AuditCheckpoint(first.seq(), first.takenAt(), first.upToPosition(),
                first.items(), first.digest(), first.heads(), first.previousSignature(), first.signature())
                .signed("a-guessed-key".getBytes()));
        store.checkpoints.remove(1);

        assertThat(checkpoints.verify().breaks()).extracting(AuditVerification.Break::reason).contains(
                "its signature does not hold: the checkpoint was changed or forged",
                "checkpoints 2 to 2 are missing");
    }

    /** Streams of items with positions in append order, hashes made up. */
    private static final class MemorySource implements AuditSource {

        private final List<AuditItem> items = new ArrayList<>();
        private long position;

        MemorySource append(String stream, int count) {
            long next = items.stream().filter(item -> item.aggregateId().equals(stream))
                    .mapToLong(AuditItem::sequence).max().orElse(-1) + 1;
            for (int i = 0; i < count; i++) {
                position++;
                items.add(new AuditItem(position, "test", stream, next + i, "Happened", null, "now", null, null,
                        "hash-" + stream + "-" + (next + i)));
            }
            return this;
        }

        void delete(String stream, long sequence) {
            items.removeIf(item -> item.aggregateId().equals(stream) && item.sequence() == sequence);
        }

        @Override
        public long horizon() {
            return position;
        }

        @Override
        public List<AuditItem> between(long after, long upTo, int limit) {
            return items.stream().filter(item -> item.position() > after && item.position() <= upTo)
                    .sorted(Comparator.comparingLong(AuditItem::position)).limit(limit).toList();
        }

        @Override
        public List<StoredLine> storedBetween(long after, long upTo, int limit) {
            return List.of(); // checkpoints read the API form only
        }

        @Override
        public List<AuditItem> stream(String aggregateId) {
            return items.stream().filter(item -> item.aggregateId().equals(aggregateId)).toList();
        }

        @Override
        public AuditVerification verify() {
            return new AuditVerification(0, items.size(), 0, List.of());
        }
    }

    private static final class MemoryStore implements CheckpointStore {

        private final List<AuditCheckpoint> checkpoints = new ArrayList<>();

        @Override
        public Optional<AuditCheckpoint> newest() {
            return checkpoints.isEmpty() ? Optional.empty() : Optional.of(checkpoints.get(checkpoints.size() - 1));
        }

        @Override
        public void add(AuditCheckpoint checkpoint) {
            checkpoints.add(checkpoint);
        }

        @Override
        public List<AuditCheckpoint> all() {
            return List.copyOf(checkpoints);
        }
    }
}
