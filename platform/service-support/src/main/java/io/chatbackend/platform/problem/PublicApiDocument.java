package io.chatbackend.platform.problem;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Shapes the OpenAPI document springdoc generates from a service's controllers into its published form: only the
 * public API (paths under {@code /api/}), bearer authentication except on the paths that need none, and every error
 * answer documented as problem details whose {@code code} is one of the service's catalogs (with what each means).
 * The gateway publishes the services' documents merged into one (docs/adr/0022-one-catalog-of-problem-codes.md).
 */
public final class PublicApiDocument implements OpenApiCustomizer {

    public static final String PROBLEM_SCHEMA = "Problem";
    public static final String BEARER_SCHEME = "bearer";
    private static final String PUBLIC_PREFIX = "/api/";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Pattern SCHEMA_REFERENCE = Pattern.compile("#/components/schemas/([A-Za-z0-9._-]+)");

    private final String title;
    private final List<ProblemCode> codes;
    private final List<String> anonymousPrefixes;

    /**
     * @param title             the document's title (the service's name)
     * @param catalogs          every catalog the service answers from
     * @param anonymousPrefixes path prefixes whose operations need no access token
     */
    public PublicApiDocument(String title, Collection<ProblemCatalog> catalogs, List<String> anonymousPrefixes) {
        this.title = title;
        Map<String, ProblemCode> byName = new TreeMap<>();
        catalogs.forEach(catalog -> catalog.codes().forEach(code -> byName.putIfAbsent(code.name(), code)));
        this.codes = List.copyOf(byName.values());
        this.anonymousPrefixes = List.copyOf(anonymousPrefixes);
    }

    @Override
    public void customise(OpenAPI api) {
        api.setInfo(new Info().title(title).version("v1"));
        if (api.getPaths() != null) {
            api.getPaths().keySet().removeIf(path -> !path.startsWith(PUBLIC_PREFIX));
            api.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> shape(path, operation)));
        }
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        components.addSchemas(PROBLEM_SCHEMA, problemSchema(codes));
        if (components.getSchemas() != null) {
            // schemas only internal endpoints used go with them
            components.getSchemas().keySet().retainAll(referencedSchemas(api.getPaths(), components.getSchemas()));
        }
        components.addSecuritySchemes(BEARER_SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("JWT")
                .description("A JWT access token issued by UAA."));
        api.setComponents(components);
    }

    /** The names of the schemas {@code paths} refer to, directly or through other schemas. */
    static Set<String> referencedSchemas(Paths paths, Map<String, Schema> schemas) {
        Set<String> found = new HashSet<>();
        Deque<String> texts = new ArrayDeque<>();
        texts.add(Json.pretty(paths));
        while (!texts.isEmpty()) {
            Matcher reference = SCHEMA_REFERENCE.matcher(texts.pop());
            while (reference.find()) {
                String name = reference.group(1);
                if (found.add(name) && schemas.containsKey(name)) {
                    texts.add(Json.pretty(schemas.get(name)));
                }
            }
        }
        return found;
    }

    private void shape(String path, Operation operation) {
        boolean anonymous = anonymousPrefixes.stream().anyMatch(path::startsWith);
        operation.setSecurity(anonymous ? List.of() : List.of(new SecurityRequirement().addList(BEARER_SCHEME)));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        // springdoc adds the advice's exception handlers to every operation; one documented error answer replaces them
        responses.keySet().removeIf(status -> status.startsWith("4") || status.startsWith("5"));
        responses.addApiResponse("default", new ApiResponse()
                .description("Refused or failed: problem details whose `code` says why (see the Problem schema)")
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA)))));
        responses.values().stream().map(ApiResponse::getContent).filter(content -> content != null)
                .forEach(content -> {
                    MediaType any = content.remove("*/*");
                    if (any != null) {
                        content.addMediaType("application/json", any);
                    }
                });
        operation.setResponses(responses);
        if (operation.getTags() != null) {
            operation.setTags(operation.getTags().stream()
                    .map(tag -> tag.replaceFirst("-controller$", "").replace('-', ' ')).toList());
        }
    }

    /** The problem-details body every error answer has; {@code code} lists {@code codes} with their meanings. */
    public static Schema<?> problemSchema(Collection<? extends ProblemCode> codes) {
        List<? extends ProblemCode> sorted = codes.stream().sorted(Comparator.comparing(ProblemCode::name)).toList();
        StringSchema code = new StringSchema();
        code.setEnum(sorted.stream().map(ProblemCode::name).distinct().toList());
        code.setDescription("The stable code clients switch on:\n\n" + sorted.stream()
                .map(problem -> "- `" + problem.name() + "` (" + problem.httpStatus() + "): " + problem.meaning())
                .distinct().collect(Collectors.joining("\n")));
        ObjectSchema field = new ObjectSchema();
        field.addProperty("field", new StringSchema());
        field.addProperty("message", new StringSchema());
        ObjectSchema problem = new ObjectSchema();
        problem.setDescription("RFC 9457 problem details with the members every answer of ours has.");
        problem.addProperty("type", new StringSchema().format("uri"));
        problem.addProperty("title", new StringSchema());
        problem.addProperty("status", new IntegerSchema());
        problem.addProperty("detail", new StringSchema());
        problem.addProperty("instance", new StringSchema());
        problem.addProperty("code", code);
        problem.addProperty("requestId", new StringSchema()
                .description("The X-Request-Id of the answer; quote it when reporting a problem."));
        problem.addProperty("errors", new ArraySchema().items(field)
                .description("For VALIDATION_FAILED: each field or parameter and what is wrong with it."));
        problem.setRequired(List.of("type", "title", "status", "code"));
        return problem;
    }
}
