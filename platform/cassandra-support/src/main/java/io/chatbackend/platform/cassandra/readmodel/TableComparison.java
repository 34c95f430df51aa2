package io.chatbackend.platform.cassandra.readmodel;

import java.util.List;

/**
 * The comparison of one logical table's live and rebuilt physical tables.
 *
 * @param logicalTable         the logical table
 * @param liveTable            the live physical table
 * @param rebuiltTable         the rebuilt physical table
 * @param liveRows             rows in the live table
 * @param rebuiltRows          rows in the rebuilt table
 * @param onlyInLive           rows (by primary key) only in the live table
 * @param onlyInRebuilt        rows only in the rebuilt table
 * @param differing            rows in both with at least one differing column
 * @param columnsOnlyInLive    columns the rebuilt table no longer has (not compared)
 * @param columnsOnlyInRebuilt columns new in the rebuilt table (not compared)
 */
public record TableComparison(String logicalTable, String liveTable, String rebuiltTable, long liveRows,
                              long rebuiltRows, long onlyInLive, long onlyInRebuilt, long differing,
                              List<String> columnsOnlyInLive, List<String> columnsOnlyInRebuilt) {

    public TableComparison {
        columnsOnlyInLive = List.copyOf(columnsOnlyInLive);
        columnsOnlyInRebuilt = List.copyOf(columnsOnlyInRebuilt);
    }
}
