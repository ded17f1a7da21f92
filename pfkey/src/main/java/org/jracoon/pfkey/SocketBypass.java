package org.jracoon.pfkey;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import org.jracoon.pfkey.message.PolicyExtension;
import org.jracoon.pfkey.message.Sadb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Exempts one socket from IPsec policy, both directions, as racoon does for its IKE sockets:
 * otherwise a {@code require} policy between two peers would swallow the very IKE packets that are
 * to negotiate its SAs. The per-socket policy is a {@code sadb_x_policy} of type BYPASS given to
 * {@code setsockopt(IP_IPSEC_POLICY)} (or {@code IPV6_IPSEC_POLICY}); it needs CAP_NET_ADMIN.
 */
public final class SocketBypass {
    private SocketBypass() {
    }

    /**
     * @param fd   the socket's descriptor (for Netty's epoll transport, {@code channel.fd().intValue()})
     * @param ipv6 whether the socket is an AF_INET6 one
     */
    public static void apply(int fd, boolean ipv6) throws IOException {
        for (int dir : new int[] {Sadb.DIR_INBOUND, Sadb.DIR_OUTBOUND}) {
            PolicyExtension bypass = new PolicyExtension(Sadb.POLICY_BYPASS, dir, 0, 0, List.of());
            ByteBuffer bytes = ByteBuffer.allocate(bypass.encodedLength()).order(ByteOrder.nativeOrder());
            bypass.encode(bytes);
            try (Memory value = new Memory(bytes.capacity())) {
                value.write(0, bytes.array(), 0, bytes.capacity());
                LibC.INSTANCE.setsockopt(fd, ipv6 ? LibC.IPPROTO_IPV6 : LibC.IPPROTO_IP,
                        ipv6 ? LibC.IPV6_IPSEC_POLICY : LibC.IP_IPSEC_POLICY, value, bytes.capacity());
            } catch (LastErrorException e) {
                throw new IOException("IPsec bypass policy on socket " + fd + ": " + Errno.describe(e.getErrorCode()));
            }
        }
    }
}
