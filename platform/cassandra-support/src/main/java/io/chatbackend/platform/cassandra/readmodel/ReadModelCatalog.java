package io.chatbackend.platform.cassandra.readmodel;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Which physical tables each read model of one service reads and writes, from the keyspace's
 * {@code read_model_state} table, created if missing.
 *
 * <p>The state is cached and refreshed every {@link #refreshInterval()} (default 1 s), so every instance of the
 * service follows a rebuild's switch within one interval without a query per read; {@link #awaitPropagation()}
 * waits long enough for all of them to have seen a change. Every change of the state is a lightweight transaction
 * on the model's single row, so readers see either the old or the new epoch, never a mix.
 *
 * <p>Reads use {@link #readTable}; projections write every change to each of {@link #writeTables} (the live table,
 * plus the building one while a rebuild runs, plus the replaced one until the switch has propagated).
 */
public class ReadModelCatalog implements AutoCloseable {

    /** The default interval at which the cached state is re-read. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(ReadModelCatalog.class);
    private static final Duration DDL_TIMEOUT = Duration.ofSeconds(60);
    private static final int LOCK_TTL_SECONDS = 60;
    private static final String COLUMNS = "model, epoch, building_epoch, building_job, draining_epoch, updated_at";

    private final CqlSession session;
    private final CqlIdentifier keyspace;
    private final Duration refreshInterval;
    private final Map<String, ReadModelDefinition> definitions = new ConcurrentHashMap<>();
    private final Map<String, ReadModelState> states = new ConcurrentHashMap<>();
    private final ScheduledExecutorService refresher;

    private final PreparedStatement selectAll;
    private final PreparedStatement selectOne;
    private final PreparedStatement insertNew;
    private final PreparedStatement claim;
    private final PreparedStatement takeOver;
    private final PreparedStatement markBuilding;
    private final PreparedStatement heartbeat;
    private final PreparedStatement switchEpoch;
    private final PreparedStatement release;
    private final PreparedStatement lock;
    private final PreparedStatement unlock;

    /** A catalog refreshing every {@link #DEFAULT_REFRESH_INTERVAL}. */
    public ReadModelCatalog(CqlSession session) {
        this(session, DEFAULT_REFRESH_INTERVAL);
    }

    /**
     * Creates the state tables if missing, loads the state and starts refreshing it.
     *
     * @param session         a session bound to the service's keyspace
     * @param refreshInterval how often the cached state is re-read
     */
    public ReadModelCatalog(CqlSession session, Duration refreshInterval) {
        this.session = session;
        this.keyspace = session.getKeyspace().orElseThrow(() ->
                new IllegalArgumentException("the read model catalog needs a session bound to a keyspace"));
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("refresh interval must be positive: " + refreshInterval);
        }
        this.refreshInterval = refreshInterval;
        ddl("CREATE TABLE IF NOT EXISTS read_model_state (model text PRIMARY KEY, epoch int, building_epoch int, "
                + "building_job text, draining_epoch int, updated_at timestamp)");
        ddl("CREATE TABLE IF NOT EXISTS read_model_lock (model text PRIMARY KEY, owner text)");
        selectAll = session.prepare("SELECT " + COLUMNS + " FROM read_model_state");
        selectOne = session.prepare("SELECT " + COLUMNS + " FROM read_model_state WHERE model = ?");
        insertNew = session.prepare("INSERT INTO read_model_state (model, epoch, updated_at) VALUES (?, 1, ?) "
                + "IF NOT EXISTS");
        // The claim comes before the building tables exist: building_epoch stays null until they do, so no live
        // projection writes into a table that is being dropped and created.
        claim = session.prepare("UPDATE read_model_state SET building_job = ?, building_epoch = null, "
                + "draining_epoch = null, updated_at = ? WHERE model = ? IF building_job = null");
        takeOver = session.prepare("UPDATE read_model_state SET building_job = ?, building_epoch = null, "
                + "draining_epoch = null, updated_at = ? WHERE model = ? IF building_job = ? AND updated_at = ?");
        markBuilding = session.prepare("UPDATE read_model_state SET building_epoch = ?, updated_at = ? "
                + "WHERE model = ? IF building_job = ? AND epoch = ?");
        heartbeat = session.prepare("UPDATE read_model_state SET updated_at = ? WHERE model = ? IF building_job = ?");
        switchEpoch = session.prepare("UPDATE read_model_state SET epoch = ?, building_epoch = null, "
                + "draining_epoch = ?, updated_at = ? WHERE model = ? IF building_job = ? AND epoch = ?");
        release = session.prepare("UPDATE read_model_state SET building_job = null, building_epoch = null, "
                + "draining_epoch = null, updated_at = ? WHERE model = ? IF building_job = ?");
        lock = session.prepare("INSERT INTO read_model_lock (model, owner) VALUES (?, ?) IF NOT EXISTS USING TTL "
                + LOCK_TTL_SECONDS);
        unlock = session.prepare("DELETE FROM read_model_lock WHERE model = ? IF owner = ?");
        refresh();
        refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "read-model-catalog-refresh");
            thread.setDaemon(true);
            return thread;
        });
        long millis = refreshInterval.toMillis();
        refresher.scheduleWithFixedDelay(this::refreshQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Registers a read model at start: a new model gets its epoch-1 tables and state row; a known one gets any
     * logical table added since its live epoch was built (empty until the next rebuild). Idempotent, and safe when
     * several instances start at once (the table creation is serialized by a lock row).
     */
    public void register(ReadModelDefinition definition) {
        synchronized (definitions) {
            ReadModelDefinition known = definitions.get(definition.name());
            if (known != null && !known.equals(definition)) {
                throw new IllegalStateException("read model " + definition.name() + " is already registered with "
                        + "another definition");
            }
            for (ReadModelDefinition other : definitions.values()) {
                if (!other.name().equals(definition.name())) {
                    for (String logical : definition.tables().keySet()) {
                        if (other.tables().containsKey(logical)) {
                            // Physical names are <logical>_e<epoch>: the two models would share tables.
                            throw new IllegalStateException("read models " + other.name() + " and "
                                    + definition.name() + " both have a table " + logical);
                        }
                    }
                }
            }
            definitions.put(definition.name(), definition);
        }
        withLock(definition.name(), () -> {
            ReadModelState state = readState(definition.name()).orElse(null);
            int epoch = state == null ? 1 : state.epoch();
            // Tables before the state row: no instance may see an epoch whose tables do not exist yet.
            for (String logical : definition.tables().keySet()) {
                ddl(definition.createStatement(logical, ReadModelDefinition.physicalTable(logical, epoch))
                        .replaceFirst("(?i)^\\s*CREATE\\s+TABLE\\s+(?!IF\\s+NOT\\s+EXISTS)", "CREATE TABLE IF NOT EXISTS "));
            }
            if (state == null) {
                session.execute(lwt(insertNew.bind(definition.name(), now())));
                log.info("Read model {} registered at epoch 1", definition.name());
            }
        });
        readState(definition.name()).ifPresent(state -> states.put(state.model(), state));
    }

    /** The registered definition of a model. */
    public Optional<ReadModelDefinition> definition(String model) {
        return Optional.ofNullable(definitions.get(model));
    }

    /** Every model registered on this instance. */
    public Collection<ReadModelDefinition> definitions() {
        return List.copyOf(definitions.values());
    }

    /** The live epoch of a registered model, as this instance currently sees it. */
    public int epoch(String model) {
        return state(model).epoch();
    }

    /** The cached state of a registered model. */
    public ReadModelState state(String model) {
        requireDefinition(model);
        ReadModelState state = states.get(model);
        if (state == null) {
            throw new IllegalStateException("read model " + model + " has no state row; was it registered?");
        }
        return state;
    }

    /** The live physical table every read of {@code logical} must use. */
    public String readTable(String model, String logical) {
        requireLogical(model, logical);
        return ReadModelDefinition.physicalTable(logical, epoch(model));
    }

    /**
     * Every physical table a projection must write a change of {@code logical} to: the live one first, then the one
     * a rebuild is filling and the one a switch just replaced, if any. Writes must be idempotent upserts: the
     * rebuild's replay writes the same rows again.
     */
    public List<String> writeTables(String model, String logical) {
        requireLogical(model, logical);
        ReadModelState state = state(model);
        List<String> tables = new ArrayList<>(3);
        tables.add(ReadModelDefinition.physicalTable(logical, state.epoch()));
        if (state.buildingEpoch() != null && state.buildingEpoch() != state.epoch()) {
            tables.add(ReadModelDefinition.physicalTable(logical, state.buildingEpoch()));
        }
        if (state.drainingEpoch() != null && state.drainingEpoch() != state.epoch()
                && !state.drainingEpoch().equals(state.buildingEpoch())) {
            tables.add(ReadModelDefinition.physicalTable(logical, state.drainingEpoch()));
        }
        return List.copyOf(tables);
    }

    /** How often the cached state is re-read. */
    public Duration refreshInterval() {
        return refreshInterval;
    }

    /**
     * Waits two refresh intervals: by then every instance has re-read the state since a change made before this
     * call (one interval for a refresh already under way with the old value, one for the next).
     */
    public void awaitPropagation() throws InterruptedException {
        Thread.sleep(refreshInterval.toMillis() * 2);
    }

    /** Re-reads the state of every model now. */
    public void refresh() {
        // State rows are never deleted, so a refresh only adds and replaces.
        for (Row row : session.execute(read(selectAll.bind()))) {
            ReadModelState state = toState(row);
            states.put(state.model(), state);
        }
    }

    /** Stops refreshing. */
    @Override
    public void close() {
        refresher.shutdownNow();
    }

    // ---- state transitions, used by the rebuilder ----

    CqlSession session() {
        return session;
    }

    CqlIdentifier keyspace() {
        return keyspace;
    }

    ReadModelDefinition requireDefinition(String model) {
        ReadModelDefinition definition = definitions.get(model);
        if (definition == null) {
            throw new UnknownReadModelException(model);
        }
        return definition;
    }

    /** A linearizable read of one model's row. */
    Optional<ReadModelState> readState(String model) {
        Row row = session.execute(selectOne.bind(model).setConsistencyLevel(ConsistencyLevel.LOCAL_SERIAL)).one();
        return Optional.ofNullable(row).map(ReadModelCatalog::toState);
    }

    /**
     * Claims the model for a rebuild job: applies when no job holds it, or when the holder's last heartbeat is older
     * than {@code lease} (a crashed instance). Returns the state before the claim, or the holder's state when
     * refused.
     */
    ClaimResult claim(String model, String jobId, Duration lease) {
        ReadModelState before = readState(model).orElseThrow(() -> new IllegalStateException("read model " + model
                + " has no state row; was it registered?"));
        if (session.execute(lwt(claim.bind(jobId, now(), model))).wasApplied()) {
            return new ClaimResult(true, before, false);
        }
        // A refused condition answers only the columns it tested: read the holder's whole row.
        ReadModelState holder = readState(model).orElseThrow();
        boolean stale = holder.updatedAt() == null || holder.updatedAt().plus(lease).isBefore(Instant.now());
        if (holder.buildingJob() == null || !stale) {
            return new ClaimResult(false, holder, false);
        }
        log.warn("Read model {}: rebuild {} sent no heartbeat since {}; job {} takes over", model,
                holder.buildingJob(), holder.updatedAt(), jobId);
        if (!session.execute(lwt(takeOver.bind(jobId, now(), model, holder.buildingJob(), holder.updatedAt())))
                .wasApplied()) {
            return new ClaimResult(false, readState(model).orElseThrow(), false);
        }
        return new ClaimResult(true, holder, true);
    }

    boolean markBuilding(String model, String jobId, int fromEpoch, int buildingEpoch) {
        return session.execute(lwt(markBuilding.bind(buildingEpoch, now(), model, jobId, fromEpoch))).wasApplied();
    }

    boolean heartbeat(String model, String jobId) {
        return session.execute(lwt(heartbeat.bind(now(), model, jobId))).wasApplied();
    }

    /** The switch: one conditional single-row write, so readers see the old epoch or the new one. */
    boolean switchEpoch(String model, String jobId, int fromEpoch, int toEpoch) {
        return session.execute(lwt(switchEpoch.bind(toEpoch, fromEpoch, now(), model, jobId, fromEpoch)))
                .wasApplied();
    }

    boolean release(String model, String jobId) {
        return session.execute(lwt(release.bind(now(), model, jobId))).wasApplied();
    }

    /** Runs DDL with a generous timeout (the driver waits for schema agreement too). */
    void ddl(String cql) {
        session.execute(SimpleStatement.newInstance(cql).setTimeout(DDL_TIMEOUT));
    }

    record ClaimResult(boolean claimed, ReadModelState previous, boolean tookOver) {
    }

    // ---- internals ----

    private void requireLogical(String model, String logical) {
        if (!requireDefinition(model).tables().containsKey(logical)) {
            throw new IllegalArgumentException("read model " + model + " has no table " + logical);
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // Keep the last known state: a missed refresh only delays following a switch.
            log.warn("Could not refresh the read model state: {}", e.toString());
        }
    }

    private void withLock(String model, Runnable action) {
        String owner = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + Duration.ofSeconds(LOCK_TTL_SECONDS * 2L).toNanos();
        while (!session.execute(lwt(lock.bind(model, owner))).wasApplied()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("another instance holds the registration lock of read model " + model);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the lock of read model " + model, e);
            }
        }
        try {
            action.run();
        } finally {
            session.execute(lwt(unlock.bind(model, owner)));
        }
    }

    private static Statement<?> lwt(Statement<?> statement) {
        return statement.setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)
                .setSerialConsistencyLevel(ConsistencyLevel.LOCAL_SERIAL);
    }

    private static Statement<?> read(Statement<?> statement) {
        return statement.setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM);
    }

    private static Instant now() {
        // Millisecond precision: the value is compared in a condition after a round trip through a timestamp column.
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static ReadModelState toState(Row row) {
        return new ReadModelState(row.getString("model"), row.isNull("epoch") ? 0 : row.getInt("epoch"),
                row.get("building_epoch", Integer.class), row.getString("building_job"),
                row.get("draining_epoch", Integer.class), row.getInstant("updated_at"));
    }
}
