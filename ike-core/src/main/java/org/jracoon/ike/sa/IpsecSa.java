package org.jracoon.ike.sa;

import java.net.InetAddress;

import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.SaId;
import org.jracoon.ike.kernel.TrafficSelector;

/**
 * One negotiated IPsec SA pair ("phase 2") as installed: the inbound SA (peer to us, our SPI)
 * and the outbound one (us to the peer, the peer's SPI), with the ISAKMP SA it came from.
 *
 * @param selector source = our side, destination = the peer's side
 */
public record IpsecSa(Cookies phase1, IpsecProtocol protocol, IpsecMode mode, InetAddress local, InetAddress remote,
        int inboundSpi, int outboundSpi, TrafficSelector selector, long lifetimeSeconds) {

    public SaId inbound() {
        return new SaId(protocol, remote, local, inboundSpi);
    }

    public SaId outbound() {
        return new SaId(protocol, local, remote, outboundSpi);
    }

    @Override
    public String toString() {
        return String.format("%s %s in 0x%08x out 0x%08x %s", protocol, mode, inboundSpi, outboundSpi, selector);
    }
}
