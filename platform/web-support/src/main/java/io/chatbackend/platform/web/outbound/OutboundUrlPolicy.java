package io.chatbackend.platform.web.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Decides whether a service may call a URL that a user gave it (a webhook), against server-side request forgery:
 * {@code https} only (and {@code http} only where private networks are allowed), a host and no user info, at most
 * {@value #MAX_LENGTH} characters, and a host that resolves to public addresses only ({@link AddressKind}): one
 * non-public address among the answers refuses the URL, since the client may connect to any of them.
 *
 * <p>{@code allowPrivateNetworks} switches the address check (and the https-only rule) off, for a developer's machine
 * or tests whose receivers listen on loopback; never in production.
 *
 * <p>A URL that passed when it was registered can point elsewhere later (DNS rebinding), so a sender checks again
 * right before every call, and with {@code https} the connection is only made to a server with a certificate for
 * the URL's host name, which an internal service does not have.
 */
public final class OutboundUrlPolicy {

    /** The longest URL accepted. */
    public static final int MAX_LENGTH = 2048;

    /** Looks up a host's addresses; the system resolver by default (tests and alternative resolvers plug in here). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivateNetworks;
    private final Resolver resolver;

    /** With the system resolver. */
    public OutboundUrlPolicy(boolean allowPrivateNetworks) {
        this(allowPrivateNetworks, InetAddress::getAllByName);
    }

    public OutboundUrlPolicy(boolean allowPrivateNetworks, Resolver resolver) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    public boolean allowsPrivateNetworks() {
        return allowPrivateNetworks;
    }

    /**
     * Checks {@code url} and resolves its host (this may block on DNS).
     *
     * @return the URL and the addresses its host resolved to, all public unless private networks are allowed
     * @throws RefusedUrlException why the URL may not be called
     */
    public Target check(String url) {
        if (url == null || url.isEmpty()) {
            throw new RefusedUrlException(RefusedUrlException.Reason.MALFORMED, "no URL");
        }
        if (url.length() > MAX_LENGTH) {
            throw new RefusedUrlException(RefusedUrlException.Reason.MALFORMED,
                    "longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new RefusedUrlException(RefusedUrlException.Reason.MALFORMED, "not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowPrivateNetworks && scheme.equals("http"))) {
            throw new RefusedUrlException(RefusedUrlException.Reason.SCHEME,
                    allowPrivateNetworks ? "not http or https" : "not https");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new RefusedUrlException(RefusedUrlException.Reason.MALFORMED, "no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedUrlException(RefusedUrlException.Reason.MALFORMED, "user info in the URL");
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1); // an IPv6 literal
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new RefusedUrlException(RefusedUrlException.Reason.UNRESOLVED, "host " + host + " does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            throw new RefusedUrlException(RefusedUrlException.Reason.UNRESOLVED, "host " + host + " does not resolve");
        }
        if (!allowPrivateNetworks) {
            for (InetAddress address : addresses) {
                AddressKind kind = AddressKind.of(address);
                if (!kind.isPublic()) {
                    throw new RefusedUrlException(RefusedUrlException.Reason.NOT_PUBLIC, "host " + host
                            + " resolves to " + address.getHostAddress() + ", a "
                            + kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + " address");
                }
            }
        }
        return new Target(uri, List.of(addresses));
    }

    /**
     * A URL that may be called.
     *
     * @param uri       the parsed URL
     * @param addresses what its host resolved to when it was checked
     */
    public record Target(URI uri, List<InetAddress> addresses) {
    }
}
