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
 * UAA's public keys for the token decoder, fetched at most once per {@code minRefetchInterval}: a token naming an
 * unknown key id makes the gateway fetch the key set again only if the last fetch is older than that, so a flood of
 * made-up key ids costs UAA nothing (Spring's own source refetches for every unknown id). Concurrent fetches share
 * one request. After a key rotation the first token with the new id finds the set long unfetched and fetches it.
 */
final class KeySetCache implements Function<SignedJWT, Flux<JWK>> {

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
        if (fetchedOnce && clock.getAsLong() - lastFetch < minRefetchNanos) {
            return Flux.empty(); // fetched a moment ago: the key id is unknown to UAA too
        }
        return refetch().flatMapMany(set -> Flux.fromIterable(selector.select(set)));
    }

    private Mono<JWKSet> refetch() {
        Mono<JWKSet> running = inFlight.get();
        if (running != null) {
            return running;
        }
        Mono<JWKSet> shared = fetch.doOnNext(set -> {
            keys.set(set);
            lastFetch = clock.getAsLong();
            fetchedOnce = true;
        }).doFinally(signal -> inFlight.set(null)).cache();
        return inFlight.compareAndSet(null, shared) ? shared : inFlight.get() != null ? inFlight.get() : shared;
    }

    private static JWKSet parse(String body) {
        try {
            return JWKSet.parse(body);
        } catch (ParseException e) {
            throw new IllegalStateException("UAA answered an unreadable key set", e);
        }
    }
}
