package io.chatbackend.platform.cassandra.readmodel;

import java.util.List;

/**
 * What a rebuild found when it compared the rebuilt tables with the live ones, row by row and column by column.
 *
 * @param liveRows      rows in the live tables
 * @param rebuiltRows   rows in the rebuilt tables
 * @param onlyInLive    rows only in the live tables (the replay lost them)
 * @param onlyInRebuilt rows only in the rebuilt tables
 * @param differing     rows in both with at least one differing column
 * @param tables        the same per logical table
 * @param examples      up to {@link #MAX_EXAMPLES} example differences
 */
public record ComparisonReport(long liveRows, long rebuiltRows, long onlyInLive, long onlyInRebuilt,
                               long differing, List<TableComparison> tables, List<Difference> examples) {

    /** At most this many example differences are kept. */
    public static final int MAX_EXAMPLES = 20;

    public ComparisonReport {
        tables = List.copyOf(tables);
        examples = List.copyOf(examples);
    }

    /** Sums the per-table comparisons. */
    public static ComparisonReport of(List<TableComparison> tables, List<Difference> examples) {
        long live = 0;
        long rebuilt = 0;
        long onlyLive = 0;
        long onlyRebuilt = 0;
        long differing = 0;
        for (TableComparison table : tables) {
            live += table.liveRows();
            rebuilt += table.rebuiltRows();
            onlyLive += table.onlyInLive();
            onlyRebuilt += table.onlyInRebuilt();
            differing += table.differing();
        }
        return new ComparisonReport(live, rebuilt, onlyLive, onlyRebuilt, differing, tables, examples);
    }

    /** Rows only in one side plus rows differing: zero when the rebuilt model equals the live one. */
    public long differences() {
        return onlyInLive + onlyInRebuilt + differing;
    }
}
