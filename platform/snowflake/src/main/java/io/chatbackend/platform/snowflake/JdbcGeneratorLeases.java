package io.chatbackend.platform.snowflake;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Leases a generator id (0..255) from a database table, so two running instances never share one.
 *
 * <pre>
 * CREATE TABLE id_generator_lease (generator_id INT PRIMARY KEY, owner VARCHAR(128) NOT NULL,
 *     expires_at TIMESTAMPTZ NOT NULL, issued_until_ms BIGINT NOT NULL);
 * </pre>
 *
 * A lease is taken only when free or expired (database time), renewed well before it expires, and considered
 * lost locally a safety margin before the database would hand it to someone else. Each renewal records up to which
 * millisecond ids may be issued under it, so the next holder starts after that.
 */
public class JdbcGeneratorLeases implements Supplier<GeneratorLease> {

    private static final Logger log = LoggerFactory.getLogger(JdbcGeneratorLeases.class);

    private final JdbcTemplate jdbc;
    private final String table;
    private final Duration ttl;
    private final Duration safetyMargin;
    private final String owner = UUID.randomUUID().toString();
    private final LongSupplier wallMillis;
    private final LongSupplier monotonicNanos;
    private volatile GeneratorLease current;

    public JdbcGeneratorLeases(JdbcTemplate jdbc, String table, Duration ttl) {
        this(jdbc, table, ttl, System::currentTimeMillis, System::nanoTime);
    }

    JdbcGeneratorLeases(JdbcTemplate jdbc, String table, Duration ttl, LongSupplier wallMillis,
                        LongSupplier monotonicNanos) {
        if (!table.matches("[a-z_][a-z0-9_.]*")) {
            throw new IllegalArgumentException("bad table name " + table);
        }
        this.jdbc = jdbc;
        this.table = table;
        this.ttl = ttl;
        this.safetyMargin = ttl.dividedBy(3);
        this.wallMillis = wallMillis;
        this.monotonicNanos = monotonicNanos;
    }

    @Override
    public GeneratorLease get() {
        return current;
    }

    /** Acquires a lease if this instance has none, else renews it; call every ttl/3 or so. */
    public synchronized void maintain() {
        GeneratorLease held = current;
        if (held != null && renew(held.generatorId())) {
            return;
        }
        if (held != null) {
            log.warn("Lost id generator lease {}; acquiring another", held.generatorId());
            current = null;
        }
        acquire();
    }

    /** Gives the lease back (on shutdown) so another instance can take it at once. */
    public synchronized void release() {
        GeneratorLease held = current;
        current = null;
        if (held != null) {
            jdbc.update("UPDATE " + table + " SET expires_at = now() WHERE generator_id = ? AND owner = ?",
                    held.generatorId(), owner);
        }
    }

    private void acquire() {
        int start = ThreadLocalRandom.current().nextInt(SnowflakeLayout.MAX_GENERATOR + 1);
        for (int i = 0; i <= SnowflakeLayout.MAX_GENERATOR; i++) {
            int candidate = (start + i) % (SnowflakeLayout.MAX_GENERATOR + 1);
            long startNanos = monotonicNanos.getAsLong();
            long issuedUntil = wallMillis.getAsLong() + ttl.toMillis();
            List<Long> previous = jdbc.queryForList("INSERT INTO " + table
                    + " (generator_id, owner, expires_at, issued_until_ms) VALUES (?, ?, now() + ?::interval, ?) "
                    + "ON CONFLICT (generator_id) DO UPDATE SET owner = EXCLUDED.owner, "
                    + "expires_at = EXCLUDED.expires_at, issued_until_ms = GREATEST(" + table + ".issued_until_ms, "
                    + "EXCLUDED.issued_until_ms) WHERE " + table + ".expires_at < now() "
                    + "RETURNING (SELECT issued_until_ms FROM " + table + " WHERE generator_id = ?)",
                    Long.class, candidate, owner, interval(), issuedUntil, candidate);
            if (!previous.isEmpty()) {
                long earlierHolderUntil = previous.get(0) == null ? 0 : previous.get(0);
                current = new GeneratorLease(candidate, validUntil(startNanos), earlierHolderUntil);
                log.info("Leased id generator {}", candidate);
                return;
            }
        }
        throw new IdGenerationUnavailableException("all " + (SnowflakeLayout.MAX_GENERATOR + 1)
                + " generator ids are leased");
    }

    private boolean renew(int generatorId) {
        long startNanos = monotonicNanos.getAsLong();
        long issuedUntil = wallMillis.getAsLong() + ttl.toMillis();
        int updated = jdbc.update("UPDATE " + table + " SET expires_at = now() + ?::interval, "
                        + "issued_until_ms = GREATEST(issued_until_ms, ?) WHERE generator_id = ? AND owner = ?",
                interval(), issuedUntil, generatorId, owner);
        if (updated == 1) {
            GeneratorLease held = current;
            current = new GeneratorLease(generatorId, validUntil(startNanos), held.issuedUntilMillis());
            return true;
        }
        return false;
    }

    private long validUntil(long startNanos) {
        return startNanos + ttl.minus(safetyMargin).toNanos();
    }

    private String interval() {
        return ttl.toMillis() + " milliseconds";
    }
}
