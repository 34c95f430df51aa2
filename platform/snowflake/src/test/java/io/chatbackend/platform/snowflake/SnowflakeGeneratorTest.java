package io.chatbackend.platform.snowflake;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnowflakeGeneratorTest {

    private static final long T0 = SnowflakeLayout.EPOCH_MILLIS + 1_000_000;

    private final AtomicLong wall = new AtomicLong(T0);
    private final AtomicLong nanos = new AtomicLong(0);
    private final AtomicReference<GeneratorLease> lease = new AtomicReference<>(new GeneratorLease(7, 1_000_000_000L, 0));
    private final SnowflakeGenerator generator = new SnowflakeGenerator(lease::get, wall::get, nanos::get);

    @Test
    void layoutRoundTrips() {
        long id = SnowflakeLayout.compose(T0, 255, 16383);
        assertThat(SnowflakeLayout.epochMillisOf(id)).isEqualTo(T0);
        assertThat(SnowflakeLayout.generatorOf(id)).isEqualTo(255);
        assertThat(SnowflakeLayout.sequenceOf(id)).isEqualTo(16383);
        assertThat(id).isPositive();
    }

    @Test
    void idsOfOneGeneratorStrictlyIncreaseAcrossSequenceOverflow() {
        // a clock that advances one millisecond every 25,000 reads: the 14-bit sequence (16,384 a millisecond)
        // runs out first, and the generator must wait for the next millisecond instead of wrapping
        AtomicLong reads = new AtomicLong();
        SnowflakeGenerator ticking = new SnowflakeGenerator(lease::get, () -> T0 + reads.getAndIncrement() / 25_000,
                nanos::get);
        long previous = Long.MIN_VALUE;
        int overflows = 0;
        for (int i = 0; i < 100_000; i++) {
            long id = ticking.nextId();
            assertThat(id).isGreaterThan(previous);
            assertThat(SnowflakeLayout.generatorOf(id)).isEqualTo(7);
            if (SnowflakeLayout.sequenceOf(id) == SnowflakeLayout.MAX_SEQUENCE) {
                overflows++;
            }
            previous = id;
        }
        assertThat(overflows).as("the sequence was exhausted at least once").isPositive();
    }

    @Test
    void refusesWhileTheClockIsBehindTheLastIdAndResumesAfter() {
        wall.set(T0 + 100);
        long last = generator.nextId();
        wall.set(T0 + 40);
        assertThatThrownBy(generator::nextId).isInstanceOf(IdGenerationUnavailableException.class)
                .hasMessageContaining("behind");
        wall.set(T0 + 101);
        assertThat(generator.nextId()).isGreaterThan(last);
    }

    @Test
    void refusesWithoutAValidLease() {
        lease.set(null);
        assertThatThrownBy(generator::nextId).isInstanceOf(IdGenerationUnavailableException.class);
        lease.set(new GeneratorLease(7, 500, 0));
        nanos.set(600);
        assertThatThrownBy(generator::nextId).isInstanceOf(IdGenerationUnavailableException.class)
                .hasMessageContaining("lease");
    }

    @Test
    void aNewLeaseNeverReusesMillisecondsAnEarlierHolderMayHaveUsed() {
        lease.set(new GeneratorLease(9, 1_000_000_000L, T0 + 5_000));
        wall.set(T0 + 10);
        assertThatThrownBy(generator::nextId).isInstanceOf(IdGenerationUnavailableException.class);
        wall.set(T0 + 5_001);
        assertThat(SnowflakeLayout.epochMillisOf(generator.nextId())).isEqualTo(T0 + 5_001);
    }

    @Test
    void threadsAndGeneratorsNeverShareAnId() throws Exception {
        SnowflakeGenerator first = SnowflakeGenerator.withSystemClock(() -> new GeneratorLease(1, Long.MAX_VALUE, 0));
        SnowflakeGenerator second = SnowflakeGenerator.withSystemClock(() -> new GeneratorLease(2, Long.MAX_VALUE, 0));
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> results = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            SnowflakeGenerator generator = t % 2 == 0 ? first : second;
            results.add(pool.submit(() -> {
                Set<Long> mine = new HashSet<>();
                for (int i = 0; i < 50_000; i++) {
                    mine.add(generator.nextId());
                }
                ids.addAll(mine);
                return mine.size();
            }));
        }
        for (Future<Integer> result : results) {
            assertThat(result.get()).isEqualTo(50_000);
        }
        pool.shutdown();
        assertThat(ids).hasSize(200_000);
    }
}
