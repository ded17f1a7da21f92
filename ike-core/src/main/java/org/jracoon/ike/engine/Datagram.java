package org.jracoon.ike.engine;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One IKE message as the engine sees it on the way in or out: the ISAKMP bytes (on UDP 4500
 * without the non-ESP marker, RFC 3948 section 2.2) and the two endpoints. The engine takes
 * these as input and returns them as output; it never touches a socket.
 */
public record Datagram(byte[] data, InetSocketAddress local, InetSocketAddress remote) {
    public Datagram {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
    }

    /** A NAT keepalive (RFC 3948 section 2.3): one 0xFF octet, which travels without the non-ESP marker. */
    public static Datagram keepalive(InetSocketAddress local, InetSocketAddress remote) {
        return new Datagram(new byte[] {(byte) 0xFF}, local, remote);
    }

    /** Whether this is a NAT keepalive; an ISAKMP message is never one octet long. */
    public boolean isKeepalive() {
        return data.length == 1 && data[0] == (byte) 0xFF;
    }

    @Override
    public String toString() {
        return data.length + " bytes " + local + " <- -> " + remote;
    }
}
