package io.chatbackend.platform.cassandra.readmodel;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The merge of two token-ordered scans: pairing by key, per-column differences, collisions, example limit. */
class TableDiffTest {

    private static final TableDiff.Formatter TEXT = new TableDiff.Formatter() {
        @Override
        public String key(int index, ByteBuffer value) {
            return text(value);
        }

        @Override
        public String value(int index, ByteBuffer value) {
            return text(value);
        }
    };

    @Test
    void identicalScansHaveNoDifferences() {
        List<TableDiff.ScannedRow> rows = List.of(row(1, "a", "1", "x", "y"), row(1, "a", "2", "x", "y"),
                row(7, "b", "1", null, "z"));
        TableComparison result = compare(rows, rows, new TableDiff.Examples(20));

        assertThat(result.liveRows()).isEqualTo(3);
        assertThat(result.rebuiltRows()).isEqualTo(3);
        assertThat(result.onlyInLive() + result.onlyInRebuilt() + result.differing()).isZero();
    }

    @Test
    void reportsRowsOnOneSideAndDifferingColumnsWithKeysAndValues() {
        List<TableDiff.ScannedRow> live = List.of(row(1, "a", "1", "x", "y"), row(1, "a", "2", "x", "y"),
                row(5, "c", "1", "p", "q"), row(9, "d", "1", "m", "n"));
        List<TableDiff.ScannedRow> rebuilt = List.of(row(1, "a", "1", "x", "y"), row(1, "a", "2", "X", "Y"),
                row(3, "e", "1", "r", "s"), row(9, "d", "1", "m", null));
        TableDiff.Examples examples = new TableDiff.Examples(20);
        TableComparison result = compare(live, rebuilt, examples);

        assertThat(result.onlyInLive()).isEqualTo(1);
        assertThat(result.onlyInRebuilt()).isEqualTo(1);
        assertThat(result.differing()).isEqualTo(2);
        assertThat(examples.list()).containsExactlyInAnyOrder(
                new Difference("t", Difference.DIFFERENT, Map.of("pk", "a", "ck", "2"), "v1", "x", "X"),
                new Difference("t", Difference.DIFFERENT, Map.of("pk", "a", "ck", "2"), "v2", "y", "Y"),
                new Difference("t", Difference.ONLY_IN_REBUILT, Map.of("pk", "e", "ck", "1"), null, null, null),
                new Difference("t", Difference.ONLY_IN_LIVE, Map.of("pk", "c", "ck", "1"), null, null, null),
                new Difference("t", Difference.DIFFERENT, Map.of("pk", "d", "ck", "1"), "v2", "n", null));
        assertThat(examples.list().get(0).primaryKey().keySet()).containsExactly("pk", "ck");
    }

    @Test
    void partitionsWhoseTokensCollideArePairedByKeyNotByPosition() {
        List<TableDiff.ScannedRow> live = List.of(row(4, "a", "1", "x", "y"), row(4, "b", "1", "x", "y"));
        List<TableDiff.ScannedRow> rebuilt = List.of(row(4, "b", "1", "x", "y"), row(4, "a", "1", "x", "y"));
        TableComparison result = compare(live, rebuilt, new TableDiff.Examples(20));

        assertThat(result.onlyInLive() + result.onlyInRebuilt() + result.differing()).isZero();
    }

    @Test
    void keepsAtMostTheExampleLimitButCountsEverything() {
        List<TableDiff.ScannedRow> live = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            live.add(row(i, "k" + i, "1", "x", "y"));
        }
        TableDiff.Examples examples = new TableDiff.Examples(ComparisonReport.MAX_EXAMPLES);
        TableComparison result = compare(live, List.of(), examples);

        assertThat(result.onlyInLive()).isEqualTo(50);
        assertThat(examples.list()).hasSize(ComparisonReport.MAX_EXAMPLES);
    }

    @Test
    void aReportSumsItsTables() {
        TableComparison a = new TableComparison("a", "a_e1", "a_e2", 10, 9, 1, 0, 2, List.of(), List.of());
        TableComparison b = new TableComparison("b", "b_e1", "b_e2", 5, 6, 0, 1, 0, List.of(), List.of("extra"));
        ComparisonReport report = ComparisonReport.of(List.of(a, b), List.of());

        assertThat(report.liveRows()).isEqualTo(15);
        assertThat(report.rebuiltRows()).isEqualTo(15);
        assertThat(report.differences()).isEqualTo(4);
    }

    private static TableComparison compare(List<TableDiff.ScannedRow> live, List<TableDiff.ScannedRow> rebuilt,
                                           TableDiff.Examples examples) {
        TableDiff diff = new TableDiff("t", List.of("pk", "ck"), List.of("v1", "v2"), TEXT, examples);
        diff.merge(live.iterator(), rebuilt.iterator());
        return diff.result("t_e1", "t_e2", List.of(), List.of());
    }

    private static TableDiff.ScannedRow row(long token, String pk, String ck, String v1, String v2) {
        return new TableDiff.ScannedRow(token, List.of(bytes(pk), bytes(ck)), Arrays.asList(bytes(v1), bytes(v2)));
    }

    private static ByteBuffer bytes(String text) {
        return text == null ? null : ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ByteBuffer value) {
        return value == null ? null : StandardCharsets.UTF_8.decode(value.duplicate()).toString();
    }
}
