package io.chatbackend.tools.load.send.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The durable-commit ceiling of the run's own PostgreSQL: how many single-row insert transactions per second it
 * commits with this disk, these settings and this CPU, at 1 connection (each commit waits for its own WAL flush)
 * and at many (commits share flushes). Our sends/s as a share of it tells how far the send path is from what the
 * database alone allows. The table is a logged one in a scratch schema, so every commit flushes WAL like the
 * services' do; the schema is dropped afterwards.
 */
public final class CommitCeiling {

    private final PostgresAccess access;

    public CommitCeiling(PostgresAccess access) {
        this.access = access;
    }

    /** The server settings that decide durability and its cost. */
    public Map<String, String> durabilitySettings() throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection connection = access.connect(); Statement statement = connection.createStatement()) {
            for (String name : List.of("fsync", "synchronous_commit", "full_page_writes", "wal_sync_method",
                    "commit_delay")) {
                try (ResultSet rs = statement.executeQuery("SHOW " + name)) {
                    rs.next();
                    settings.put(name, rs.getString(1));
                }
            }
        }
        return settings;
    }

    /** Commits per second at each number of connections, {@code seconds} each. */
    public Map<Integer, Double> measure(List<Integer> connectionCounts, int seconds) throws Exception {
        String schema = "bench_commit_ceiling_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        try (Connection admin = access.connect(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
            statement.execute("CREATE TABLE " + schema + ".commits (id bigserial PRIMARY KEY, payload text NOT NULL)");
            try {
                Map<Integer, Double> rates = new LinkedHashMap<>();
                for (int connections : connectionCounts) {
                    rates.put(connections, commitsPerSecond(schema, connections, seconds));
                }
                return rates;
            } finally {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private double commitsPerSecond(String schema, int connections, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            List<Connection> open = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                open.add(access.connect()); // connected before the clock starts: commits only are timed
            }
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            long begin = System.nanoTime();
            List<Future<Long>> counts = new ArrayList<>();
            for (Connection connection : open) {
                counts.add(pool.submit(() -> insertUntil(connection, schema, deadline)));
            }
            long commits = 0;
            for (Future<Long> count : counts) {
                commits += count.get();
            }
            double elapsed = (System.nanoTime() - begin) / 1e9;
            for (Connection connection : open) {
                connection.close();
            }
            return commits / elapsed;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Autocommit: every insert is its own transaction and its own durable commit. */
    private static long insertUntil(Connection connection, String schema, long deadline) throws SQLException {
        connection.setAutoCommit(true);
        long commits = 0;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + schema
                + ".commits (payload) VALUES (?)")) {
            while (System.nanoTime() < deadline) {
                insert.setString(1, "a message-sized payload of about a hundred bytes, like one small event row");
                insert.executeUpdate();
                commits++;
            }
        }
        return commits;
    }
}
