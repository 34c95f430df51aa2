package io.chatbackend.platform.events;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * The shape of a JSON event: every member's path with its JSON type, sorted. Producers' tests compare what they
 * publish with their published sample by shape (values differ, members and types must not), so a change that would
 * break the consumers reading the sample fails the producer's build.
 */
public final class ContractShape {

    private ContractShape() {
    }

    /** Lines like {@code /payload/dialogSeq:NUMBER}, one per leaf member, sorted. */
    public static List<String> of(JsonNode node) {
        List<String> paths = new ArrayList<>();
        collect("", node, paths);
        paths.sort(null);
        return paths;
    }

    private static void collect(String path, JsonNode node, List<String> paths) {
        if (node.isObject()) {
            node.properties().forEach(member -> collect(path + "/" + member.getKey(), member.getValue(), paths));
        } else {
            paths.add(path + ":" + node.getNodeType());
        }
    }
}
