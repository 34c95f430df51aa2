package io.chatbackend.system;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.chatbackend.platform.infra.Endpoints;
import io.chatbackend.platform.testing.SharedInfrastructure;

/**
 * What a whole system has stored, as a comparable fingerprint: per PostgreSQL table its row count and a digest of
 * every row, each event store's last global position, and per Cassandra read-model table its row count. Tables
 * that only say who is online right now (sessions, presence, node heartbeats), processor positions and id leases
 * change on their own and are left out, and so are the presence changes an outbox publishes (sessions of earlier
 * tests time out whenever they do): nothing a client sends can be recorded there but the session itself.
 */
record StoredState(Map<String, String> tables) {

    /** Per context, tables whose content moves with time alone. */
    private static final Map<String, Set<String>> LIVE_ONLY = Map.of(
            "user-client", Set.of("live_session", "presence", "notification_node"),
            "message-domain", Set.of("tokenentry", "id_generator_lease"),
            "dialog-domain", Set.of("tokenentry"));

    private static StoredState of(ChatSystem system, Endpoints endpoints, CqlSession cassandra) {
        Map<String, String> tables = new TreeMap<>();
        system.databases.forEach((context, url) -> readDatabase(context, url, endpoints, tables));
        system.keyspaces.forEach((context, keyspace) -> {
            for (var table : cassandra.getMetadata().getKeyspace(keyspace).orElseThrow().getTables().keySet()) {
                Row count = cassandra.execute("SELECT COUNT(*) FROM " + keyspace + "." + table.asCql(true)).one();
                tables.put(context + " cassandra " + table.asInternal(), "rows=" + count.getLong(0));
            }
        });
        return new StoredState(tables);
    }

    private static final int QUIET_SECONDS = 3;

    /**
     * The state once it stopped moving: the same fingerprint for three seconds in a row (what earlier requests set
     * off — projections, relays, recovery — has finished).
     */
    static StoredState settled(ChatSystem system, Duration patience) {
        Endpoints endpoints = SharedInfrastructure.endpoints();
        try (CqlSession cassandra = CqlSession.builder()
                .addContactPoint(new InetSocketAddress(endpoints.cassandraHost(), endpoints.cassandraPort()))
                .withLocalDatacenter(endpoints.cassandraLocalDatacenter()).build()) {
            long deadline = System.nanoTime() + patience.toNanos();
            StoredState last = of(system, endpoints, cassandra);
            int quietSeconds = 0;
            while (true) {
                Api.pause(1_000);
                StoredState now = of(system, endpoints, cassandra);
                quietSeconds = now.equals(last) ? quietSeconds + 1 : 0;
                // three quiet seconds: a consumer on a busy box (the system tests run two classes at a time) can
                // take more than one to apply what was published before
                if (quietSeconds >= QUIET_SECONDS || System.nanoTime() > deadline) {
                    return now;
                }
                last = now;
            }
        }
    }

    /** The tables whose fingerprint differs from {@code before}'s, with both fingerprints. */
    List<String> differencesFrom(StoredState before) {
        List<String> differences = new ArrayList<>();
        TreeMap<String, String> all = new TreeMap<>(before.tables);
        all.putAll(tables);
        all.keySet().forEach(table -> {
            String was = before.tables.get(table);
            String is = tables.get(table);
            if (was == null || !was.equals(is)) {
                differences.add(table + ": " + was + " -> " + is);
            }
        });
        return differences;
    }

    private static void readDatabase(String context, String url, Endpoints endpoints, Map<String, String> tables) {
        Set<String> liveOnly = LIVE_ONLY.getOrDefault(context, Set.of());
        try (Connection connection = DriverManager.getConnection(url, endpoints.postgresUsername(),
                endpoints.postgresPassword()); Statement statement = connection.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet found = statement.executeQuery("SELECT table_schema || '.' || table_name FROM "
                    + "information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN "
                    + "('pg_catalog', 'information_schema')")) {
                while (found.next()) {
                    names.add(found.getString(1));
                }
            }
            for (String name : names) {
                if (liveOnly.contains(name.substring(name.indexOf('.') + 1))) {
                    continue;
                }
                String rows = name.endsWith(".outbox") ? " WHERE event_type <> 'PresenceChanged'" : "";
                try (ResultSet digest = statement.executeQuery("SELECT count(*), md5(coalesce(string_agg(t::text, "
                        + "'|' ORDER BY t::text), '')) FROM " + name + " t" + rows)) {
                    digest.next();
                    tables.put(context + " " + name, "rows=" + digest.getLong(1) + " md5=" + digest.getString(2));
                }
                if (name.endsWith(".domainevententry")) {
                    try (ResultSet position = statement.executeQuery("SELECT max(globalindex) FROM " + name)) {
                        position.next();
                        tables.put(context + " event store position", String.valueOf(position.getLong(1)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the stored state of " + context, e);
        }
    }
}
