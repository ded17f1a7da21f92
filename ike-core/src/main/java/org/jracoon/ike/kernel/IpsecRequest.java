package org.jracoon.ike.kernel;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One SA an IPSEC policy requires: protocol, mode, for tunnels the outer endpoints, the level, and
 * the reqid that binds it to SAs with the same reqid (0: any SA that fits).
 */
public record IpsecRequest(IpsecProtocol protocol, IpsecMode mode, Optional<InetAddress> tunnelSource,
                           Optional<InetAddress> tunnelDestination, IpsecLevel level, int reqid) {
    public IpsecRequest {
        Objects.requireNonNull(protocol);
        Objects.requireNonNull(mode);
        Objects.requireNonNull(level);
        if (tunnelSource.isPresent() != tunnelDestination.isPresent()) {
            throw new IllegalArgumentException("tunnel endpoints come in pairs");
        }
        if (tunnelSource.isPresent() && tunnelSource.get().getClass() != tunnelDestination.get().getClass()) {
            throw new IllegalArgumentException("tunnel endpoints of different families");
        }
        if (mode == IpsecMode.TUNNEL && tunnelSource.isEmpty()) {
            throw new IllegalArgumentException("a tunnel request needs its endpoints");
        }
        if (reqid < 0) {
            throw new IllegalArgumentException("reqid " + reqid);
        }
    }

    public static IpsecRequest transport(IpsecProtocol protocol, IpsecLevel level) {
        return new IpsecRequest(protocol, IpsecMode.TRANSPORT, Optional.empty(), Optional.empty(), level, 0);
    }

    public static IpsecRequest tunnel(IpsecProtocol protocol, InetAddress source, InetAddress destination, IpsecLevel level) {
        return new IpsecRequest(protocol, IpsecMode.TUNNEL, Optional.of(source), Optional.of(destination), level, 0);
    }

    public IpsecRequest withReqid(int reqid) {
        return new IpsecRequest(protocol, mode, tunnelSource, tunnelDestination, level, reqid);
    }
}
