package io.chatbackend.gateway.docs;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The public API's one OpenAPI document at {@code /v3/api-docs}: every service's document merged, committed as
 * {@value #DOCUMENT} and checked against the running services by {@code OpenApiIT} (ADR 0022). The explorer at
 * {@code /swagger-ui.html} is a static page over it; the WebSocket frames' AsyncAPI document is notification's,
 * forwarded at {@code /asyncapi.yaml}.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocsRoutes {

    /** Where the committed document is on the classpath. */
    public static final String DOCUMENT = "openapi/chat-api.json";

    @Bean
    RouterFunction<ServerResponse> apiDocument() {
        ClassPathResource document = new ClassPathResource(DOCUMENT);
        return RouterFunctions.route().GET("/v3/api-docs", request -> ServerResponse.ok()
                .contentType(MediaType.APPLICATION_JSON).bodyValue(document)).build();
    }
}
