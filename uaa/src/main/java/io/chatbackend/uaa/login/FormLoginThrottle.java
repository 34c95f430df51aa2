package io.chatbackend.uaa.login;

import io.chatbackend.uaa.account.AccountPolicy;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * UAA's HTML login form (authorization code flow) under exactly the throttle of the JSON login: the filter refuses
 * a throttled attempt before the password is checked (429 with {@code Retry-After}, as the JSON login answers), and
 * the form's failure and success handlers count as the JSON login counts.
 */
public class FormLoginThrottle extends OncePerRequestFilter {

    private final LoginThrottle throttle;

    public FormLoginThrottle(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !(HttpMethod.POST.matches(request.getMethod()) && "/login".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String source = request.getRemoteAddr();
        Optional<Duration> wait = throttle.sourceMustWait(source)
                .or(() -> throttle.mustWait(username(request), source));
        if (wait.isPresent()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(LoginThrottle.seconds(wait.get())));
            response.sendError(429, "Too many login attempts; try later.");
            return;
        }
        chain.doFilter(request, response);
    }

    /** Counts a failed form login, then shows the form again with an error. */
    public AuthenticationFailureHandler failureHandler() {
        SimpleUrlAuthenticationFailureHandler form = new SimpleUrlAuthenticationFailureHandler("/login?error");
        return (request, response, exception) -> {
            throttle.failed(username(request), request.getRemoteAddr());
            form.onAuthenticationFailure(request, response, exception);
        };
    }

    /** Forgives this address's failures for the name, then continues the authorization request. */
    public AuthenticationSuccessHandler successHandler() {
        SavedRequestAwareAuthenticationSuccessHandler saved = new SavedRequestAwareAuthenticationSuccessHandler();
        return (HttpServletRequest request, HttpServletResponse response, Authentication authentication) -> {
            throttle.succeeded(username(request), request.getRemoteAddr());
            saved.onAuthenticationSuccess(request, response, authentication);
        };
    }

    private static String username(HttpServletRequest request) {
        return AccountPolicy.normalizeUsername(request.getParameter("username"));
    }
}
