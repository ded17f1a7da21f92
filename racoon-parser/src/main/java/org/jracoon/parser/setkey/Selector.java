package org.jracoon.parser.setkey;

import java.util.Objects;

/**
 * The traffic a policy applies to: {@code src_range[port] dst_range[port] upperspec}. Ports are 0
 * for any; for ICMP they carry type and code ({@code icmp 8,0}), as in setkey. The upper-layer
 * protocol is an IP protocol number, 255 ({@link #ANY_PROTOCOL}) for {@code any}.
 */
public record Selector(AddressRange source, int sourcePort, AddressRange destination, int destinationPort,
                       int upperLayerProtocol) {

    /** IPSEC_ULPROTO_ANY. */
    public static final int ANY_PROTOCOL = 255;

    public Selector {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        if (source.address().getClass() != destination.address().getClass()) {
            throw new IllegalArgumentException("address families differ");
        }
        if (sourcePort < 0 || sourcePort > 0xffff || destinationPort < 0 || destinationPort > 0xffff) {
            throw new IllegalArgumentException("port out of range");
        }
        if (upperLayerProtocol < 0 || upperLayerProtocol > 255) {
            throw new IllegalArgumentException("upper-layer protocol out of range: " + upperLayerProtocol);
        }
    }
}
