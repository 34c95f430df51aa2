package io.chatbackend.platform.axon;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedAggregateCacheTest {

    @Test
    void keepsWhatWasPutUntilRemoved() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10);
        cache.put("a", "1");
        assertThat(cache.<String, String>get("a")).isEqualTo("1");
        assertThat(cache.putIfAbsent("a", "2")).isFalse();
        assertThat(cache.computeIfAbsent("b", () -> "3")).isEqualTo("3");
        cache.<String>computeIfPresent("b", value -> value + "!");
        assertThat(cache.<String, String>get("b")).isEqualTo("3!");
        assertThat(cache.remove("a")).isTrue();
        assertThat(cache.containsKey("a")).isFalse();
        cache.removeAll();
        assertThat(cache.containsKey("b")).isFalse();
    }

    @Test
    void staysWithinItsBound_andKeepsWhatIsUsed() {
        BoundedAggregateCache cache = new BoundedAggregateCache(100);
        cache.put("hot", "kept");
        for (int i = 0; i < 10_000; i++) {
            cache.put("cold-" + i, i);
            cache.get("hot");
        }
        long held = java.util.stream.IntStream.range(0, 10_000).filter(i -> cache.containsKey("cold-" + i)).count();
        assertThat(held).isLessThanOrEqualTo(100);
        assertThat(cache.<String, String>get("hot")).isEqualTo("kept");
    }

    @Test
    void refusesListenersItCouldNotServe() {
        assertThatThrownBy(() -> new BoundedAggregateCache(1).registerCacheEntryListener(null))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
