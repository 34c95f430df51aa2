package io.chatbackend.gateway.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * UAA's public keys for the token decoder, fetched again at most once per {@code minRefetchInterval}: a token naming
 * an unknown key id waits for the next allowed fetch (shared by every such token meanwhile) instead of causing one
 * of its own, so a flood of made-up key ids costs UAA one request per interval (Spring's own source fetches for
 * every unknown id), while the first token signed by a newly rotated key is still accepted, at most one interval
 * late.
 */
public final class KeySetCache implements Function<SignedJWT, Flux<JWK>> {

    private final Mono<JWKSet> fetch;
    private final long minRefetchNanos;
    private final LongSupplier clock;
    private final AtomicReference<JWKSet> keys = new AtomicReference<>(new JWKSet());
    private final AtomicReference<Mono<JWKSet>> inFlight = new AtomicReference<>();
    private volatile long lastFetch;
    private volatile boolean fetchedOnce;

    KeySetCache(WebClient http, String jwkSetUri, Duration minRefetchInterval) {
        this(http.get().uri(jwkSetUri).retrieve().bodyToMono(String.class).map(KeySetCache::parse),
                minRefetchInterval, System::nanoTime);
    }

    KeySetCache(Mono<JWKSet> fetch, Duration minRefetchInterval, LongSupplier clock) {
        this.fetch = fetch;
        this.minRefetchNanos = minRefetchInterval.toNanos();
        this.clock = clock;
    }

    @Override
    public Flux<JWK> apply(SignedJWT jwt) {
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader()));
        List<JWK> known = selector.select(keys.get());
        if (!known.isEmpty()) {
            return Flux.fromIterable(known);
        }
        return refetch().flatMapMany(set -> Flux.fromIterable(selector.select(set)));
    }

    /**
     * Whether a token naming this key id may verify, judged without a fetch: before the first fetch anything may;
     * after it, only ids the key set holds.
     */
    public boolean mayKnow(String keyId) {
        return !fetchedOnce || (keyId != null && keys.get().getKeyByKeyId(keyId) != null);
    }

    /** The next fetch: the one already waiting or running, or a new one once the interval since the last passed. */
    private Mono<JWKSet> refetch() {
        while (true) {
            Mono<JWKSet> running = inFlight.get();
            if (running != null) {
                return running;
            }
            long wait = fetchedOnce ? Math.max(0, lastFetch + minRefetchNanos - clock.getAsLong()) : 0;
            Mono<JWKSet> next = Mono.delay(Duration.ofNanos(wait)).then(fetch)
                    .doOnNext(set -> {
                        keys.set(set);
                        lastFetch = clock.getAsLong();
                        fetchedOnce = true;
                    })
                    .doFinally(signal -> inFlight.set(null))
                    .cache();
            if (inFlight.compareAndSet(null, next)) {
                return next;
            }
        }
    }

    private static JWKSet parse(String body) {
        try {
            return JWKSet.parse(body);
        } catch (ParseException e) {
            throw new IllegalStateException("UAA answered an unreadable key set", e);
        }
    }
}
