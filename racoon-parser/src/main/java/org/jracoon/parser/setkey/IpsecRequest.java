package org.jracoon.parser.setkey;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code protocol/mode/src-dst/level} request of an ipsec policy (ipsec_set_policy(3)).
 * Tunnel end points are required in tunnel mode and may be absent in transport mode (also after
 * {@code me-any} or {@code any-me}); a reqid other than 0 comes from {@code unique:N}.
 */
public record IpsecRequest(IpsecProtocol protocol, IpsecMode mode, Optional<InetSocketAddress> tunnelSource,
                           Optional<InetSocketAddress> tunnelDestination, IpsecLevel level, long reqid) {
    public IpsecRequest {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(tunnelSource, "tunnelSource");
        Objects.requireNonNull(tunnelDestination, "tunnelDestination");
        Objects.requireNonNull(level, "level");
        if (tunnelSource.isPresent() != tunnelDestination.isPresent()) {
            throw new IllegalArgumentException("tunnel needs both end points");
        }
        if (reqid < 0 || reqid > 0xffffffffL) {
            throw new IllegalArgumentException("reqid out of range: " + reqid);
        }
    }

    /** The same request with another level and reqid. */
    public IpsecRequest withLevel(IpsecLevel newLevel, long newReqid) {
        return new IpsecRequest(protocol, mode, tunnelSource, tunnelDestination, newLevel, newReqid);
    }
}
