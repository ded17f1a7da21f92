package org.jracoon.parser.setkey;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One end of an SA: an address and a port (0 when none or {@code [any]} is given; ports matter
 * only for esp-udp, where they are the NAT-T ports).
 */
public record Endpoint(InetAddress address, int port) {
    public Endpoint {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
