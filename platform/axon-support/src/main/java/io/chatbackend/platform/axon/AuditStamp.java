package io.chatbackend.platform.axon;

import org.slf4j.MDC;

import java.util.HashMap;
import java.util.Map;

/**
 * The audit metadata a command dispatched here and now would get from {@link AuditDispatchInterceptor}, captured
 * on the thread that handles a request so that a command another thread dispatches for it (one item of a group
 * commit) still carries that request's correlation id and actor.
 */
public final class AuditStamp {

    private AuditStamp() {
    }

    /** The request's correlation id (when a request is being handled) and who acts. */
    public static Map<String, Object> capture(ActingPrincipal principal) {
        Map<String, Object> stamp = new HashMap<>(principal.current());
        String requestId = MDC.get(AuditDispatchInterceptor.MDC_REQUEST_ID);
        if (requestId != null) {
            stamp.put(AuditMetadata.CORRELATION_ID, requestId);
        }
        return Map.copyOf(stamp);
    }
}
