package io.chatbackend.platform.cassandra.readmodel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A read model: its name and its logical tables, each with a {@code CREATE TABLE} template whose {@code %s} is
 * replaced by the physical table name ({@code <logical>_e<epoch>}).
 *
 * <p>Example: {@code new ReadModelDefinition("timeline", Map.of("timeline",
 * "CREATE TABLE %s (dialog_id bigint, bucket int, seq bigint, body text, PRIMARY KEY ((dialog_id, bucket), seq))"))}.
 *
 * @param name   the model's name, lower case ({@code [a-z][a-z0-9_]*}, at most 40 characters)
 * @param tables logical table name to its {@code CREATE TABLE} template; iteration order is kept
 */
public record ReadModelDefinition(String name, Map<String, String> tables) {

    /** Lower-case unquoted identifiers; 40 characters leave room for {@code _e<epoch>} within Cassandra's 48. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    public ReadModelDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tables, "tables");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("read model name must match " + NAME + ": " + name);
        }
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("read model " + name + " has no tables");
        }
        for (Map.Entry<String, String> table : tables.entrySet()) {
            if (!NAME.matcher(table.getKey()).matches()) {
                throw new IllegalArgumentException("logical table name must match " + NAME + ": " + table.getKey());
            }
            String template = table.getValue();
            if (template == null || !template.contains("%s") || template.indexOf("%s") != template.lastIndexOf("%s")) {
                throw new IllegalArgumentException("the template of " + name + "." + table.getKey()
                        + " must contain exactly one %s for the physical table name");
            }
        }
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    /** The {@code CREATE TABLE} statement of one logical table for the given physical name. */
    public String createStatement(String logical, String physicalTable) {
        String template = tables.get(logical);
        if (template == null) {
            throw new IllegalArgumentException("read model " + name + " has no table " + logical);
        }
        return template.replace("%s", physicalTable);
    }

    /** The physical name of a logical table in an epoch: {@code <logical>_e<epoch>}. */
    public static String physicalTable(String logical, int epoch) {
        return logical + "_e" + epoch;
    }
}
