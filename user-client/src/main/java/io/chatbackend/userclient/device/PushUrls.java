package io.chatbackend.userclient.device;

import io.chatbackend.platform.web.ApiException;
import io.chatbackend.userclient.UserClientProblem;
import io.chatbackend.platform.web.outbound.OutboundUrlPolicy;
import io.chatbackend.platform.web.outbound.RefusedUrlException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Which push endpoint URLs a device may register (ADR 0014): notification will POST to them from inside our network,
 * so a URL must be {@code https} and its host must resolve, to public addresses only (no loopback, private,
 * link-local / cloud metadata, CGNAT, multicast ... see {@link OutboundUrlPolicy}). A refusal is
 * {@code 422 PUSH_URL_NOT_ALLOWED} and changes nothing. The sender checks again at send time (DNS can change).
 *
 * <p>{@code chat.user-client.push-allow-private-networks=true} lets private addresses and {@code http} through: for
 * the local run and tests, whose receivers listen on 127.0.0.1. Never in production.
 */
@Component
public class PushUrls {

    /** The problem code of a refused push URL. */

    private static final Logger log = LoggerFactory.getLogger(PushUrls.class);

    private final OutboundUrlPolicy policy;

    public PushUrls(@Value("${chat.user-client.push-allow-private-networks:false}") boolean allowPrivateNetworks) {
        this.policy = new OutboundUrlPolicy(allowPrivateNetworks);
        if (allowPrivateNetworks) {
            log.warn("Push endpoints on private networks and over http are allowed "
                    + "(chat.user-client.push-allow-private-networks): not for production");
        }
    }

    /**
     * @return {@code url} if a device may register it (resolving its host on the way)
     * @throws ApiException {@code 422 PUSH_URL_NOT_ALLOWED}, saying which rule it broke
     */
    public String allowed(String url) {
        try {
            policy.check(url);
            return url;
        } catch (RefusedUrlException e) {
            throw new ApiException(UserClientProblem.PUSH_URL_NOT_ALLOWED,
                    "This push URL may not be used: " + e.getMessage() + ".");
        }
    }
}
