package io.chatbackend.platform.web.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * What kind of network an IP address belongs to, for deciding whether a service may call a URL that a user gave it
 * (server-side request forgery): only {@link #PUBLIC} addresses are out on the internet; every other kind reaches the
 * machine itself, the private network it sits in, or the cloud's metadata service (169.254.169.254).
 *
 * <p>IPv6 forms that carry an IPv4 address (IPv4-mapped {@code ::ffff:a.b.c.d}, the deprecated IPv4-compatible
 * {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96} and 6to4 {@code 2002::/16}) are judged by the IPv4 address inside, so
 * {@code ::ffff:127.0.0.1} is loopback.
 */
public enum AddressKind {
    /** Routable on the internet. */
    PUBLIC,
    /** 127.0.0.0/8, ::1. */
    LOOPBACK,
    /** 10/8, 172.16/12, 192.168/16, IPv6 unique local fc00::/7 and the old site-local fec0::/10. */
    PRIVATE,
    /** 169.254/16 (with the cloud metadata address), fe80::/10. */
    LINK_LOCAL,
    /** 0.0.0.0/8 ("this network"), ::. */
    ANY_LOCAL,
    /** 224/4, ff00::/8. */
    MULTICAST,
    /** 100.64/10, carrier-grade NAT's shared address space: private in all but name. */
    SHARED,
    /** 240/4 (reserved, with the broadcast address 255.255.255.255). */
    RESERVED;

    /** The kind of {@code address}. */
    public static AddressKind of(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            InetAddress embedded = embeddedIpv4(v6.getAddress());
            if (embedded != null) {
                return of(embedded);
            }
        }
        if (address.isAnyLocalAddress()) {
            return ANY_LOCAL;
        }
        if (address.isLoopbackAddress()) {
            return LOOPBACK;
        }
        if (address.isLinkLocalAddress()) {
            return LINK_LOCAL;
        }
        if (address.isMulticastAddress()) {
            return MULTICAST;
        }
        if (address.isSiteLocalAddress()) {
            return PRIVATE;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            if (first == 0) {
                return ANY_LOCAL;
            }
            if (first == 100 && (second & 0xc0) == 64) {
                return SHARED;
            }
            if (first >= 240) {
                return RESERVED;
            }
            return PUBLIC;
        }
        if ((bytes[0] & 0xfe) == 0xfc) {
            return PRIVATE; // unique local fc00::/7, which the JDK does not count as site-local
        }
        return PUBLIC;
    }

    /** Whether a service may call this address on a user's behalf. */
    public boolean isPublic() {
        return this == PUBLIC;
    }

    /** The IPv4 address an IPv6 address carries, or null. */
    private static InetAddress embeddedIpv4(byte[] v6) {
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= v6[i] == 0;
        }
        boolean mapped = firstTenZero && (v6[10] & 0xff) == 0xff && (v6[11] & 0xff) == 0xff;
        boolean compatible = firstTenZero && v6[10] == 0 && v6[11] == 0
                && !((v6[12] | v6[13] | v6[14]) == 0 && (v6[15] == 0 || v6[15] == 1)); // not :: or ::1
        boolean nat64 = v6[0] == 0 && v6[1] == 0x64 && (v6[2] & 0xff) == 0xff && (v6[3] & 0xff) == 0x9b
                && allZero(v6, 4, 12);
        if (mapped || compatible || nat64) {
            return ipv4(v6[12], v6[13], v6[14], v6[15]);
        }
        if (v6[0] == 0x20 && v6[1] == 0x02) {
            return ipv4(v6[2], v6[3], v6[4], v6[5]); // 6to4 2002:a.b.c.d::/48
        }
        return null;
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress ipv4(byte a, byte b, byte c, byte d) {
        try {
            return InetAddress.getByAddress(new byte[] {a, b, c, d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }
}
