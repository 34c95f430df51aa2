package io.chatbackend.gateway.edge;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A body without a declared length grew past the limit while it was being forwarded. */
public class PayloadTooLargeException extends ResponseStatusException {

    public PayloadTooLargeException(long limit) {
        super(HttpStatus.CONTENT_TOO_LARGE, "request body over " + limit + " bytes");
    }
}
