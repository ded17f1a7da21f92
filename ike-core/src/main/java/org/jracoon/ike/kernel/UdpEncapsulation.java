package org.jracoon.ike.kernel;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * ESP in UDP for NAT traversal (RFC 3948): the ports of the outer UDP header and, for transport
 * mode checksum fix-ups, the peer's original address (NAT-OA, RFC 3947 section 5.2).
 */
public record UdpEncapsulation(Type type, int sourcePort, int destinationPort, Optional<InetAddress> originalAddress) {

    public enum Type {
        /** RFC 3948: a non-ESP marker separates IKE from ESP on port 4500. */
        ESP_IN_UDP,
        /** Early drafts: IKE packets carry an 8-byte non-IKE marker. */
        ESP_IN_UDP_NON_IKE
    }

    public UdpEncapsulation {
        Objects.requireNonNull(type);
        Objects.requireNonNull(originalAddress);
        if (sourcePort < 1 || sourcePort > 65535 || destinationPort < 1 || destinationPort > 65535) {
            throw new IllegalArgumentException("UDP encapsulation ports " + sourcePort + " " + destinationPort);
        }
    }

    public static UdpEncapsulation espInUdp(int sourcePort, int destinationPort) {
        return new UdpEncapsulation(Type.ESP_IN_UDP, sourcePort, destinationPort, Optional.empty());
    }

    public UdpEncapsulation withOriginalAddress(InetAddress address) {
        return new UdpEncapsulation(type, sourcePort, destinationPort, Optional.of(address));
    }
}
