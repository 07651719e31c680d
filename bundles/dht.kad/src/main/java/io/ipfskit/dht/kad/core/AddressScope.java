package io.ipfskit.dht.kad.core;

import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.Protocol;

/**
 * Where an address can be reached from, by its leading host: the public internet, a private network (RFC 1918, CGNAT,
 * link-local, IPv6 unique-local and everything outside 2000::/3, as go-libp2p-kad-dht's stricter IPv6 rule), this
 * machine only, or nowhere (unspecified, multicast, reserved). A DNS name counts as public; an address without an IP
 * or DNS host as unusable.
 */
public enum AddressScope {
    PUBLIC,
    PRIVATE,
    LOOPBACK,
    UNUSABLE;

    /** The scope of an address. */
    public static AddressScope of(Multiaddr address) {
        for (Multiaddr.Component c : address.components()) {
            switch (c.protocol()) {
                case IP4:
                    return ip4(c.value());
                case IP6:
                    return ip6(c.value());
                case DNS, DNS4, DNS6, DNSADDR:
                    return PUBLIC;
                case IP6ZONE:
                    continue;
                default:
                    return UNUSABLE;
            }
        }
        return UNUSABLE;
    }

    /**
     * The diversity group of a public address (its IPv4 /16 or IPv6 /32, as go's peerdiversity groups without an
     * ASN table); null for any other address, which the diversity filter lets through.
     */
    public static String group(Multiaddr address) {
        if (of(address) != PUBLIC) {
            return null;
        }
        for (Multiaddr.Component c : address.components()) {
            byte[] v = c.value();
            if (c.protocol() == Protocol.IP4) {
                return "4:" + (v[0] & 0xff) + "." + (v[1] & 0xff);
            }
            if (c.protocol() == Protocol.IP6) {
                return mapped4(v) ? "4:" + (v[12] & 0xff) + "." + (v[13] & 0xff)
                        : String.format("6:%02x%02x:%02x%02x", v[0], v[1], v[2], v[3]);
            }
        }
        return null;
    }

    private static AddressScope ip4(byte[] a) {
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        if (b0 == 127) {
            return LOOPBACK;
        }
        if (b0 == 0 || b0 >= 224) {
            return UNUSABLE;
        }
        if (b0 == 10 || (b0 == 172 && (b1 & 0xf0) == 16) || (b0 == 192 && b1 == 168) || (b0 == 100 && (b1 & 0xc0) == 64)
                || (b0 == 169 && b1 == 254)) {
            return PRIVATE;
        }
        return PUBLIC;
    }

    private static AddressScope ip6(byte[] a) {
        if (mapped4(a)) {
            return ip4(new byte[] {a[12], a[13], a[14], a[15]});
        }
        boolean zeroUpTo15 = true;
        for (int i = 0; i < 15; i++) {
            zeroUpTo15 &= a[i] == 0;
        }
        if (zeroUpTo15 && a[15] == 1) {
            return LOOPBACK;
        }
        if ((zeroUpTo15 && a[15] == 0) || (a[0] & 0xff) == 0xff) {
            return UNUSABLE;
        }
        return (a[0] & 0xe0) == 0x20 ? PUBLIC : PRIVATE;
    }

    private static boolean mapped4(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff;
    }
}
