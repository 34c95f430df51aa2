package io.chatbackend.notification.routing;

import java.util.Objects;

/**
 * A notification node as clients reach it.
 *
 * @param nodeId the node's id (in user-client's sessions and node registries, and in the tickets it accepts)
 * @param wsUrl  the public WebSocket URL clients open for this node
 */
public record NodeIdentity(String nodeId, String wsUrl) {

    public NodeIdentity {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(wsUrl, "wsUrl");
    }
}
