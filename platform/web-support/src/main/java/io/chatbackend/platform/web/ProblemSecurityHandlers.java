package io.chatbackend.platform.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;

/** 401 and 403 answers from the security filters, as problem details like every other error. */
public final class ProblemSecurityHandlers {

    private ProblemSecurityHandlers() {
    }

    public static AuthenticationEntryPoint unauthenticated(JsonMapper json) {
        return (request, response, exception) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            write(json, response, CommonProblem.UNAUTHENTICATED, "A valid access token is required.");
        };
    }

    public static AccessDeniedHandler forbidden(JsonMapper json) {
        return (request, response, exception) -> write(json, response, CommonProblem.FORBIDDEN,
                "You are not allowed to do this.");
    }

    static void write(JsonMapper json, HttpServletResponse response, CommonProblem code, String detail)
            throws IOException {
        response.setStatus(code.httpStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Problems.of(code, detail));
    }
}
