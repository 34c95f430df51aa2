package io.chatbackend.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import com.nimbusds.jose.jwk.JWK;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class KeySetCacheTest {

    private final AtomicInteger fetches = new AtomicInteger();

    @Test
    void unknownKeyIdsShareOneFetchPerInterval() throws Exception {
        RSAKey published = new RSAKeyGenerator(2048).keyID("published").generate();
        KeySetCache cache = new KeySetCache(Mono.fromSupplier(() -> {
            fetches.incrementAndGet();
            return new JWKSet(published.toPublicJWK());
        }), Duration.ofMillis(300), System::nanoTime);

        assertThat(cache.apply(token(published)).collectList().block()).hasSize(1);
        assertThat(fetches).hasValue(1);
        long begin = System.nanoTime();
        // 500 made-up key ids at once: they wait for the next allowed fetch together
        List<Mono<List<JWK>>> flood = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            flood.add(cache.apply(token("made-up-" + i)).collectList());
        }
        assertThat(Flux.merge(flood).collectList().block()).allSatisfy(found -> assertThat(found).isEmpty());
        assertThat(fetches).hasValue(2);
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(5));
        assertThat(cache.apply(token(published)).collectList().block()).as("known keys need no fetch").hasSize(1);
        assertThat(fetches).hasValue(2);
    }

    @Test
    void aKeyRotatedJustAfterAFetchIsAcceptedAtMostOneIntervalLate() throws Exception {
        RSAKey old = new RSAKeyGenerator(2048).keyID("old").generate();
        RSAKey rotated = new RSAKeyGenerator(2048).keyID("rotated").generate();
        AtomicReferenceSet current = new AtomicReferenceSet(new JWKSet(old.toPublicJWK()));
        KeySetCache cache = new KeySetCache(Mono.fromSupplier(() -> {
            fetches.incrementAndGet();
            return current.value;
        }), Duration.ofMillis(300), System::nanoTime);
        assertThat(cache.apply(token(old)).collectList().block()).hasSize(1);

        current.value = new JWKSet(List.of(rotated.toPublicJWK(), old.toPublicJWK()));
        assertThat(cache.apply(token(rotated)).collectList().block()).hasSize(1);
        assertThat(fetches).hasValue(2);
    }

    private static final class AtomicReferenceSet {
        volatile JWKSet value;

        AtomicReferenceSet(JWKSet value) {
            this.value = value;
        }
    }

    private static SignedJWT token(RSAKey key) throws Exception {
        return token(key, key.getKeyID());
    }

    /** A token naming a key id UAA never published (signed with some other key: the id is what matters). */
    private static SignedJWT token(String keyId) throws Exception {
        return token(FORGER, keyId);
    }

    private static SignedJWT token(RSAKey key, String keyId) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(),
                new JWTClaimsSet.Builder().subject("u").build());
        jwt.sign(new RSASSASigner(key));
        return jwt;
    }

    private static final RSAKey FORGER = generate("forger");

    private static RSAKey generate(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
