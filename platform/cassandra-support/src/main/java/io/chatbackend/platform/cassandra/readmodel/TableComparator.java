package io.chatbackend.platform.cassandra.readmodel;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.metadata.TokenMap;
import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import com.datastax.oss.driver.api.core.type.DataType;
import com.datastax.oss.driver.api.core.type.codec.TypeCodec;
import com.datastax.oss.driver.api.core.type.codec.registry.CodecRegistry;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Compares a read model's rebuilt tables with its live ones: a full scan of both, slice by slice of the token ring
 * (paged), every column the table metadata lists. Knows nothing of the tables: primary key and columns come from the
 * driver's schema metadata.
 */
final class TableComparator {

    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);

    private final CqlSession session;
    private final CqlIdentifier keyspace;
    private final int splits;
    private final int pageSize;

    TableComparator(CqlSession session, CqlIdentifier keyspace, int splits, int pageSize) {
        this.session = session;
        this.keyspace = keyspace;
        this.splits = Math.max(1, splits);
        this.pageSize = Math.max(1, pageSize);
    }

    ComparisonReport compare(ReadModelDefinition definition, int liveEpoch, int rebuiltEpoch) {
        TableDiff.Examples examples = new TableDiff.Examples(ComparisonReport.MAX_EXAMPLES);
        List<TableComparison> tables = new ArrayList<>();
        for (String logical : definition.tables().keySet()) {
            tables.add(compareTable(logical, ReadModelDefinition.physicalTable(logical, liveEpoch),
                    ReadModelDefinition.physicalTable(logical, rebuiltEpoch), examples));
        }
        return ComparisonReport.of(tables, examples.list());
    }

    TableComparison compareTable(String logical, String liveName, String rebuiltName, TableDiff.Examples examples) {
        TableMetadata live = table(liveName);
        TableMetadata rebuilt = table(rebuiltName);
        List<ColumnMetadata> key = new ArrayList<>(live.getPrimaryKey());
        List<String> keyNames = names(key);
        if (!keyNames.equals(names(rebuilt.getPrimaryKey()))) {
            throw new IllegalStateException("the primary key of " + logical + " differs between " + liveName + " "
                    + keyNames + " and " + rebuiltName + " " + names(rebuilt.getPrimaryKey())
                    + ": the rows cannot be paired");
        }
        Set<String> rebuiltValueNames = new LinkedHashSet<>(names(valueColumns(rebuilt)));
        List<ColumnMetadata> compared = new ArrayList<>();
        List<String> onlyInLive = new ArrayList<>();
        for (ColumnMetadata column : valueColumns(live)) {
            if (rebuiltValueNames.remove(column.getName().asInternal())) {
                compared.add(column);
            } else {
                onlyInLive.add(column.getName().asInternal());
            }
        }
        List<String> onlyInRebuilt = List.copyOf(rebuiltValueNames);

        TableDiff diff = new TableDiff(logical, keyNames, names(compared), formatter(key, compared), examples);
        List<ColumnMetadata> partitionKey = live.getPartitionKey();
        String token = "token(" + partitionKey.stream().map(c -> c.getName().asCql(true))
                .collect(Collectors.joining(", ")) + ")";
        String columns = token + ", " + Stream.concat(key.stream(), compared.stream())
                .map(c -> c.getName().asCql(true)).collect(Collectors.joining(", "));
        if (murmur3()) {
            PreparedStatement liveScan = session.prepare(rangeScan(columns, liveName, token));
            PreparedStatement rebuiltScan = session.prepare(rangeScan(columns, rebuiltName, token));
            for (long[] range : ranges(splits)) {
                diff.merge(scan(liveScan.bind(range[0], range[1]), key.size(), true),
                        scan(rebuiltScan.bind(range[0], range[1]), key.size(), true));
            }
        } else {
            // Other partitioners: one scan of the whole ring, still in token order.
            diff.merge(scan(session.prepare(fullScan(columns, liveName)).bind(), key.size(), false),
                    scan(session.prepare(fullScan(columns, rebuiltName)).bind(), key.size(), false));
        }
        return diff.result(liveName, rebuiltName, onlyInLive, onlyInRebuilt);
    }

    /** {@code n} contiguous slices {@code (start, end]} covering the whole Murmur3 ring. */
    static List<long[]> ranges(int n) {
        BigInteger min = BigInteger.valueOf(Long.MIN_VALUE);
        BigInteger span = BigInteger.valueOf(Long.MAX_VALUE).subtract(min);
        List<long[]> ranges = new ArrayList<>(n);
        long start = Long.MIN_VALUE;
        for (int i = 1; i <= n; i++) {
            long end = i == n ? Long.MAX_VALUE
                    : min.add(span.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(n))).longValueExact();
            ranges.add(new long[] {start, end});
            start = end;
        }
        return ranges;
    }

    private Iterator<TableDiff.ScannedRow> scan(Statement<?> statement, int keySize, boolean longToken) {
        Iterator<Row> rows = session.execute(statement.setPageSize(pageSize).setTimeout(PAGE_TIMEOUT)).iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public TableDiff.ScannedRow next() {
                Row row = rows.next();
                Comparable<?> token = longToken ? (Comparable<?>) row.getLong(0) : (Comparable<?>) row.getToken(0);
                int size = row.getColumnDefinitions().size();
                List<ByteBuffer> key = new ArrayList<>(keySize);
                List<ByteBuffer> values = new ArrayList<>(size - 1 - keySize);
                for (int i = 1; i < size; i++) {
                    (i <= keySize ? key : values).add(row.getBytesUnsafe(i));
                }
                return new TableDiff.ScannedRow(token, key, values);
            }
        };
    }

    private TableDiff.Formatter formatter(List<ColumnMetadata> key, List<ColumnMetadata> values) {
        CodecRegistry registry = session.getContext().getCodecRegistry();
        ProtocolVersion version = session.getContext().getProtocolVersion();
        return new TableDiff.Formatter() {
            @Override
            public String key(int index, ByteBuffer value) {
                return format(key.get(index).getType(), value);
            }

            @Override
            public String value(int index, ByteBuffer value) {
                return format(values.get(index).getType(), value);
            }

            private String format(DataType type, ByteBuffer value) {
                if (value == null) {
                    return null;
                }
                TypeCodec<Object> codec = registry.codecFor(type);
                return codec.format(codec.decode(value.duplicate(), version));
            }
        };
    }

    private boolean murmur3() {
        // Without token metadata assume Cassandra's default partitioner.
        return session.getMetadata().getTokenMap().map(TokenMap::getPartitionerName)
                .map(name -> name.endsWith("Murmur3Partitioner")).orElse(true);
    }

    private TableMetadata table(String name) {
        Optional<TableMetadata> table = lookup(name);
        if (table.isEmpty()) {
            // Created by another instance a moment ago: the driver's schema may not have caught up yet.
            session.refreshSchema();
            table = lookup(name);
        }
        return table.orElseThrow(() -> new IllegalStateException("table " + keyspace.asInternal() + "." + name
                + " does not exist"));
    }

    private Optional<TableMetadata> lookup(String name) {
        return session.getMetadata().getKeyspace(keyspace).flatMap(ks -> ks.getTable(name));
    }

    private String rangeScan(String columns, String table, String token) {
        return "SELECT " + columns + " FROM " + CqlIdentifier.fromInternal(table).asCql(true) + " WHERE " + token
                + " > ? AND " + token + " <= ?";
    }

    private String fullScan(String columns, String table) {
        return "SELECT " + columns + " FROM " + CqlIdentifier.fromInternal(table).asCql(true);
    }

    private static List<ColumnMetadata> valueColumns(TableMetadata table) {
        Set<CqlIdentifier> key = table.getPrimaryKey().stream().map(ColumnMetadata::getName)
                .collect(Collectors.toSet());
        return table.getColumns().values().stream().filter(c -> !key.contains(c.getName())).toList();
    }

    private static List<String> names(List<ColumnMetadata> columns) {
        return columns.stream().map(c -> c.getName().asInternal()).toList();
    }
}
