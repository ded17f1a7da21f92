package org.jracoon.ike.kernel;

import java.util.Objects;

/**
 * The packets a policy applies to (RFC 4301 4.4.1.1): source and destination prefixes, ports and
 * the upper-layer protocol; {@link #ANY_PORT} and {@link #ANY_PROTOCOL} match everything.
 */
public record TrafficSelector(IpPrefix source, int sourcePort, IpPrefix destination, int destinationPort,
                              int upperProtocol) {
    public static final int ANY_PORT = 0;
    public static final int ANY_PROTOCOL = 255;

    public TrafficSelector {
        Objects.requireNonNull(source);
        Objects.requireNonNull(destination);
        if (source.address().getClass() != destination.address().getClass()) {
            throw new IllegalArgumentException("selector mixes address families: " + source + " " + destination);
        }
        if (sourcePort < 0 || sourcePort > 65535 || destinationPort < 0 || destinationPort > 65535) {
            throw new IllegalArgumentException("selector ports " + sourcePort + " " + destinationPort);
        }
        if (upperProtocol < 0 || upperProtocol > 255) {
            throw new IllegalArgumentException("upper-layer protocol " + upperProtocol);
        }
    }

    /** Everything between two prefixes. */
    public static TrafficSelector between(IpPrefix source, IpPrefix destination) {
        return new TrafficSelector(source, ANY_PORT, destination, ANY_PORT, ANY_PROTOCOL);
    }

    /** The same traffic the other way: source and destination (prefixes and ports) swapped. */
    public TrafficSelector reversed() {
        return new TrafficSelector(destination, destinationPort, source, sourcePort, upperProtocol);
    }

    @Override
    public String toString() {
        return source + "[" + (sourcePort == ANY_PORT ? "any" : sourcePort) + "] "
                + destination + "[" + (destinationPort == ANY_PORT ? "any" : destinationPort) + "] "
                + (upperProtocol == ANY_PROTOCOL ? "any" : Integer.toString(upperProtocol));
    }
}
