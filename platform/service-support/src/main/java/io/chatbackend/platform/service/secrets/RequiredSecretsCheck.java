package io.chatbackend.platform.service.secrets;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

import java.util.ArrayList;
import java.util.List;

/**
 * Refuses to start a service whose declared secrets ({@code chat.secrets.required}) are missing, too short or
 * published. It runs before any bean is created, so a service without its secrets never opens a port or a
 * connection; the failure names every variable to set, never a value.
 */
public class RequiredSecretsCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    /** Where a service lists the secrets it needs. */
    public static final String PROPERTY = "chat.secrets.required";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        List<String> problems = problems(declared(environment), environment);
        if (!problems.isEmpty()) {
            throw new MissingSecretsException(problems);
        }
    }

    /** The secrets the environment's service declares. */
    public static List<RequiredSecret> declared(Environment environment) {
        if (!(environment instanceof ConfigurableEnvironment configurable)) {
            return List.of();
        }
        return Binder.get(configurable).bind(PROPERTY, Bindable.listOf(RequiredSecret.class)).orElse(List.of());
    }

    static List<String> problems(List<RequiredSecret> secrets, Environment environment) {
        List<String> problems = new ArrayList<>();
        for (RequiredSecret secret : secrets) {
            SecretRules.problem(secret, environment.getProperty(secret.property())).ifPresent(problems::add);
        }
        return problems;
    }

    /** The service cannot start: each line says which variable to set and why. */
    public static final class MissingSecretsException extends IllegalStateException {
        public MissingSecretsException(List<String> problems) {
            super("This service refuses to start without its secrets:\n  - " + String.join("\n  - ", problems));
        }
    }
}
