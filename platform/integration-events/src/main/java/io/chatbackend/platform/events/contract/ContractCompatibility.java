package io.chatbackend.platform.events.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * Whether an event a producer publishes now can still be read by a consumer written against an earlier sample: every
 * member of the earlier sample must still be there with the same JSON type. Members may be added (consumers ignore
 * unknown members); a member that is {@code null} on either side matches any type, since {@code null} is how an
 * optional member is absent.
 */
public final class ContractCompatibility {

    private ContractCompatibility() {
    }

    /** What breaks a reader of {@code earlier} when it reads {@code now}: one line per removed or retyped member. */
    public static List<String> breaks(JsonNode earlier, JsonNode now) {
        Map<String, String> nowTypes = typesByPath(now);
        List<String> breaks = new ArrayList<>();
        typesByPath(earlier).forEach((path, type) -> {
            String current = nowTypes.get(path);
            if (current == null) {
                breaks.add(path + " removed (was " + type + ")");
            } else if (!current.equals(type) && !"NULL".equals(current) && !"NULL".equals(type)) {
                breaks.add(path + " retyped from " + type + " to " + current);
            }
        });
        return breaks;
    }

    /** Members in {@code now} that {@code earlier} does not have: what a new sample must show. */
    public static List<String> additions(JsonNode earlier, JsonNode now) {
        Map<String, String> earlierTypes = typesByPath(earlier);
        return typesByPath(now).keySet().stream().filter(path -> !earlierTypes.containsKey(path)).toList();
    }

    /** Every leaf member's path (like {@code /payload/dialogSeq}) with its JSON type, sorted by path. */
    private static Map<String, String> typesByPath(JsonNode node) {
        Map<String, String> types = new TreeMap<>();
        collect("", node, types);
        return types;
    }

    private static void collect(String path, JsonNode node, Map<String, String> types) {
        if (node.isObject()) {
            node.properties().forEach(member -> collect(path + "/" + member.getKey(), member.getValue(), types));
        } else {
            types.put(path, node.getNodeType().name());
        }
    }
}
