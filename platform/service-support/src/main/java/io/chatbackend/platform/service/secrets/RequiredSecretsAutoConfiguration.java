package io.chatbackend.platform.service.secrets;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Registers the start-up check of the service's declared secrets (see {@link RequiredSecretsCheck}). */
@AutoConfiguration
public class RequiredSecretsAutoConfiguration {

    /** Static: a bean factory post-processor must exist before the configuration class is instantiated. */
    @Bean
    static RequiredSecretsCheck requiredSecretsCheck() {
        return new RequiredSecretsCheck();
    }
}
