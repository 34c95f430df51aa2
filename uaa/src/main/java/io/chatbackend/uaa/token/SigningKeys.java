package io.chatbackend.uaa.token;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The RSA keys tokens are signed with, persisted in the database so a restart (or another instance) invalidates
 * nothing; private keys are stored encrypted ({@link KeyEncryption}). The newest unretired key signs; after a
 * rotation the previous key stays published in the JWKS until every token it signed has expired, then it is
 * deleted.
 */
public class SigningKeys implements JWKSource<SecurityContext> {

    /** Where the public keys are published (the authorization server serves them from this source). */
    public static final String JWKS_PATH = "/.well-known/jwks.json";

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final long ROTATION_LOCK = 0x5ea1_6e75L;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Duration rotationPeriod;
    private final Duration publishAfterRetirement;
    private final Clock clock;
    private final KeyEncryption encryption;
    private volatile List<RSAKey> published = List.of();

    public SigningKeys(JdbcTemplate jdbc, TransactionTemplate transaction, Duration rotationPeriod,
                       Duration accessTokenTtl, Clock clock, KeyEncryption encryption) {
        this.encryption = encryption;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.rotationPeriod = rotationPeriod;
        this.publishAfterRetirement = accessTokenTtl.plusMinutes(5);
        this.clock = clock;
    }

    /**
     * Creates the first key if there is none, rotates an old one, deletes keys no valid token can name any more,
     * encrypts keys stored before encryption, and loads what is published.
     */
    public void initialize() {
        transaction.executeWithoutResult(status -> {
            jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", ROTATION_LOCK);
            int deleted = jdbc.update("DELETE FROM signing_key WHERE retire_at IS NOT NULL AND retire_at <= ?",
                    Timestamp.from(clock.instant()));
            if (deleted > 0) {
                log.info("Deleted {} retired signing key(s)", deleted);
            }
            jdbc.query("SELECT kid, private_key FROM signing_key", rs -> {
                String kid = rs.getString(1);
                String stored = rs.getString(2);
                if (!KeyEncryption.isSealed(stored)) {
                    jdbc.update("UPDATE signing_key SET private_key = ? WHERE kid = ?",
                            encryption.seal(kid, encryption.open(kid, stored)), kid);
                }
            });
            Instant newest = jdbc.query("SELECT max(created_at) FROM signing_key WHERE retire_at IS NULL",
                    (rs, row) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant()).get(0);
            if (newest == null || newest.isBefore(clock.instant().minus(rotationPeriod))) {
                insertNewKeyRetiringOthers();
            }
        });
        reload();
    }

    /**
     * Makes a new key the signing key; the old one is published until its tokens expired. Inside a caller's
     * transaction (an audited rotation) the new key signs only once that transaction committed: a rotation rolled
     * back never signs a token with a key nobody else publishes.
     */
    public String rotate() {
        String kid = transaction.execute(status -> {
            jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", ROTATION_LOCK);
            return insertNewKeyRetiringOthers();
        });
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    reload();
                }
            });
        } else {
            reload();
        }
        return kid;
    }

    @Scheduled(fixedDelayString = "${chat.uaa.key-refresh-interval:PT1M}")
    public void refresh() {
        initialize();
    }

    /** The key id that signs new tokens. */
    public String activeKeyId() {
        return signingKey().getKeyID();
    }

    public RSAKey signingKey() {
        List<RSAKey> keys = published;
        if (keys.isEmpty()) {
            throw new IllegalStateException("no signing key loaded");
        }
        return keys.get(0);
    }

    /** The public keys to publish (JWKS), newest first. */
    public JWKSet publicKeys() {
        return new JWKSet(published.stream().map(key -> (JWK) key.toPublicJWK()).toList());
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        return selector.select(new JWKSet(List.copyOf(published)));
    }

    private String insertNewKeyRetiringOthers() {
        KeyPair pair = generate();
        String kid = UUID.randomUUID().toString();
        Instant now = clock.instant();
        jdbc.update("UPDATE signing_key SET retire_at = ? WHERE retire_at IS NULL",
                Timestamp.from(now.plus(publishAfterRetirement)));
        jdbc.update("INSERT INTO signing_key (kid, private_key, public_key, created_at) VALUES (?, ?, ?, ?)", kid,
                encryption.seal(kid, pair.getPrivate().getEncoded()),
                Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()), Timestamp.from(now));
        log.info("New token signing key {}", kid);
        return kid;
    }

    private void reload() {
        Instant now = clock.instant();
        published = jdbc.query("SELECT kid, private_key, public_key FROM signing_key "
                        + "WHERE retire_at IS NULL OR retire_at > ? ORDER BY (retire_at IS NULL) DESC, created_at DESC",
                (rs, row) -> toJwk(rs.getString(1), encryption.open(rs.getString(1), rs.getString(2)),
                        rs.getString(3)), Timestamp.from(now));
    }

    private static RSAKey toJwk(String kid, byte[] privateKey, String publicKey) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPublicKey pub = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(
                    Base64.getDecoder().decode(publicKey)));
            RSAPrivateKey priv = (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(privateKey));
            return new RSAKey.Builder(pub).privateKey(priv).keyID(kid).keyUse(KeyUse.SIGNATURE)
                    .algorithm(com.nimbusds.jose.JWSAlgorithm.RS256).build();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("stored signing key " + kid + " is unreadable", e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
