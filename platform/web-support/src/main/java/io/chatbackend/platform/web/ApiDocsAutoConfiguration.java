package io.chatbackend.platform.web;

import io.chatbackend.platform.problem.ProblemCatalog;
import io.chatbackend.platform.problem.PublicApiDocument;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

import java.util.List;

/**
 * Every servlet service publishes its public API as an OpenAPI document at {@value ChatSecurity#API_DOCS}, shaped by
 * {@link PublicApiDocument}; its error codes are {@link CommonProblem}'s and every {@link ProblemCatalog} bean's.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ApiDocsAutoConfiguration {

    @Bean
    ProblemCatalog commonProblems() {
        return ProblemCatalog.of(CommonProblem.class);
    }

    @Bean
    OpenApiCustomizer publicApiDocument(@Value("${spring.application.name:service}") String service,
                                        @Value("${chat.api-docs.anonymous-paths:}") List<String> anonymousPaths,
                                        List<ProblemCatalog> catalogs) {
        return new PublicApiDocument(service, catalogs, anonymousPaths);
    }
}
