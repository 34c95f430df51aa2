package io.chatbackend.gateway.edge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;

import org.springframework.web.server.ServerWebExchange;

/**
 * The address of the client a request comes from, decided once at the edge: the connection's peer, unless the peer
 * is one of the explicitly trusted proxies in front of the gateway, in which case the right-most address of their
 * {@code X-Forwarded-For} that is not itself a trusted proxy. Nothing a client sends can choose it.
 */
public final class ClientAddress {

    /** The exchange attribute that holds the decided address (a string). */
    public static final String ATTRIBUTE = ClientAddress.class.getName();

    private ClientAddress() {
    }

    /** The address decided for this exchange ({@code "unknown"} only if the connection has no peer address). */
    public static String of(ServerWebExchange exchange) {
        Object decided = exchange.getAttribute(ATTRIBUTE);
        return decided != null ? decided.toString() : peer(exchange);
    }

    /** Decides the client's address from the peer and, for trusted proxies only, their forwarded chain. */
    static String decide(String peer, List<String> forwardedFor, Set<String> trustedProxies) {
        if (!trustedProxies.contains(peer)) {
            return peer;
        }
        String client = peer;
        for (int i = forwardedFor.size() - 1; i >= 0; i--) {
            String hop = forwardedFor.get(i).strip();
            if (hop.isEmpty() || !isIpLiteral(hop)) {
                return client; // a malformed hop ends the chain the proxies vouch for
            }
            client = hop;
            if (!trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return client;
    }

    static String peer(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        InetAddress address = remote == null ? null : remote.getAddress();
        return address == null ? "unknown" : address.getHostAddress();
    }

    private static boolean isIpLiteral(String value) {
        return value.matches("[0-9.]{7,15}") || (value.contains(":") && value.matches("[0-9a-fA-F:.]{2,45}"));
    }
}
