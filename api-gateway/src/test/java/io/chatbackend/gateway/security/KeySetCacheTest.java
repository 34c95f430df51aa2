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
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class KeySetCacheTest {

    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void unknownKeyIdsMakeAtMostOneFetchPerInterval() throws Exception {
        RSAKey published = new RSAKeyGenerator(2048).keyID("published").generate();
        KeySetCache cache = new KeySetCache(Mono.fromSupplier(() -> {
            fetches.incrementAndGet();
            return new JWKSet(published.toPublicJWK());
        }), Duration.ofSeconds(10), now::get);

        assertThat(cache.apply(token(published)).collectList().block()).hasSize(1);
        assertThat(fetches).hasValue(1);
        for (int i = 0; i < 500; i++) {
            assertThat(cache.apply(token("made-up-" + i)).collectList().block()).isEmpty();
        }
        assertThat(fetches).hasValue(1);
        assertThat(cache.apply(token(published)).collectList().block()).hasSize(1);

        now.addAndGet(Duration.ofSeconds(11).toNanos());
        assertThat(cache.apply(token("made-up-again")).collectList().block()).isEmpty();
        assertThat(fetches).hasValue(2);
    }

    @Test
    void aRotatedKeyIsFetchedWhenItsFirstTokenArrives() throws Exception {
        RSAKey old = new RSAKeyGenerator(2048).keyID("old").generate();
        RSAKey rotated = new RSAKeyGenerator(2048).keyID("rotated").generate();
        AtomicReferenceSet current = new AtomicReferenceSet(new JWKSet(old.toPublicJWK()));
        KeySetCache cache = new KeySetCache(Mono.fromSupplier(() -> {
            fetches.incrementAndGet();
            return current.value;
        }), Duration.ofSeconds(10), now::get);
        assertThat(cache.apply(token(old)).collectList().block()).hasSize(1);

        current.value = new JWKSet(java.util.List.of(rotated.toPublicJWK(), old.toPublicJWK()));
        now.addAndGet(Duration.ofMinutes(5).toNanos());
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
