package io.chatbackend.tools.admin;

import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rebuild job's status as the service's admin API answers it (the JSON form of cassandra-support's
 * {@code RebuildStatus}). Read tolerantly: unknown members are ignored, missing ones read as empty.
 */
record JobStatus(String jobId, String model, String state, long done, long total, double ratePerSecond,
                 Duration eta, int fromEpoch, int toEpoch, Report report, String error) {

    static final String DONE = "DONE";
    static final String FAILED = "FAILED";
    /** A comparison only: the rebuilt copy was compared with the live model and dropped. */
    static final String COMPARED = "COMPARED";

    /** The comparison of the rebuilt tables with the live ones. */
    record Report(long liveRows, long rebuiltRows, long onlyInLive, long onlyInRebuilt, long differing,
                  List<TableResult> tables, List<Example> examples) {

        long differences() {
            return onlyInLive + onlyInRebuilt + differing;
        }
    }

    /** One logical table's comparison. */
    record TableResult(String logicalTable, String liveTable, String rebuiltTable, long liveRows, long rebuiltRows,
                       long onlyInLive, long onlyInRebuilt, long differing, List<String> columnsOnlyInLive,
                       List<String> columnsOnlyInRebuilt) {
    }

    /** One example difference. */
    record Example(String logicalTable, String kind, Map<String, String> primaryKey, String column,
                   String liveValue, String rebuiltValue) {
    }

    boolean finished() {
        return DONE.equals(state) || COMPARED.equals(state) || FAILED.equals(state);
    }

    static JobStatus parse(JsonNode node) {
        JsonNode report = node.path("report");
        return new JobStatus(text(node, "jobId"), text(node, "model"), text(node, "state"),
                node.path("done").asLong(0), node.path("total").asLong(0), node.path("ratePerSecond").asDouble(0),
                duration(node.path("eta")), node.path("fromEpoch").asInt(0), node.path("toEpoch").asInt(0),
                report.isObject() ? report(report) : null, text(node, "error"));
    }

    private static Report report(JsonNode node) {
        List<TableResult> tables = new ArrayList<>();
        for (JsonNode table : node.path("tables")) {
            tables.add(new TableResult(text(table, "logicalTable"), text(table, "liveTable"),
                    text(table, "rebuiltTable"), table.path("liveRows").asLong(0), table.path("rebuiltRows").asLong(0),
                    table.path("onlyInLive").asLong(0), table.path("onlyInRebuilt").asLong(0),
                    table.path("differing").asLong(0), strings(table.path("columnsOnlyInLive")),
                    strings(table.path("columnsOnlyInRebuilt"))));
        }
        List<Example> examples = new ArrayList<>();
        for (JsonNode example : node.path("examples")) {
            Map<String, String> key = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : example.path("primaryKey").properties()) {
                key.put(entry.getKey(), entry.getValue().isNull() ? null : entry.getValue().asString());
            }
            examples.add(new Example(text(example, "logicalTable"), text(example, "kind"), key,
                    text(example, "column"), text(example, "liveValue"), text(example, "rebuiltValue")));
        }
        return new Report(node.path("liveRows").asLong(0), node.path("rebuiltRows").asLong(0),
                node.path("onlyInLive").asLong(0), node.path("onlyInRebuilt").asLong(0),
                node.path("differing").asLong(0), tables, examples);
    }

    /** A duration as seconds (a number, as Jackson writes it with timestamps on) or ISO-8601 text ({@code PT12S}). */
    static Duration duration(JsonNode node) {
        if (node.isNumber()) {
            return Duration.ofMillis(Math.round(node.asDouble() * 1000));
        }
        if (node.isString()) {
            try {
                return Duration.parse(node.asString());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : array) {
            values.add(value.asString());
        }
        return values;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }
}
