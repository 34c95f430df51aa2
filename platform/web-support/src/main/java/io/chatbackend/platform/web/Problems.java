package io.chatbackend.platform.web;

import io.chatbackend.platform.problem.ProblemCode;
import org.slf4j.MDC;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.Locale;

/** Builds RFC 9457 problem details with the members every answer of ours has: type, title, status, detail, code, requestId. */
public final class Problems {

    public static final String TYPE_BASE = "https://chat-backend.dev/problems/";

    private Problems() {
    }

    /** A problem with {@code code}'s status. */
    public static ProblemDetail of(ProblemCode code, String detail) {
        return of(HttpStatusCode.valueOf(code.httpStatus()), code, detail);
    }

    /** A problem with another status than {@code code}'s: for the statuses Spring decided (404, 405, 406, ...). */
    public static ProblemDetail of(HttpStatusCode status, ProblemCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + code.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(title(code.name()));
        problem.setProperty("code", code.name());
        String requestId = MDC.get(RequestIdFilter.MDC_KEY);
        problem.setProperty("requestId", requestId);
        return problem;
    }

    private static String title(String code) {
        String words = code.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
