package org.jracoon.ike.kernel;

import java.net.InetAddress;
import java.util.Objects;

/** What names an SA in the kernel: protocol, endpoints and SPI (RFC 4301 4.1; for IPComp the CPI). */
public record SaId(IpsecProtocol protocol, InetAddress source, InetAddress destination, int spi) {
    public SaId {
        Objects.requireNonNull(protocol);
        Objects.requireNonNull(source);
        Objects.requireNonNull(destination);
        if (source.getClass() != destination.getClass()) {
            throw new IllegalArgumentException("SA endpoints of different families: " + source + " " + destination);
        }
    }

    @Override
    public String toString() {
        return String.format("%s %s->%s spi 0x%08x", protocol.name().toLowerCase(java.util.Locale.ROOT),
                source.getHostAddress(), destination.getHostAddress(), spi);
    }
}
