package io.chatbackend.platform.auditapi;

import io.chatbackend.platform.axon.ActingPrincipal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * In a service with an event store, the actor on every command is the one the access token names (ADR 0027);
 * declared before the Axon wiring, whose default names the service itself.
 */
@AutoConfiguration(beforeName = "io.chatbackend.platform.axon.AxonSupportAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(ActingPrincipal.class)
public class ActingPrincipalAutoConfiguration {

    @Bean
    ActingPrincipal tokenActingPrincipal(@Value("${spring.application.name:service}") String applicationName) {
        return new TokenActingPrincipal(applicationName);
    }
}
