package io.chatbackend.platform.web;

import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Who is calling, taken only from the validated access token (never from headers or the body): a user with a
 * device, or a service with scopes.
 */
public record Caller(String subject, Optional<String> deviceId, List<String> roles, List<String> scopes) {

    public static Caller of(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList("roles");
        return new Caller(jwt.getSubject(), Optional.ofNullable(jwt.getClaimAsString("did")),
                roles == null ? List.of() : List.copyOf(roles), scopes(jwt.getClaims().get("scope")));
    }

    /** Scopes come as a space-separated string (RFC 8693) or, from some servers, as a list. */
    private static List<String> scopes(Object claim) {
        if (claim instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (claim instanceof String text && !text.isBlank()) {
            return List.of(text.trim().split("\\s+"));
        }
        return List.of();
    }

    /** The user id; fails for service callers, which have no user. */
    public UUID userId() {
        return UUID.fromString(subject);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
