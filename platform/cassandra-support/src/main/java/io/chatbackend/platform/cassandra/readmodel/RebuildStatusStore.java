package io.chatbackend.platform.cassandra.readmodel;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.type.reflect.GenericType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuild statuses saved in {@code read_model_rebuilds} (kept 30 days), so any instance of the service answers for a
 * job another instance runs, and a finished job's report outlives a restart.
 */
final class RebuildStatusStore {

    /** A saved status and when it was saved. */
    record Saved(RebuildStatus status, Instant savedAt) {
    }

    private static final GenericType<List<Map<String, String>>> MAPS =
            new GenericType<>() { };
    private static final String SEPARATOR = ",";

    private final ReadModelCatalog catalog;
    private final PreparedStatement insert;
    private final PreparedStatement select;

    RebuildStatusStore(ReadModelCatalog catalog) {
        this.catalog = catalog;
        catalog.ddl("CREATE TABLE IF NOT EXISTS read_model_rebuilds (job_id text PRIMARY KEY, model text, "
                + "state text, done bigint, total bigint, rate double, eta_ms bigint, from_epoch int, to_epoch int, "
                + "error text, saved_at timestamp, report_tables list<frozen<map<text, text>>>, "
                + "report_examples list<frozen<map<text, text>>>) WITH default_time_to_live = 2592000");
        var session = catalog.session();
        insert = session.prepare("INSERT INTO read_model_rebuilds (job_id, model, state, done, total, rate, eta_ms, "
                + "from_epoch, to_epoch, error, saved_at, report_tables, report_examples) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        select = session.prepare("SELECT job_id, model, state, done, total, rate, eta_ms, from_epoch, to_epoch, "
                + "error, saved_at, report_tables, report_examples FROM read_model_rebuilds WHERE job_id = ?");
    }

    void save(RebuildStatus status) {
        ComparisonReport report = status.report();
        catalog.session().execute(insert.bind(status.jobId(), status.model(), status.state(), status.done(),
                        status.total(), status.ratePerSecond(), status.eta() == null ? null : status.eta().toMillis(),
                        status.fromEpoch(), status.toEpoch(), status.error(), Instant.now(),
                        report == null ? null : report.tables().stream().map(RebuildStatusStore::encode).toList(),
                        report == null ? null : report.examples().stream().map(RebuildStatusStore::encode).toList())
                .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM));
    }

    Optional<Saved> load(String jobId) {
        Row row = catalog.session().execute(select.bind(jobId).setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM))
                .one();
        if (row == null) {
            return Optional.empty();
        }
        List<Map<String, String>> tables = row.get("report_tables", MAPS);
        ComparisonReport report = tables == null || tables.isEmpty() ? null
                : ComparisonReport.of(tables.stream().map(RebuildStatusStore::table).toList(),
                Optional.ofNullable(row.get("report_examples", MAPS)).orElse(List.of()).stream()
                        .map(RebuildStatusStore::difference).toList());
        Long etaMillis = row.get("eta_ms", Long.class);
        RebuildStatus status = new RebuildStatus(row.getString("job_id"), row.getString("model"),
                row.getString("state"), row.getLong("done"), row.getLong("total"), row.getDouble("rate"),
                etaMillis == null ? null : Duration.ofMillis(etaMillis), row.getInt("from_epoch"),
                row.getInt("to_epoch"), report, row.getString("error"));
        return Optional.of(new Saved(status, row.getInstant("saved_at")));
    }

    // A frozen map holds no nulls: absent entries stand for null.

    private static Map<String, String> encode(TableComparison table) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("logicalTable", table.logicalTable());
        map.put("liveTable", table.liveTable());
        map.put("rebuiltTable", table.rebuiltTable());
        map.put("liveRows", Long.toString(table.liveRows()));
        map.put("rebuiltRows", Long.toString(table.rebuiltRows()));
        map.put("onlyInLive", Long.toString(table.onlyInLive()));
        map.put("onlyInRebuilt", Long.toString(table.onlyInRebuilt()));
        map.put("differing", Long.toString(table.differing()));
        map.put("columnsOnlyInLive", String.join(SEPARATOR, table.columnsOnlyInLive()));
        map.put("columnsOnlyInRebuilt", String.join(SEPARATOR, table.columnsOnlyInRebuilt()));
        return map;
    }

    private static TableComparison table(Map<String, String> map) {
        return new TableComparison(map.get("logicalTable"), map.get("liveTable"), map.get("rebuiltTable"),
                Long.parseLong(map.get("liveRows")), Long.parseLong(map.get("rebuiltRows")),
                Long.parseLong(map.get("onlyInLive")), Long.parseLong(map.get("onlyInRebuilt")),
                Long.parseLong(map.get("differing")), split(map.get("columnsOnlyInLive")),
                split(map.get("columnsOnlyInRebuilt")));
    }

    private static Map<String, String> encode(Difference difference) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("logicalTable", difference.logicalTable());
        map.put("kind", difference.kind());
        map.put("keyColumns", String.join(SEPARATOR, difference.primaryKey().keySet()));
        difference.primaryKey().forEach((column, value) -> {
            if (value != null) {
                map.put("key." + column, value);
            }
        });
        if (difference.column() != null) {
            map.put("column", difference.column());
        }
        if (difference.liveValue() != null) {
            map.put("liveValue", difference.liveValue());
        }
        if (difference.rebuiltValue() != null) {
            map.put("rebuiltValue", difference.rebuiltValue());
        }
        return map;
    }

    private static Difference difference(Map<String, String> map) {
        Map<String, String> key = new LinkedHashMap<>();
        for (String column : split(map.get("keyColumns"))) {
            key.put(column, map.get("key." + column));
        }
        return new Difference(map.get("logicalTable"), map.get("kind"), key, map.get("column"),
                map.get("liveValue"), map.get("rebuiltValue"));
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(joined.split(SEPARATOR)));
    }
}
