package io.chatbackend.system;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile variants of a well-formed request, drawn from a seeded {@link Random} so that a failure can be replayed:
 * path variables replaced by values no id has, query parameters at and beyond their types' limits, and bodies that
 * are not JSON, not the endpoint's shape, of the wrong JSON types, oversized or nested without end. Every body and
 * path variant is invalid by construction and must be refused (4xx); a query variant may also be answered by a
 * clamped page (any answer but a 5xx).
 */
final class FuzzCases {

    /** What an answer to a case must be. */
    enum Expect {
        /** A 4xx problem. */
        REFUSED,
        /** Anything but a 5xx (a clamped or empty page, or an input the route does not read). */
        HARMLESS
    }

    /** One request to send. */
    record Case(String description, String method, String path, String contentType, byte[] body, Expect expect) {
    }

    /** Larger than every service's body limit (64 KiB). */
    static final int OVERSIZED = 70 * 1024;
    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z]+)}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> PATH_VALUES = List.of("", "%00", "%2e%2e", "..%2F..%2Fadmin", "-1", "0",
            "9223372036854775808", "-9223372036854775809", "1e400", "NaN", "'%20OR%20'1'='1", "%F0%9F%92%A9",
            "%FF%FE", "00000000-0000-0000-0000-000000000000", "a".repeat(2_000), "%7B%7D", "null", "true");
    private static final List<String> QUERY_VALUES = List.of("", "-1", "0", "9223372036854775807",
            "9223372036854775808", "-9223372036854775808", "2147483647000", "1e3", "1.5", "NaN", "abc", "%00",
            "x".repeat(4_000), "%FF", "00000000-0000-0000-0000-000000000000", "%5B%5D", "%2C%2C%2C");

    private final Random random;

    FuzzCases(long seed) {
        this.random = new Random(seed);
    }

    /**
     * {@code count} variants of {@code route}, its variables filled from {@code examples} (by name; in the body
     * and the query too).
     */
    List<Case> of(PublicRoutes.Route route, Map<String, String> examples, int count) {
        List<Case> cases = new ArrayList<>();
        String path = fill(route.template(), examples);
        String body = route.body() == null ? null : fill(route.body(), examples);
        List<String> variables = variables(route.template());
        for (int i = 0; i < count; i++) {
            int kinds = (variables.isEmpty() ? 0 : 1) + (route.query().isEmpty() ? 0 : 1) + (body == null ? 0 : 2);
            if (kinds == 0) {
                cases.add(extraneous(route, path));
                continue;
            }
            int pick = random.nextInt(kinds);
            if (!variables.isEmpty() && pick-- == 0) {
                cases.add(pathVariant(route, variables, examples, body));
            } else if (!route.query().isEmpty() && pick-- == 0) {
                cases.add(queryVariant(route, path, examples));
            } else {
                cases.add(bodyVariant(route, path + query(route.query(), examples), body));
            }
        }
        return cases;
    }

    /** A route that reads nothing: unknown parameters and an unasked-for body change nothing. */
    private Case extraneous(PublicRoutes.Route route, String path) {
        String junk = pick(QUERY_VALUES);
        return new Case("extraneous input", route.method(), path + "?junk=" + junk + "&limit=" + junk,
                "application/json", bytes("{\"junk\":" + pick(List.of("1", "null", "[]", "\"x\"")) + "}"),
                Expect.HARMLESS);
    }

    private Case pathVariant(PublicRoutes.Route route, List<String> variables, Map<String, String> examples,
                             String body) {
        String variable = pick(variables);
        String value = random.nextInt(4) == 0 ? UUID.randomUUID().toString() : pick(PATH_VALUES);
        String path = route.template().replace("{" + variable + "}", value);
        return new Case("path " + variable + "=" + abbreviate(value), route.method(),
                fill(path, examples) + query(route.query(), examples), "application/json",
                body == null ? null : bytes(body), Expect.REFUSED);
    }

    private Case queryVariant(PublicRoutes.Route route, String path, Map<String, String> examples) {
        List<String> names = new ArrayList<>(route.query().keySet());
        names.sort(null);
        String name = pick(names);
        String value = pick(QUERY_VALUES);
        StringBuilder query = new StringBuilder();
        route.query().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(parameter -> {
            query.append(query.isEmpty() ? "?" : "&").append(parameter.getKey()).append('=')
                    .append(parameter.getKey().equals(name) ? value : encode(fill(parameter.getValue(), examples)));
        });
        if (random.nextBoolean()) {
            query.append('&').append(name).append('=').append(pick(QUERY_VALUES)); // the parameter twice
        }
        return new Case("query " + name + "=" + abbreviate(value), route.method(), path + query, null, null,
                Expect.HARMLESS);
    }

    private Case bodyVariant(PublicRoutes.Route route, String path, String body) {
        JsonNode valid = Api.JSON.readTree(body);
        return switch (random.nextInt(12)) {
            case 0 -> raw("not JSON", route, path, pick(List.of("{", "nul", "{\"a\":}", "}{", "'x'", "\u0000")));
            case 1 -> raw("empty body", route, path, "");
            case 2 -> raw("not an object", route, path, pick(List.of("[]", "\"x\"", "5", "null", "true", "[{}]")));
            case 3 -> raw("nested without end", route, path, "[".repeat(20_000) + "]".repeat(20_000));
            case 4 -> new Case("not UTF-8", route.method(), path, "application/json",
                    new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', ':', '1', '}'}, Expect.REFUSED);
            case 5 -> new Case("wrong content type", route.method(), path, "text/plain", bytes(body), Expect.REFUSED);
            case 6 -> raw("trailing value", route, path, body + pick(List.of(" x", " {}", "}", ",1")));
            case 7 -> raw("unknown member", route, path, withMember(valid, "unexpected" + random.nextInt(100)));
            case 8 -> raw("oversized", route, path, oversized(valid));
            default -> memberVariant(route, path, valid);
        };
    }

    /** One member of the body (at any depth) given a value of another JSON type, an extreme one, or removed. */
    private Case memberVariant(PublicRoutes.Route route, String path, JsonNode valid) {
        List<String> paths = new ArrayList<>();
        collect(valid, "", paths);
        String target = pick(paths);
        JsonNode original = valid.at(target);
        List<JsonNode> replacements = new ArrayList<>(wrongTypes(original));
        String name = target.substring(target.lastIndexOf('/') + 1);
        boolean required = route.required().contains(name);
        if (required) {
            replacements.add(NODES.nullNode());
        }
        if (original.isNumber()) {
            replacements.addAll(List.of(NODES.numberNode(-1), NODES.numberNode(Long.MAX_VALUE),
                    NODES.numberNode(new java.math.BigInteger("9223372036854775808")),
                    NODES.numberNode(new java.math.BigDecimal("1e400")), NODES.numberNode(1.5)));
        }
        boolean remove = required && random.nextInt(4) == 0;
        JsonNode replacement = remove ? null : replacements.get(random.nextInt(replacements.size()));
        JsonNode changed = replaced(valid, target, replacement);
        return raw("member " + target + (remove ? " removed" : " = " + abbreviate(String.valueOf(replacement))),
                route, path, Api.JSON.writeValueAsString(changed));
    }

    /** Values whose JSON type differs from {@code original}'s. */
    private static List<JsonNode> wrongTypes(JsonNode original) {
        List<JsonNode> values = new ArrayList<>();
        if (!original.isString()) {
            values.add(NODES.stringNode("7"));
        }
        if (!original.isNumber()) {
            values.addAll(List.of(NODES.numberNode(5), NODES.numberNode(5.5)));
        }
        if (!original.isArray()) {
            values.add(NODES.arrayNode().add("x"));
        }
        if (!original.isObject()) {
            values.add(NODES.objectNode().put("x", 1));
        }
        values.add(NODES.booleanNode(true));
        if (original.isArray()) {
            values.add(NODES.arrayNode().add(5));
            values.add(NODES.arrayNode().addNull());
        }
        return values;
    }

    private Case raw(String description, PublicRoutes.Route route, String path, String body) {
        return new Case(description, route.method(), path, "application/json", bytes(body), Expect.REFUSED);
    }

    private String oversized(JsonNode valid) {
        List<String> strings = new ArrayList<>();
        collect(valid, "", strings);
        String target = strings.get(random.nextInt(strings.size()));
        return Api.JSON.writeValueAsString(replaced(valid, target, NODES.stringNode("x".repeat(OVERSIZED))));
    }

    private static String withMember(JsonNode valid, String name) {
        ObjectNode copy = (ObjectNode) valid.deepCopy();
        copy.put(name, 1);
        return Api.JSON.writeValueAsString(copy);
    }

    /** JSON-pointer paths of every value under objects (array items are addressed by index). */
    private static void collect(JsonNode node, String at, List<String> paths) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                String child = at + "/" + member.getKey();
                paths.add(child);
                collect(member.getValue(), child, paths);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String child = at + "/" + i;
                paths.add(child);
                collect(node.get(i), child, paths);
            }
        }
    }

    /** A copy of {@code root} with the value at {@code pointer} replaced ({@code null}: removed). */
    private static JsonNode replaced(JsonNode root, String pointer, JsonNode value) {
        JsonNode copy = root.deepCopy();
        int last = pointer.lastIndexOf('/');
        JsonNode parent = pointer.substring(0, last).isEmpty() ? copy : copy.at(pointer.substring(0, last));
        String name = pointer.substring(last + 1);
        if (parent instanceof ObjectNode object) {
            if (value == null) {
                object.remove(name);
            } else {
                object.set(name, value);
            }
        } else if (parent instanceof ArrayNode array) {
            int index = Integer.parseInt(name);
            if (value == null) {
                array.remove(index);
            } else {
                array.set(index, value);
            }
        }
        return copy;
    }

    static String fill(String template, Map<String, String> examples) {
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = examples.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no example for {" + matcher.group(1) + "} in " + template);
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(filled).toString();
    }

    static List<String> variables(String template) {
        List<String> names = new ArrayList<>();
        Matcher matcher = VARIABLE.matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static String query(Map<String, String> parameters, Map<String, String> examples) {
        StringBuilder query = new StringBuilder();
        parameters.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(parameter -> query
                .append(query.isEmpty() ? "?" : "&").append(parameter.getKey()).append('=')
                .append(encode(fill(parameter.getValue(), examples))));
        return query.toString();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 37) + "...(" + value.length() + ")";
    }
}
