package io.chatbackend.gateway.requestid;

import org.springframework.web.server.ServerWebExchange;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request id that ties a client's request to the logs and events of every context it reaches. A client may
 * choose it, but only in a shape that is safe to log and to put in headers; anything else is replaced.
 */
public final class RequestId {

    public static final String HEADER = "X-Request-Id";

    private static final String ATTRIBUTE = RequestId.class.getName();
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestId() {
    }

    /** The incoming id if it has the accepted shape, else a new random UUID. */
    static String acceptOrGenerate(String incoming) {
        return incoming != null && ACCEPTED.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }

    static void remember(ServerWebExchange exchange, String requestId) {
        exchange.getAttributes().put(ATTRIBUTE, requestId);
    }

    /** The id fixed for this exchange by {@link RequestIdFilter}. */
    public static String of(ServerWebExchange exchange) {
        String requestId = exchange.getAttribute(ATTRIBUTE);
        if (requestId == null) {
            // only if something answers before the filter ran; still never answer without an id
            requestId = acceptOrGenerate(null);
            remember(exchange, requestId);
        }
        return requestId;
    }
}
