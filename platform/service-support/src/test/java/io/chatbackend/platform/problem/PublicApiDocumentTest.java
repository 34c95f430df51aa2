package io.chatbackend.platform.problem;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PublicApiDocumentTest {

    enum ToyProblem implements ProblemCode {
        THING_NOT_FOUND(404, "No such thing."),
        THING_BUSY(409, "The thing is busy.");

        private final int status;
        private final String meaning;

        ToyProblem(int status, String meaning) {
            this.status = status;
            this.meaning = meaning;
        }

        @Override
        public int httpStatus() {
            return status;
        }

        @Override
        public String meaning() {
            return meaning;
        }
    }

    @Test
    void keepsThePublicApiWithItsSchemasAndDocumentsEveryErrorAsAProblemOfTheCatalogs() {
        OpenAPI api = new OpenAPI()
                .paths(new Paths()
                        .addPathItem("/api/v1/things/{id}", new PathItem().get(operation("Thing")))
                        .addPathItem("/api/v1/login", new PathItem().post(operation("Thing")))
                        .addPathItem("/internal/things", new PathItem().post(operation("InternalRequest"))))
                .components(new Components()
                        .addSchemas("Thing", new ObjectSchema().addProperty("part", ref("Part")))
                        .addSchemas("Part", new ObjectSchema())
                        .addSchemas("InternalRequest", new ObjectSchema())
                        .addSchemas("ProblemDetail", new ObjectSchema()));

        new PublicApiDocument("things", List.of(ProblemCatalog.of(ToyProblem.class)), List.of("/api/v1/login"))
                .customise(api);

        assertThat(api.getPaths()).containsOnlyKeys("/api/v1/things/{id}", "/api/v1/login");
        assertThat(api.getComponents().getSchemas()).as("only what the public paths reach")
                .containsOnlyKeys("Thing", "Part", PublicApiDocument.PROBLEM_SCHEMA);
        Operation get = api.getPaths().get("/api/v1/things/{id}").getGet();
        assertThat(get.getResponses()).containsOnlyKeys("200", "default");
        assertThat(get.getResponses().get("200").getContent()).containsOnlyKeys("application/json");
        assertThat(get.getResponses().get("default").getContent().get("application/problem+json").getSchema()
                .get$ref()).isEqualTo("#/components/schemas/Problem");
        assertThat(get.getSecurity()).hasSize(1);
        assertThat(get.getTags()).containsExactly("thing");
        assertThat(api.getPaths().get("/api/v1/login").getPost().getSecurity()).as("anonymous").isEmpty();
        @SuppressWarnings("unchecked")
        Schema<String> code = (Schema<String>) api.getComponents().getSchemas().get("Problem").getProperties()
                .get("code");
        assertThat(code.getEnum()).containsExactly("THING_BUSY", "THING_NOT_FOUND");
        assertThat(code.getDescription()).contains("- `THING_NOT_FOUND` (404): No such thing.");
        assertThat(api.getInfo().getTitle()).isEqualTo("things");
    }

    private static Operation operation(String schema) {
        return new Operation().tags(List.of("thing-controller")).responses(new ApiResponses()
                .addApiResponse("200", new ApiResponse().content(new Content()
                        .addMediaType("*/*", new MediaType().schema(ref(schema)))))
                .addApiResponse("400", new ApiResponse().content(new Content()
                        .addMediaType("*/*", new MediaType().schema(ref("ProblemDetail"))))));
    }

    private static Schema<?> ref(String name) {
        return new Schema<>().$ref("#/components/schemas/" + name);
    }
}
