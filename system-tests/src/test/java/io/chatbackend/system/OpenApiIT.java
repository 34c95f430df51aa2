package io.chatbackend.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.chatbackend.gateway.problem.GatewayProblem;
import io.chatbackend.platform.testing.ServiceProcess;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The public API's one OpenAPI document (ADR 0022): merged from what the running services generate, it must equal
 * the committed file the gateway serves, so any change to the API shows in the change that makes it, and a change
 * that removes an operation, a field or a problem code is named as breaking. {@code -Dopenapi.update=true} writes
 * the file instead. The gateway serves the document, its explorer and the AsyncAPI document without a token.
 */
@ResourceLock(ChatSystem.SHARED)
class OpenApiIT {

    private static final Path ROOT = Path.of(System.getProperty("chat.root", ".."));
    private static final boolean UPDATE = Boolean.getBoolean("openapi.update");
    private static final Path COMMITTED = ROOT.resolve("api-gateway/src/main/resources/openapi/chat-api.json");

    private static ChatSystem system;

    @BeforeAll
    static void start() {
        system = ChatSystem.shared();
    }

    @Test
    void theServicesDocumentsMergedAreTheCommittedDocument() throws IOException {
        Map<String, JsonNode> documents = new TreeMap<>();
        Map<String, ServiceProcess> services = Map.of("uaa", system.uaa, "message-domain", system.messages,
                "dialog-domain", system.dialogs, "user-client", system.userClient, "notification", system.notification);
        for (Map.Entry<String, ServiceProcess> service : services.entrySet()) {
            HttpResponse<String> answer = Api.call("GET", service.getValue().baseUrl() + "/v3/api-docs", null, null);
            assertThat(answer.statusCode()).as(service.getKey() + " publishes its document without a token")
                    .isEqualTo(200);
            documents.put(service.getKey(), Api.JSON.readTree(answer.body()));
        }
        ObjectNode merged = OpenApiDocuments.merge(documents, Arrays.asList(GatewayProblem.values()));
        String generated = OpenApiDocuments.canonical(merged);
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "";
        if (UPDATE) {
            Files.writeString(COMMITTED, generated);
            System.out.println("OpenApiIT: wrote " + COMMITTED.toAbsolutePath().normalize());
            return;
        }
        List<String> removed = committed.isBlank() ? List.of()
                : OpenApiDocuments.removals(Api.JSON.readTree(committed), merged);
        assertThat(removed).as("BREAKING: the services no longer offer what the committed document promises; if "
                + "that is intended, update the document (see below)").isEmpty();
        assertThat(generated).as("the public API changed: run ./mvnw verify -pl system-tests -Dit.test=OpenApiIT "
                + "-Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dopenapi.update=true (after ./mvnw "
                + "install -DskipTests) and commit %s with the change", COMMITTED).isEqualTo(committed);
    }

    @Test
    void everyPublicRouteIsDocumentedAndNothingElse() throws IOException {
        assumeFalse(UPDATE, "the committed document is being rewritten");
        JsonNode document = Api.JSON.readTree(Files.readString(COMMITTED));
        Set<String> documented = OpenApiDocuments.operations(document);
        Set<String> exposed = ExposedRoutes.of(ROOT).stream().map(OpenApiDocuments::anonymous)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(documented).as("every route the gateway exposes is documented, and only those")
                .isEqualTo(exposed);
        assertThat(document.path("paths").propertyNames()).as("no internal or management path")
                .allMatch(path -> path.startsWith("/api/v1/"));
        assertThat(OpenApiDocuments.problemCodes(document)).as("the problem codes").contains("VALIDATION_FAILED",
                "DIALOG_NOT_FOUND", "UPSTREAM_UNAVAILABLE", "USERNAME_TAKEN", "CLIENT_NOT_FOUND");
    }

    @Test
    void theGatewayServesTheDocumentItsExplorerAndTheAsyncApiDocumentWithoutAToken() throws IOException {
        assumeFalse(UPDATE, "the gateway serves the document it was built with");
        HttpResponse<String> document = Api.call("GET", system.url("/v3/api-docs"), null, null);
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(Api.JSON.readTree(document.body())).isEqualTo(Api.JSON.readTree(Files.readString(COMMITTED)));

        HttpResponse<String> explorer = Api.call("GET", system.url("/swagger-ui.html"), null, null);
        assertThat(explorer.statusCode()).isEqualTo(200);
        assertThat(explorer.body()).contains("swagger-ui-bundle.js", "/asyncapi.yaml");
        for (String asset : List.of("/swagger-initializer.js", "/webjars/swagger-ui/swagger-ui-bundle.js",
                "/webjars/swagger-ui/swagger-ui.css")) {
            assertThat(Api.call("GET", system.url(asset), null, null).statusCode()).as(asset).isEqualTo(200);
        }
        HttpResponse<String> asyncApi = Api.call("GET", system.url("/asyncapi.yaml"), null, null);
        assertThat(asyncApi.statusCode()).isEqualTo(200);
        assertThat(asyncApi.body()).startsWith("asyncapi:");
    }
}
