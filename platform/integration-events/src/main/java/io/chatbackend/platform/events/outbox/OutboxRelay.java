package io.chatbackend.platform.events.outbox;

import io.chatbackend.platform.events.IntegrationEvent;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.IntegrationEventPublisher;
import io.chatbackend.platform.events.OutgoingEvent;
import io.chatbackend.platform.events.PublishFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * Ships the rows of a transactional outbox table to Kafka, in {@code position} order, at least once.
 *
 * <p>The table has this shape (payload may be {@code TEXT} or {@code JSONB}; it is read as text):
 * {@code outbox(position bigint identity PK, event_id uuid unique, topic, message_key, event_type, payload,
 * created_at, published_at)}. A row becomes an {@link IntegrationEvent} with {@code eventId = event_id},
 * {@code type = event_type}, the version from {@link EventTypeVersions}, {@code aggregateId = message_key} (also the
 * Kafka key), {@code aggregateSequence = position}, {@code occurredAt = created_at}.
 *
 * <h2>One relay at a time: a PostgreSQL session advisory lock</h2>
 * Each relay takes a dedicated connection from the data source and asks for
 * {@code pg_try_advisory_lock(namespace, hashtext(current_schema() || '.' || table))}. Only the holder relays; the
 * others retry every {@code lockRetryInterval}. All reads and marks run on that same connection, so the holder
 * cannot act after losing its session: if the connection dies, PostgreSQL releases the lock, the next statement
 * fails, and the relay starts over by taking the lock again. A lock, unlike a lease row, needs no clock and no
 * expiry tuning, and is released by PostgreSQL the moment the process or its connection goes away. The cost is one
 * pooled connection held for the relay's life. The one window left: a holder whose connection breaks while a batch
 * is in flight to Kafka may publish that batch while a successor publishes it too (duplicates of one batch, same
 * event ids, never a loss).
 *
 * <h2>No transaction across the send</h2>
 * A batch is read with an autocommit {@code SELECT}, sent and acknowledged (the publisher waits for every ack), and
 * only then marked published with one autocommit {@code UPDATE}. A crash between the send and the mark re-sends
 * the batch (at least once; same event ids, so consumers deduplicate). A failed send marks the acknowledged head
 * of the batch, backs off (doubling up to {@code maxBackoff}) and retries from the first unacknowledged row, so
 * nothing is skipped and a later row of a key is never published before an earlier one.
 *
 * <h2>Positions committed out of order</h2>
 * Positions come from an identity sequence when the row is inserted, so a transaction can commit a lower position
 * after a higher one became visible. When the visible rows skip a position after the last one published, the
 * relay waits up to {@code gapTimeout} for it (a transaction still in flight) before treating it as rolled back;
 * a row that commits even later is still published (never lost), only after higher positions. Writers keep the
 * order of one key by changing the key's own row (which locks it) before inserting its outbox row, and by keeping
 * those transactions short.
 *
 * <p>It polls every {@code pollInterval} when idle and goes straight on while it finds work; {@link #wakeUp()} lets
 * a writer skip the wait after a commit. PostgreSQL only.
 */
public final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** First key of the two-key advisory lock: "obrx", so outbox relays never collide with other advisory locks. */
    static final int LOCK_NAMESPACE = 0x6F627278;
    /** Long enough for a batch in flight to be acknowledged or to fail (the publisher's own deadline). */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    private final DataSource dataSource;
    private final IntegrationEventPublisher publisher;
    private final IntegrationEventCodec codec;
    private final EventTypeVersions versions;
    private final Settings settings;
    private final String selectBatch;
    private final String markPublished;
    private final String lastPublishedQuery;

    private final ReentrantLock sleepLock = new ReentrantLock();
    private final Condition wake = sleepLock.newCondition();
    private boolean wakeRequested;

    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean running;
    private volatile boolean holdsLock;
    private volatile Throwable lastFailure;
    private Thread thread;

    // relay thread only
    private Connection connection;
    private long lastPublishedPosition = -1;
    private long gapPosition = -1;
    private long gapSeenAt;

    public OutboxRelay(DataSource dataSource, IntegrationEventPublisher publisher, EventTypeVersions versions,
                       Settings settings) {
        this.dataSource = dataSource;
        this.publisher = publisher;
        this.codec = publisher.codec();
        this.versions = versions;
        this.settings = settings;
        String table = settings.table();
        this.selectBatch = "SELECT position, event_id::text, topic, message_key, event_type, payload::text, created_at "
                + "FROM " + table + " WHERE published_at IS NULL ORDER BY position LIMIT " + settings.batchSize();
        this.markPublished = "UPDATE " + table + " SET published_at = now() WHERE position = ANY (?)";
        this.lastPublishedQuery = "SELECT coalesce(max(position), 0) FROM " + table + " WHERE published_at IS NOT NULL";
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "outbox-relay-" + settings.table());
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops after the batch in flight (if any) is acknowledged and marked, and releases the lock. */
    @Override
    public void stop() {
        Thread relay;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            relay = thread;
        }
        wakeUp();
        try {
            relay.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (relay.isAlive()) {
            relay.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Ask the relay to look for rows now rather than after the poll interval (e.g. after a commit). */
    public void wakeUp() {
        sleepLock.lock();
        try {
            wakeRequested = true;
            wake.signalAll();
        } finally {
            sleepLock.unlock();
        }
    }

    /** True while this instance holds the table's advisory lock (it is the one relaying). */
    public boolean holdsLock() {
        return holdsLock;
    }

    /** Rows published (acknowledged and marked) by this instance. */
    public long publishedCount() {
        return published.get();
    }

    /** Failed attempts so far (Kafka or database); each is retried. */
    public long failureCount() {
        return failures.get();
    }

    /** The last failure, or null. */
    public Throwable lastFailure() {
        return lastFailure;
    }

    private void run() {
        Duration backoff = settings.minBackoff();
        try {
            while (running) {
                try {
                    if (!ensureLock()) {
                        sleep(settings.lockRetryInterval());
                        continue;
                    }
                    int relayed = relayBatch();
                    backoff = settings.minBackoff();
                    if (relayed == 0) {
                        sleep(settings.pollInterval());
                    }
                } catch (SQLException | RuntimeException e) {
                    failures.incrementAndGet();
                    lastFailure = e;
                    log.warn("Outbox relay of {} failed; retrying in {} ms: {}", settings.table(), backoff.toMillis(),
                            e.toString());
                    if (e instanceof SQLException) {
                        closeConnection(); // it may be broken; the lock goes with it and is taken again
                    }
                    sleep(backoff);
                    backoff = min(backoff.multipliedBy(2), settings.maxBackoff());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeConnection();
        }
    }

    private boolean ensureLock() throws SQLException {
        if (connection != null && holdsLock) {
            return true;
        }
        if (connection == null) {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_try_advisory_lock(?, hashtext(current_schema() || '.' || ?))")) {
            statement.setInt(1, LOCK_NAMESPACE);
            statement.setString(2, settings.table());
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                holdsLock = result.getBoolean(1);
            }
        }
        if (holdsLock) {
            try (PreparedStatement statement = connection.prepareStatement(lastPublishedQuery);
                 ResultSet result = statement.executeQuery()) {
                result.next();
                lastPublishedPosition = result.getLong(1);
                gapPosition = -1;
            }
            log.info("Outbox relay of {} took the lock; continuing after position {}", settings.table(),
                    lastPublishedPosition);
        }
        return holdsLock;
    }

    /** Reads, publishes and marks one batch; returns how many rows it published. */
    private int relayBatch() throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(selectBatch);
             ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                rows.add(new Row(result.getLong(1), result.getString(2), result.getString(3), result.getString(4),
                        result.getString(5), result.getString(6), result.getObject(7, OffsetDateTime.class)));
            }
        }
        List<Row> batch = withoutOpenGaps(rows);
        if (batch.isEmpty()) {
            return 0;
        }
        List<OutgoingEvent> events = new ArrayList<>(batch.size());
        for (Row row : batch) {
            IntegrationEvent event = new IntegrationEvent(row.eventId(), row.type(), versions.versionOf(row.type()),
                    row.createdAt() == null ? null : row.createdAt().toInstant(), row.key(), row.position(), null,
                    null, codec.parsePayload(row.payload()));
            events.add(new OutgoingEvent(row.topic(), row.key(), event));
        }
        try {
            publisher.publishAll(events);
        } catch (PublishFailedException e) {
            markPublished(batch.subList(0, e.acknowledgedPrefix()));
            throw e;
        }
        markPublished(batch);
        return batch.size();
    }

    /**
     * The rows that may go now: all up to the first position that is missing after the last one published, unless
     * that gap has been open longer than the gap timeout.
     */
    private List<Row> withoutOpenGaps(List<Row> rows) {
        List<Row> ready = new ArrayList<>(rows.size());
        long expected = lastPublishedPosition + 1;
        for (Row row : rows) {
            if (row.position() < expected) {
                log.warn("Outbox row {} of {} committed after later rows were published; publishing it now",
                        row.position(), settings.table());
            } else if (row.position() > expected) {
                long now = System.nanoTime();
                if (gapPosition != expected) {
                    gapPosition = expected;
                    gapSeenAt = now;
                }
                if (now - gapSeenAt < settings.gapTimeout().toNanos()) {
                    break; // a transaction holding the missing position may still commit
                }
                log.debug("Outbox positions {}..{} of {} never appeared (rolled back); going on", expected,
                        row.position() - 1, settings.table());
            }
            ready.add(row);
            expected = Math.max(expected, row.position() + 1);
        }
        return ready;
    }

    private void markPublished(List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        Long[] positions = rows.stream().map(Row::position).toArray(Long[]::new);
        Array array = connection.createArrayOf("bigint", positions);
        try (PreparedStatement statement = connection.prepareStatement(markPublished)) {
            statement.setArray(1, array);
            statement.executeUpdate();
        } finally {
            array.free();
        }
        for (Row row : rows) {
            lastPublishedPosition = Math.max(lastPublishedPosition, row.position());
        }
        published.addAndGet(rows.size());
    }

    private void sleep(Duration duration) throws InterruptedException {
        sleepLock.lock();
        try {
            long nanos = duration.toNanos();
            while (!wakeRequested && running && nanos > 0) {
                nanos = wake.awaitNanos(nanos);
            }
            wakeRequested = false;
        } finally {
            sleepLock.unlock();
        }
    }

    private void closeConnection() {
        boolean held = holdsLock;
        holdsLock = false;
        if (connection == null) {
            return;
        }
        if (held) {
            releaseLock();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("closing the outbox relay connection failed: {}", e.toString());
        }
        connection = null;
    }

    private void releaseLock() {
        try {
            // closing a pooled connection does not end the session, so release the lock explicitly
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT pg_advisory_unlock(?, hashtext(current_schema() || '.' || ?))")) {
                statement.setInt(1, LOCK_NAMESPACE);
                statement.setString(2, settings.table());
                statement.execute();
            }
        } catch (SQLException e) {
            log.debug("releasing the outbox lock failed (the session is probably gone): {}", e.toString());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private record Row(long position, String eventId, String topic, String key, String type, String payload,
                       OffsetDateTime createdAt) {
    }

    /**
     * How the relay works.
     *
     * @param table             the outbox table, optionally schema-qualified (default {@code outbox})
     * @param pollInterval      the wait between polls when there was nothing to do (default 100 ms)
     * @param batchSize         rows read, sent and marked together (default 200)
     * @param gapTimeout        how long a missing position is waited for before it counts as rolled back
     * @param minBackoff        the first wait after a failure; doubles up to {@code maxBackoff}
     * @param maxBackoff        the longest wait between retries
     * @param lockRetryInterval how often a relay without the lock tries to take it
     */
    public record Settings(String table, Duration pollInterval, int batchSize, Duration gapTimeout,
                           Duration minBackoff, Duration maxBackoff, Duration lockRetryInterval) {

        public Settings {
            Objects.requireNonNull(table, "table");
            if (!IDENTIFIER.matcher(table).matches()) {
                throw new IllegalArgumentException("not a plain table name: " + table);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be positive");
            }
        }

        public static Settings defaults() {
            return new Settings("outbox", Duration.ofMillis(100), 200, Duration.ofSeconds(1), Duration.ofMillis(100),
                    Duration.ofSeconds(10), Duration.ofSeconds(1));
        }

        public Settings withTable(String newTable) {
            return new Settings(newTable, pollInterval, batchSize, gapTimeout, minBackoff, maxBackoff,
                    lockRetryInterval);
        }

        public Settings withBatchSize(int size) {
            return new Settings(table, pollInterval, size, gapTimeout, minBackoff, maxBackoff, lockRetryInterval);
        }

        public Settings withGapTimeout(Duration timeout) {
            return new Settings(table, pollInterval, batchSize, timeout, minBackoff, maxBackoff, lockRetryInterval);
        }

        public Settings withMaxBackoff(Duration backoff) {
            return new Settings(table, pollInterval, batchSize, gapTimeout, minBackoff, backoff, lockRetryInterval);
        }

        public Settings withLockRetryInterval(Duration interval) {
            return new Settings(table, pollInterval, batchSize, gapTimeout, minBackoff, maxBackoff, interval);
        }
    }
}
