package io.chatbackend.platform.axon;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * An aggregate cache that keeps the most recently used aggregates up to a fixed number (Caffeine, size-bounded).
 * Axon's {@code WeakReferenceCache} lost its entries at every young collection, so most commands replayed their
 * aggregate from its last snapshot (issue 13's profile: 14% of dialog-domain's CPU, ADR 0018).
 *
 * <p>A cached aggregate can be behind the store when another instance changed it. That is safe for the same reason
 * it was with the weak cache: the next append conflicts on the stream's unique sequence, the unit of work rolls back,
 * Axon's caching repository evicts the entry on rollback, and the retry loads the aggregate afresh.
 */
public final class BoundedAggregateCache implements Cache {

    private final ConcurrentMap<Object, Object> entries;

    public BoundedAggregateCache(long maximumSize) {
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize)
                .executor(Runnable::run) // evict on the caller's thread: no pool, and a bound that holds at once
                .build().asMap();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) entries.get(key);
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.putIfAbsent(key, value) == null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return (T) entries.computeIfAbsent(key, k -> valueSupplier.get());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.computeIfPresent(key, (k, value) -> update.apply((V) value));
    }

    @Override
    public boolean remove(Object key) {
        return entries.remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.clear();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    /** Nothing here listens to cache entries; a listener would silently miss evictions, so none is accepted. */
    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        throw new UnsupportedOperationException("BoundedAggregateCache takes no entry listeners");
    }
}
