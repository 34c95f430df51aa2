package io.chatbackend.platform.cassandra.readmodel;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Compares two scans of one table shape, each in token order (the order Cassandra returns a range scan in), by a
 * merge on the token: rows sharing a token (one partition, or the rare partitions whose tokens collide) are matched
 * by their primary key bytes, so only one partition per side is held in memory and no type-specific ordering is
 * needed. Values are compared as their serialized bytes, which are canonical for every CQL type.
 */
final class TableDiff {

    /** One scanned row: its token, primary key values and compared values, serialized. */
    record ScannedRow(Comparable<?> token, List<ByteBuffer> key, List<ByteBuffer> values) {
    }

    /** Turns serialized values into readable CQL literals, only for examples. */
    interface Formatter {
        String key(int index, ByteBuffer value);

        String value(int index, ByteBuffer value);
    }

    /** Example differences shared by every table of one comparison, so the report keeps at most a fixed number. */
    static final class Examples {
        private final int limit;
        private final List<Difference> examples = new ArrayList<>();

        Examples(int limit) {
            this.limit = limit;
        }

        boolean full() {
            return examples.size() >= limit;
        }

        void add(Difference difference) {
            if (!full()) {
                examples.add(difference);
            }
        }

        List<Difference> list() {
            return List.copyOf(examples);
        }
    }

    private static final int MAX_LITERAL = 200;

    private final String logicalTable;
    private final List<String> keyColumns;
    private final List<String> valueColumns;
    private final Formatter formatter;
    private final Examples examples;
    private long liveRows;
    private long rebuiltRows;
    private long onlyInLive;
    private long onlyInRebuilt;
    private long differing;

    TableDiff(String logicalTable, List<String> keyColumns, List<String> valueColumns, Formatter formatter,
              Examples examples) {
        this.logicalTable = logicalTable;
        this.keyColumns = List.copyOf(keyColumns);
        this.valueColumns = List.copyOf(valueColumns);
        this.formatter = formatter;
        this.examples = examples;
    }

    /** Merges one token range of both tables (call once per range; ranges must not overlap). */
    void merge(Iterator<ScannedRow> live, Iterator<ScannedRow> rebuilt) {
        Peeking left = new Peeking(live);
        Peeking right = new Peeking(rebuilt);
        while (left.hasNext() || right.hasNext()) {
            Comparable<?> token;
            if (!left.hasNext()) {
                token = right.peek().token();
            } else if (!right.hasNext()) {
                token = left.peek().token();
            } else {
                token = compare(left.peek().token(), right.peek().token()) <= 0 ? left.peek().token()
                        : right.peek().token();
            }
            Map<List<ByteBuffer>, ScannedRow> liveGroup = drain(left, token);
            Map<List<ByteBuffer>, ScannedRow> rebuiltGroup = drain(right, token);
            liveRows += liveGroup.size();
            rebuiltRows += rebuiltGroup.size();
            for (ScannedRow liveRow : liveGroup.values()) {
                ScannedRow rebuiltRow = rebuiltGroup.remove(liveRow.key());
                if (rebuiltRow == null) {
                    onlyInLive++;
                    examples.add(new Difference(logicalTable, Difference.ONLY_IN_LIVE, key(liveRow), null, null, null));
                } else {
                    compareValues(liveRow, rebuiltRow);
                }
            }
            for (ScannedRow rebuiltRow : rebuiltGroup.values()) {
                onlyInRebuilt++;
                examples.add(new Difference(logicalTable, Difference.ONLY_IN_REBUILT, key(rebuiltRow), null, null,
                        null));
            }
        }
    }

    TableComparison result(String liveTable, String rebuiltTable, List<String> columnsOnlyInLive,
                           List<String> columnsOnlyInRebuilt) {
        return new TableComparison(logicalTable, liveTable, rebuiltTable, liveRows, rebuiltRows, onlyInLive,
                onlyInRebuilt, differing, columnsOnlyInLive, columnsOnlyInRebuilt);
    }

    private void compareValues(ScannedRow live, ScannedRow rebuilt) {
        boolean differs = false;
        for (int i = 0; i < valueColumns.size(); i++) {
            ByteBuffer liveValue = live.values().get(i);
            ByteBuffer rebuiltValue = rebuilt.values().get(i);
            if (!Objects.equals(liveValue, rebuiltValue)) {
                differs = true;
                if (examples.full()) {
                    break;
                }
                examples.add(new Difference(logicalTable, Difference.DIFFERENT, key(live), valueColumns.get(i),
                        literal(formatter.value(i, liveValue)), literal(formatter.value(i, rebuiltValue))));
            }
        }
        if (differs) {
            differing++;
        }
    }

    private Map<String, String> key(ScannedRow row) {
        Map<String, String> key = new LinkedHashMap<>();
        for (int i = 0; i < keyColumns.size(); i++) {
            key.put(keyColumns.get(i), literal(formatter.key(i, row.key().get(i))));
        }
        return key;
    }

    private static Map<List<ByteBuffer>, ScannedRow> drain(Peeking rows, Comparable<?> token) {
        Map<List<ByteBuffer>, ScannedRow> group = new LinkedHashMap<>();
        while (rows.hasNext() && compare(rows.peek().token(), token) == 0) {
            ScannedRow row = rows.next();
            group.put(row.key(), row);
        }
        return group;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Comparable<?> a, Comparable<?> b) {
        return ((Comparable) a).compareTo(b);
    }

    private static String literal(String text) {
        if (text == null || text.length() <= MAX_LITERAL) {
            return text;
        }
        return text.substring(0, MAX_LITERAL) + "…";
    }

    private static final class Peeking {
        private final Iterator<ScannedRow> rows;
        private ScannedRow next;

        Peeking(Iterator<ScannedRow> rows) {
            this.rows = rows;
        }

        boolean hasNext() {
            return next != null || rows.hasNext();
        }

        ScannedRow peek() {
            if (next == null) {
                if (!rows.hasNext()) {
                    throw new NoSuchElementException();
                }
                next = rows.next();
            }
            return next;
        }

        ScannedRow next() {
            ScannedRow row = peek();
            next = null;
            return row;
        }
    }
}
