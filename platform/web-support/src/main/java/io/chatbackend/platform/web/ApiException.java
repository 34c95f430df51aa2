package io.chatbackend.platform.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import java.util.Map;

/**
 * An expected, explained refusal of a request: answered as problem details with a stable {@code code}.
 * Domain code returns outcomes; the web layer turns a refusal outcome into one of these.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final HttpHeaders headers;
    private final Map<String, Object> properties;

    public ApiException(HttpStatus status, String code, String detail) {
        this(status, code, detail, new HttpHeaders(), Map.of());
    }

    public ApiException(HttpStatus status, String code, String detail, HttpHeaders headers,
                        Map<String, Object> properties) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = headers;
        this.properties = properties;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public HttpHeaders headers() {
        return headers;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
