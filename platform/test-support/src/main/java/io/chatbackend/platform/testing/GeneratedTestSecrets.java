package io.chatbackend.platform.testing;

import io.chatbackend.platform.infra.GeneratedSecret;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The test stack's secrets: every secret a service declares ({@code chat.secrets.required}) and the test did not
 * set gets a fresh random value, so a Spring Boot test starts its service the way an operator would, with secrets
 * that appear nowhere. Only secrets still blank get one (the files' {@code ${VARIABLE:}} placeholders resolve to
 * blank, hence added first); what a test sets later through {@code @DynamicPropertySource}, such as the embedded
 * database's password, is added in front of it and wins.
 * On the test classpath only; a service started from its jar gets no such help and refuses to start.
 */
public class GeneratedTestSecrets implements EnvironmentPostProcessor, Ordered {

    /**
     * One value per variable for the whole test JVM: two applications started in one test (two notification nodes)
     * share their secrets, as the nodes of one deployment do.
     */
    private static final Map<String, String> PER_JVM = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> generated = new HashMap<>();
        for (Declared secret : Binder.get(environment).bind("chat.secrets.required", Bindable.listOf(Declared.class))
                .orElse(List.of())) {
            String value = environment.getProperty(secret.property());
            if (value == null || value.isBlank()) {
                String random = PER_JVM.computeIfAbsent(secret.variable(), variable -> GeneratedSecret.random());
                // the variable, for the files' ${VARIABLE:} placeholders; the property itself only when it is a
                // plain one (a property source holding one element of a list would hide the rest of the list)
                generated.put(secret.variable(), random);
                if (!secret.property().contains("[")) {
                    generated.put(secret.property(), random);
                }
            }
        }
        if (!generated.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("generatedTestSecrets", generated));
        }
    }


    /**
     * One entry of {@code chat.secrets.required} (service-support's {@code RequiredSecret}; read here on its own so
     * that modules without service-support can use test-support).
     */
    public record Declared(String property, String variable) {
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
