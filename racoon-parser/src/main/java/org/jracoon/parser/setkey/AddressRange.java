package org.jracoon.parser.setkey;

import java.net.InetAddress;
import java.util.Objects;

/** A policy selector address with its prefix length ({@code 10.0.1.0/24}; a bare address is /32 or /128). */
public record AddressRange(InetAddress address, int prefixLength) {
    public AddressRange {
        Objects.requireNonNull(address, "address");
        if (prefixLength < 0 || prefixLength > maxPrefix(address)) {
            throw new IllegalArgumentException("prefix length out of range: " + prefixLength);
        }
    }

    /** The host prefix length of the address family: 32 for IPv4, 128 for IPv6. */
    public static int maxPrefix(InetAddress address) {
        return address.getAddress().length * 8;
    }

    public static AddressRange host(InetAddress address) {
        return new AddressRange(address, maxPrefix(address));
    }
}
