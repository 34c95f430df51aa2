package io.chatbackend.notification.push;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.chatbackend.userclient.contract.PushEndpoint;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Users' push endpoints as user-client answers them, looked up at most once at a time per user and cached, with a
 * bounded number of look-ups in flight. A message to a large group whose members are offline asks for thousands of
 * users at once, again for every message: without coalescing and a bound, those look-ups exhausted the node's HTTP
 * connection pool and overloaded user-client (measured: 10,000 offline members × 100 messages). A failed or shed
 * look-up is remembered briefly too, so an overloaded user-client is not asked again at once; the pushes meanwhile
 * are not made (they are best effort, and the device catches up on its next connect).
 */
final class PushEndpointDirectory {

    /** What is known of a user's endpoints: the list, or that it could not be had just now (and why). */
    record Lookup(List<PushEndpoint> endpoints, String problem) {

        static Lookup found(List<PushEndpoint> endpoints) {
            return new Lookup(List.copyOf(endpoints), null);
        }

        static Lookup unavailable(String problem) {
            return new Lookup(List.of(), problem);
        }

        boolean ok() {
            return problem == null;
        }
    }

    private final OfflinePush.EndpointSource source;
    private final Semaphore lookups;
    private final AsyncCache<UUID, Lookup> cache;

    /**
     * @param found      how long a user's endpoints are reused (a new endpoint gets pushes after at most this)
     * @param unavailable how long a failed or shed look-up is remembered
     * @param maxLookups look-ups in flight at once; beyond that a look-up is shed
     */
    PushEndpointDirectory(OfflinePush.EndpointSource source, Duration found, Duration unavailable, int maxLookups,
                          long maxUsers) {
        this.source = source;
        this.lookups = new Semaphore(maxLookups);
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxUsers)
                .expireAfter(Expiry.<UUID, Lookup>creating((user, lookup) -> lookup.ok() ? found : unavailable))
                .buildAsync();
    }

    /** The user's endpoints; never fails (an unavailable answer says why). */
    CompletableFuture<Lookup> endpointsOf(UUID user) {
        return cache.get(user, (key, executor) -> lookUp(key));
    }

    private CompletableFuture<Lookup> lookUp(UUID user) {
        if (!lookups.tryAcquire()) {
            return CompletableFuture.completedFuture(Lookup.unavailable("too many look-ups in flight"));
        }
        return Mono.defer(() -> source.pushEndpoints(user))
                .map(Lookup::found)
                .defaultIfEmpty(Lookup.found(List.of()))
                .onErrorResume(error -> Mono.just(Lookup.unavailable(error.toString())))
                .doFinally(signal -> lookups.release())
                .toFuture();
    }
}
