package io.chatbackend.gateway;

import org.springframework.core.Ordered;

/**
 * The order of the gateway's own web filters around Spring Security's filter chain. Everything that may answer on
 * its own (CORS refusal, hidden paths, oversize bodies, missing tokens) runs after the request id is fixed, so every
 * answer carries it; CORS runs before all answers, so an allowed browser origin can read the errors too.
 */
public final class EdgeFilterOrder {

    public static final int REQUEST_ID = Ordered.HIGHEST_PRECEDENCE;
    /** The client's address is decided before anything may answer, so every answer and limit uses it. */
    public static final int CLIENT_ADDRESS = REQUEST_ID + 1;
    public static final int SPOOFED_IDENTITY_HEADERS = REQUEST_ID + 2;
    public static final int CORS = REQUEST_ID + 3;
    public static final int NOT_EXPOSED_PATHS = REQUEST_ID + 4;
    public static final int BODY_SIZE_LIMIT = REQUEST_ID + 5;
    /** Just before the token is decoded: an address that keeps presenting refused tokens is not served. */
    public static final int BAD_TOKENS = BODY_SIZE_LIMIT + 1;
    /** The web client's security headers are set before anything may answer, so its error pages carry them too. */
    public static final int WEB_CLIENT_HEADERS = BAD_TOKENS + 1;
    /**
     * Spring Security's filter chain runs at -100 ({@code WebFluxSecurityConfiguration.WEB_FILTER_CHAIN_FILTER_ORDER},
     * not public); the rate-limit test keying buckets by token subject fails if this ever stops being true.
     */
    public static final int SECURITY = -100;
    /** After authentication: the bucket key is the token's subject when there is one. */
    public static final int RATE_LIMIT = SECURITY + 1;

    private EdgeFilterOrder() {
    }
}
