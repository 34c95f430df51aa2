package io.chatbackend.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;

/**
 * The audience a token must have depends on the path, as at the gateway: {@code /api/**} is for user tokens
 * ({@code chat-api}), {@code /internal/**} for service tokens ({@code chat-internal}). A token valid for the other
 * audience is answered 403 {@code FORBIDDEN}, never served and never a 500. Other paths (health, metrics) take
 * either and leave the decision to the service's rules.
 */
final class AudiencePerPathFilter extends OncePerRequestFilter {

    static final String USER_AUDIENCE = "chat-api";
    static final String SERVICE_AUDIENCE = "chat-internal";

    private final AccessDeniedHandler forbidden;

    AudiencePerPathFilter(AccessDeniedHandler forbidden) {
        this.forbidden = forbidden;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String required = requiredAudience(request.getRequestURI().substring(request.getContextPath().length()));
        if (required != null && authentication instanceof JwtAuthenticationToken jwt) {
            List<String> audience = jwt.getToken().getAudience();
            if (audience == null || !audience.contains(required)) {
                forbidden.handle(request, response, new AccessDeniedException("token for another audience"));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    static String requiredAudience(String path) {
        if (path.startsWith("/api/")) {
            return USER_AUDIENCE;
        }
        if (path.startsWith("/internal/")) {
            return SERVICE_AUDIENCE;
        }
        return null;
    }
}
