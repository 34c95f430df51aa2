package io.chatbackend.platform.web;

import io.chatbackend.platform.problem.ProblemCode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import java.util.Map;

/**
 * An expected, explained refusal of a request: answered as problem details with a stable {@code code}.
 * Domain code returns outcomes; the web layer turns a refusal outcome into one of these.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final ProblemCode code;
    private final HttpHeaders headers;
    private final Map<String, Object> properties;

    public ApiException(ProblemCode code, String detail) {
        this(code, detail, new HttpHeaders(), Map.of());
    }

    public ApiException(ProblemCode code, String detail, HttpHeaders headers, Map<String, Object> properties) {
        super(detail, null, false, false);
        this.status = HttpStatus.valueOf(code.httpStatus());
        this.code = code;
        this.headers = headers;
        this.properties = properties;
    }

    public HttpStatus status() {
        return status;
    }

    public ProblemCode code() {
        return code;
    }

    public HttpHeaders headers() {
        return headers;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
