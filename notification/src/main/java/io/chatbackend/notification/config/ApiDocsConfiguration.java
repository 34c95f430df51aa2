package io.chatbackend.notification.config;

import io.chatbackend.notification.NotificationProblem;
import io.chatbackend.platform.problem.ProblemCatalog;
import io.chatbackend.platform.problem.PublicApiDocument;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import java.util.List;

/**
 * What notification publishes about its API, both open: the ticket endpoint's OpenAPI document at
 * {@code /v3/api-docs} (the gateway merges it with the other services') and the WebSocket frames' AsyncAPI document
 * at {@code /asyncapi.yaml} (the gateway forwards that path here; its API explorer links to it).
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocsConfiguration {

    @Bean
    OpenApiCustomizer publicApiDocument() {
        return new PublicApiDocument("notification", List.of(ProblemCatalog.of(NotificationProblem.class)), List.of());
    }

    @Bean
    RouterFunction<ServerResponse> asyncApiDocument() {
        ClassPathResource document = new ClassPathResource("asyncapi.yaml");
        return RouterFunctions.route().GET("/asyncapi.yaml", request -> ServerResponse.ok()
                .contentType(MediaType.parseMediaType("application/yaml")).bodyValue(document)).build();
    }
}
