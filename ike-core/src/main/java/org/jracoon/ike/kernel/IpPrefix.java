package org.jracoon.ike.kernel;

import java.net.InetAddress;
import java.util.Objects;

/** An address and prefix length, as policy selectors match traffic (10.1.0.0/16, 2001:db8::/32). */
public record IpPrefix(InetAddress address, int length) {
    public IpPrefix {
        Objects.requireNonNull(address);
        if (length < 0 || length > bits(address)) {
            throw new IllegalArgumentException("prefix length " + length + " for " + address.getHostAddress());
        }
    }

    /** The single address. */
    public static IpPrefix host(InetAddress address) {
        return new IpPrefix(address, bits(address));
    }

    private static int bits(InetAddress address) {
        return address.getAddress().length * 8;
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + length;
    }
}
