package io.chatbackend.platform.cassandra.readmodel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One example difference between the live and the rebuilt table; values are CQL literals (shortened when long).
 *
 * @param logicalTable the logical table
 * @param kind         {@code ONLY_IN_LIVE}, {@code ONLY_IN_REBUILT} or {@code DIFFERENT}
 * @param primaryKey   the row's primary key columns, in key order
 * @param column       the differing column ({@code null} for a missing row)
 * @param liveValue    the value in the live table ({@code null} when missing or null)
 * @param rebuiltValue the value in the rebuilt table ({@code null} when missing or null)
 */
public record Difference(String logicalTable, String kind, Map<String, String> primaryKey, String column,
                         String liveValue, String rebuiltValue) {

    /** The row is only in the live table: the replay did not produce it. */
    public static final String ONLY_IN_LIVE = "ONLY_IN_LIVE";
    /** The row is only in the rebuilt table. */
    public static final String ONLY_IN_REBUILT = "ONLY_IN_REBUILT";
    /** The row is in both, with a different value in {@link #column()}. */
    public static final String DIFFERENT = "DIFFERENT";

    public Difference {
        // Key order matters to a reader: partition key first, then clustering columns.
        primaryKey = Collections.unmodifiableMap(new LinkedHashMap<>(primaryKey));
    }
}
