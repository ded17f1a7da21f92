package org.jracoon.ike.engine;

import java.net.InetAddress;
import java.util.Objects;

import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.TrafficSelector;

/**
 * A request for an IPsec SA pair, as the runtime derives it from a kernel ACQUIRE and the
 * outbound policy it names: the IKE endpoints (tunnel endpoints in tunnel mode, the selector's
 * hosts in transport mode), the traffic and the protocol and mode the policy asks for.
 *
 * @param selector source = our side, destination = the peer's side
 * @param sequence the ACQUIRE's sequence number, passed on to GETSPI
 */
public record SaRequest(InetAddress local, InetAddress peer, TrafficSelector selector, IpsecProtocol protocol,
        IpsecMode mode, int reqid, int sequence) {

    public SaRequest {
        Objects.requireNonNull(local);
        Objects.requireNonNull(peer);
        Objects.requireNonNull(selector);
        Objects.requireNonNull(protocol);
        Objects.requireNonNull(mode);
        if (protocol == IpsecProtocol.IPCOMP) {
            throw new IllegalArgumentException("IPComp is not negotiated");
        }
    }
}
