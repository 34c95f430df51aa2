package io.chatbackend.gateway.edge;

import java.net.URI;

/**
 * The gateway's public origin ({@code chat.public-url}): what browsers name in {@code Origin} and what the contexts
 * are told in {@code X-Forwarded-*}. Read from configuration, never from a request, so no client can choose it.
 */
public record PublicOrigin(String scheme, String host, int port, boolean explicitPort) {

    public static PublicOrigin of(String url) {
        URI uri = URI.create(url);
        boolean explicit = uri.getPort() >= 0;
        int port = explicit ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
        return new PublicOrigin(uri.getScheme(), uri.getHost(), port, explicit);
    }

    /** {@code host[:port]} as in a Host header: the port only when the URL names one. */
    public String hostHeader() {
        return explicitPort ? host + ":" + port : host;
    }

    /** {@code scheme://host[:port]}, as browsers send it in {@code Origin}. */
    public String origin() {
        return scheme + "://" + hostHeader();
    }
}
