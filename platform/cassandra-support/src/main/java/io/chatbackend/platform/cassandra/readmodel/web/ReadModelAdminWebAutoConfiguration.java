package io.chatbackend.platform.cassandra.readmodel.web;

import io.chatbackend.platform.cassandra.readmodel.ReadModelAdmin;
import io.chatbackend.platform.problem.ProblemCatalog;
import io.chatbackend.platform.web.ApiException;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/** The admin endpoints for a service's read models, once it offers a {@link ReadModelAdmin}. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(ApiException.class)
@ConditionalOnBean(ReadModelAdmin.class)
public class ReadModelAdminWebAutoConfiguration {

    @Bean
    ReadModelAdminController readModelAdminController(ReadModelAdmin admin) {
        return new ReadModelAdminController(admin);
    }

    @Bean
    ProblemCatalog readModelProblems() {
        return ProblemCatalog.of(ReadModelProblem.class);
    }
}
