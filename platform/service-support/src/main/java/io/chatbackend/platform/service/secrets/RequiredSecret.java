package io.chatbackend.platform.service.secrets;

/**
 * A secret a service cannot run without: the Spring property it is read from and the environment variable an
 * operator sets it with. A service declares its secrets under {@code chat.secrets.required}; none of them may have a
 * default in any file (ADR 0016).
 *
 * @param property the Spring property the service reads, e.g. {@code chat.service-client.secret}
 * @param variable the environment variable that sets it, e.g. {@code CHAT_SERVICE_CLIENT_SECRET}
 */
public record RequiredSecret(String property, String variable) {

    public RequiredSecret {
        if (property == null || property.isBlank() || variable == null || variable.isBlank()) {
            throw new IllegalArgumentException("a required secret names both its property and its variable");
        }
    }
}
