package io.chatbackend.platform.cassandra.readmodel;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.chatbackend.platform.infra.Endpoints;
import io.chatbackend.platform.testing.IsolatedData;
import io.chatbackend.platform.testing.SharedInfrastructure;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A toy read model for the tests: per owner, items clustered by a sequence number (with a set and a map column) and
 * a totals row; its projection is an idempotent upsert, as the rebuild machinery requires.
 */
final class ToyModel {

    static final String NAME = "toy";
    static final String ITEMS = "items";
    static final String TOTALS = "totals";

    /** One event of the toy source. */
    record Event(String owner, int seq, String body, Set<String> tags, Map<String, Integer> attrs) {

        Event withBody(String newBody) {
            return new Event(owner, seq, newBody, tags, attrs);
        }
    }

    private ToyModel() {
    }

    static ReadModelDefinition definition() {
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put(ITEMS, "CREATE TABLE %s (owner text, seq int, body text, tags set<text>, attrs map<text, int>, "
                + "PRIMARY KEY (owner, seq)) WITH CLUSTERING ORDER BY (seq DESC)");
        tables.put(TOTALS, "CREATE TABLE %s (owner text PRIMARY KEY, items int, last_body text)");
        return new ReadModelDefinition(NAME, tables);
    }

    static Event event(String owner, int seq, String body) {
        return new Event(owner, seq, body, Set.of("t" + seq, "all"), Map.of("len", body.length()));
    }

    /** Events for owners a, b, c with sequences 1..perOwner each, in order per owner. */
    static List<Event> events(int perOwner) {
        List<Event> events = new ArrayList<>();
        for (int seq = 1; seq <= perOwner; seq++) {
            for (String owner : List.of("a", "b", "c")) {
                events.add(event(owner, seq, owner + "-body-" + seq));
            }
        }
        return events;
    }

    /** The projection: the same idempotent upserts into every given table. */
    static void apply(CqlSession session, List<String> itemTables, List<String> totalTables, Event event) {
        for (String table : itemTables) {
            session.execute(SimpleStatement.newInstance("INSERT INTO " + table
                    + " (owner, seq, body, tags, attrs) VALUES (?, ?, ?, ?, ?)", event.owner(), event.seq(),
                    event.body(), event.tags(), event.attrs()));
        }
        for (String table : totalTables) {
            session.execute(SimpleStatement.newInstance("UPDATE " + table + " SET items = ?, last_body = ? "
                    + "WHERE owner = ?", event.seq(), event.body(), event.owner()));
        }
    }

    /** The live projection: writes go where the catalog says. */
    static void applyLive(CqlSession session, ReadModelCatalog catalog, Event event) {
        apply(session, catalog.writeTables(NAME, ITEMS), catalog.writeTables(NAME, TOTALS), event);
    }

    /** A replay of the given events into the building tables. */
    static RebuildSource replaying(CqlSession session, List<Event> events) {
        return (sink, progress) -> {
            progress.total(events.size());
            for (Event event : events) {
                apply(session, List.of(sink.table(ITEMS)), List.of(sink.table(TOTALS)), event);
                progress.advance(1);
            }
        };
    }

    static long count(CqlSession session, String table) {
        return session.execute("SELECT count(*) FROM " + table).one().getLong(0);
    }

    static boolean tableExists(CqlSession session, String table) {
        return session.execute(SimpleStatement.newInstance("SELECT table_name FROM system_schema.tables "
                + "WHERE keyspace_name = ? AND table_name = ?", session.getKeyspace().orElseThrow().asInternal(),
                table)).one() != null;
    }

    /** A session on a new keyspace of the shared embedded Cassandra. */
    static CqlSession newSession(String prefix) {
        Endpoints endpoints = SharedInfrastructure.endpoints();
        String keyspace = IsolatedData.uniqueName(prefix);
        try (CqlSession bootstrap = builder(endpoints).build()) {
            bootstrap.execute("CREATE KEYSPACE " + keyspace
                    + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        }
        return builder(endpoints).withKeyspace(keyspace).build();
    }

    private static CqlSessionBuilder builder(Endpoints endpoints) {
        Duration timeout = Duration.ofSeconds(30);
        return CqlSession.builder()
                .addContactPoint(new InetSocketAddress(endpoints.cassandraHost(), endpoints.cassandraPort()))
                .withLocalDatacenter(endpoints.cassandraLocalDatacenter())
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, timeout)
                        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, timeout)
                        .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, timeout)
                        .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, timeout)
                        .build());
    }
}
