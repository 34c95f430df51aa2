package io.chatbackend.system;

import io.chatbackend.platform.problem.ProblemCode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Merges the services' OpenAPI documents into the one the gateway publishes (ADR 0022), in a canonical form (keys
 * sorted, two-space indentation) so that the committed file changes only when the API does; and says what a new
 * document removes from an old one, since a removal breaks clients.
 */
final class OpenApiDocuments {

    private static final JsonMapper CANONICAL = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern CODE_LINE = Pattern.compile("^- `([A-Z_]+)` \\((\\d{3})\\): (.*)$");
    private static final String PROBLEM = "Problem";

    private OpenApiDocuments() {
    }

    /**
     * One document of {@code documents} (service name → its {@code /v3/api-docs}), with the gateway's own problem
     * codes, which any route can answer, added to the {@code Problem} schema's codes.
     */
    static ObjectNode merge(Map<String, JsonNode> documents, List<? extends ProblemCode> gatewayCodes) {
        ObjectNode paths = NODES.objectNode();
        ObjectNode schemas = NODES.objectNode();
        ObjectNode securitySchemes = NODES.objectNode();
        Map<String, String> codes = new TreeMap<>();
        gatewayCodes.forEach(code -> codes.put(code.name(), line(code.name(), code.httpStatus(), code.meaning())));
        ObjectNode problem = null;
        for (Map.Entry<String, JsonNode> service : new TreeMap<>(documents).entrySet()) {
            JsonNode document = withoutClashes(service.getKey(), service.getValue(), schemas);
            for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
                // one path may be served by two services with different methods (POST and GET of a dialog's messages)
                ObjectNode item = paths.has(path.getKey()) ? (ObjectNode) paths.get(path.getKey())
                        : paths.putObject(path.getKey());
                for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                    if (item.has(operation.getKey()) && !item.get(operation.getKey()).equals(operation.getValue())) {
                        throw new IllegalStateException(operation.getKey() + " " + path.getKey()
                                + " is in two services' documents");
                    }
                    item.set(operation.getKey(), operation.getValue());
                }
            }
            for (Map.Entry<String, JsonNode> schema : document.path("components").path("schemas").properties()) {
                if (schema.getKey().equals(PROBLEM)) {
                    problem = (ObjectNode) schema.getValue().deepCopy();
                    for (String line : schema.getValue().path("properties").path("code").path("description")
                            .asString().split("\n")) {
                        Matcher matcher = CODE_LINE.matcher(line);
                        if (matcher.matches()) {
                            codes.putIfAbsent(matcher.group(1), line);
                        }
                    }
                } else {
                    schemas.set(schema.getKey(), schema.getValue());
                }
            }
            document.path("components").path("securitySchemes").properties()
                    .forEach(scheme -> securitySchemes.set(scheme.getKey(), scheme.getValue()));
        }
        if (problem == null) {
            throw new IllegalStateException("no service documents its problems");
        }
        ObjectNode code = (ObjectNode) problem.path("properties").path("code");
        ArrayNode names = NODES.arrayNode();
        codes.keySet().forEach(names::add);
        code.set("enum", names);
        code.put("description", "The stable code clients switch on:\n\n" + String.join("\n", codes.values()));
        schemas.set(PROBLEM, problem);

        ObjectNode merged = NODES.objectNode();
        merged.put("openapi", documents.values().iterator().next().path("openapi").asString());
        ObjectNode info = merged.putObject("info");
        info.put("title", "chat-backend public API");
        info.put("version", "v1");
        info.put("description", "Every public route of the gateway: HTTP commands and queries, with bearer access "
                + "tokens from `POST /api/v1/auth/login`. Every error is problem details with a stable `code` "
                + "(the Problem schema lists them). Live pushes come over one WebSocket (`/ws`, with a ticket from "
                + "`POST /api/v1/ws/ticket`); its frames are described in the [AsyncAPI document](/asyncapi.yaml).");
        merged.putArray("servers").addObject().put("url", "/");
        merged.set("paths", paths);
        ObjectNode components = merged.putObject("components");
        components.set("schemas", schemas);
        components.set("securitySchemes", securitySchemes);
        return merged;
    }

    /**
     * {@code document} with each of its schemas that another service already defined differently renamed to
     * {@code <Service><Name>} (e.g. {@code DialogDomainBody}), its references with it.
     */
    private static JsonNode withoutClashes(String service, JsonNode document, ObjectNode merged) {
        String text = CANONICAL.writeValueAsString(document);
        for (Map.Entry<String, JsonNode> schema : document.path("components").path("schemas").properties()) {
            String name = schema.getKey();
            if (!name.equals(PROBLEM) && merged.has(name) && !merged.get(name).equals(schema.getValue())) {
                String renamed = pascal(service) + name;
                text = text.replace("\"#/components/schemas/" + name + "\"",
                        "\"#/components/schemas/" + renamed + "\"");
                ObjectNode copy = (ObjectNode) CANONICAL.readTree(text);
                ObjectNode schemas = (ObjectNode) copy.path("components").path("schemas");
                schemas.set(renamed, schemas.remove(name));
                text = CANONICAL.writeValueAsString(copy);
            }
        }
        return CANONICAL.readTree(text);
    }

    private static String pascal(String service) {
        StringBuilder name = new StringBuilder();
        for (String word : service.split("-")) {
            name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return name.toString();
    }

    /** The canonical text of {@code document}: what the committed file holds. */
    static String canonical(JsonNode document) {
        return CANONICAL.writeValueAsString(sorted(document)).replace("\r\n", "\n") + "\n";
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = NODES.objectNode();
            new TreeMap<>(asMap(node)).forEach((name, value) -> copy.set(name, sorted(value)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }

    private static Map<String, JsonNode> asMap(JsonNode node) {
        Map<String, JsonNode> map = new TreeMap<>();
        node.properties().forEach(property -> map.put(property.getKey(), property.getValue()));
        return map;
    }

    /** The codes the document's {@code Problem} schema lists. */
    static Set<String> problemCodes(JsonNode document) {
        Set<String> codes = new TreeSet<>();
        document.path("components").path("schemas").path(PROBLEM).path("properties").path("code").path("enum")
                .forEach(code -> codes.add(code.asString()));
        return codes;
    }

    /** Every {@code METHOD /path} the document has, with path variables written {@code {}}. */
    static Set<String> operations(JsonNode document) {
        Set<String> operations = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (String method : path.getValue().propertyNames()) {
                operations.add(method.toUpperCase(java.util.Locale.ROOT) + " " + anonymous(path.getKey()));
            }
        }
        return operations;
    }

    static String anonymous(String template) {
        return template.replaceAll("\\{[^}]+}", "{}");
    }

    /**
     * What {@code next} removes from {@code previous}, which breaks a client written against it: operations,
     * schemas, properties of a schema, and problem codes.
     */
    static List<String> removals(JsonNode previous, JsonNode next) {
        List<String> removed = new ArrayList<>();
        Set<String> operations = operations(next);
        operations(previous).stream().filter(operation -> !operations.contains(operation))
                .forEach(operation -> removed.add("operation " + operation));
        JsonNode nextSchemas = next.path("components").path("schemas");
        for (Map.Entry<String, JsonNode> schema : previous.path("components").path("schemas").properties()) {
            if (!nextSchemas.has(schema.getKey())) {
                removed.add("schema " + schema.getKey());
                continue;
            }
            JsonNode properties = nextSchemas.get(schema.getKey()).path("properties");
            for (Iterator<String> names = schema.getValue().path("properties").propertyNames().iterator();
                 names.hasNext(); ) {
                String name = names.next();
                if (!properties.has(name)) {
                    removed.add("field " + schema.getKey() + "." + name);
                }
            }
        }
        Set<String> codes = problemCodes(next);
        problemCodes(previous).stream().filter(code -> !codes.contains(code))
                .forEach(code -> removed.add("problem code " + code));
        return removed;
    }

    private static String line(String code, int status, String meaning) {
        return "- `" + code + "` (" + status + "): " + meaning;
    }
}
