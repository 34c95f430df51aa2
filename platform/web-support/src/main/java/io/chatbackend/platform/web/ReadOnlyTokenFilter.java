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
import java.util.Set;

/**
 * A read-only token ({@link ReadOnlyRoles}) is answered 403 {@code FORBIDDEN} on every request of the public API that
 * could change something (any method but GET, HEAD and OPTIONS), except the audit API's own, before any handler
 * runs. Requests without a token are left to the service's rules.
 */
final class ReadOnlyTokenFilter extends OncePerRequestFilter {

    private static final Set<String> READING = Set.of("GET", "HEAD", "OPTIONS");

    private final AccessDeniedHandler forbidden;

    ReadOnlyTokenFilter(AccessDeniedHandler forbidden) {
        this.forbidden = forbidden;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (authentication instanceof JwtAuthenticationToken jwt && !READING.contains(request.getMethod())
                && path.startsWith("/api/") && !path.startsWith("/api/v1/audit/")
                && !ReadOnlyRoles.mayChange(Caller.of(jwt.getToken()).roles())) {
            forbidden.handle(request, response, new AccessDeniedException("a read-only token"));
            return;
        }
        chain.doFilter(request, response);
    }
}
