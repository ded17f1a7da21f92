package org.jracoon.pfkey;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import org.jracoon.pfkey.message.PolicyExtension;
import org.jracoon.pfkey.message.Sadb;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The two socket options an IKE socket needs from Linux that Netty cannot set.
 *
 * <ul>
 *   <li>A per-socket IPsec <em>bypass</em> policy in both directions: without it a
 *       {@code require} policy between the two peers would swallow the IKE packets that are
 *       supposed to create its SAs (racoon does the same in {@code setsockopt_bypass}). Linux
 *       takes it in two formats, each understood only by its key manager: XFRM's
 *       {@code xfrm_userpolicy_info} ({@code IP_XFRM_POLICY}, needs xfrm_user) and PF_KEY's
 *       {@code sadb_x_policy} ({@code IP_IPSEC_POLICY}, needs af_key). XFRM is tried first
 *       since kernels without af_key are common.</li>
 *   <li>{@code UDP_ENCAP = UDP_ENCAP_ESPINUDP} on the NAT-T port (RFC 3948): the kernel then
 *       decapsulates ESP-in-UDP itself and hands only marker-prefixed IKE to the socket.</li>
 * </ul>
 */
public final class IkeSocketOptions {
    private static final int SOL_UDP = 17;
    private static final int IP_XFRM_POLICY = 17;      // linux/in.h
    private static final int IPV6_XFRM_POLICY = 35;    // linux/in6.h
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int XFRM_POLICY_IN = 0;       // linux/xfrm.h
    private static final int XFRM_POLICY_OUT = 1;
    private static final int XFRM_POLICY_ALLOW = 0;
    private static final int UDP_ENCAP = 100;          // linux/udp.h
    private static final int UDP_ENCAP_ESPINUDP = 2;

    private IkeSocketOptions() {
    }

    /** Exempts the socket from IPsec policy in both directions. */
    public static void bypassIpsecPolicy(int fd, boolean ipv6) throws SocketOptionException {
        int level = ipv6 ? LibC.IPPROTO_IPV6 : LibC.IPPROTO_IP;
        for (boolean inbound : new boolean[] {true, false}) {
            String what = "IPsec bypass policy (" + (inbound ? "in" : "out") + ")";
            try {
                set(fd, level, ipv6 ? IPV6_XFRM_POLICY : IP_XFRM_POLICY, xfrmBypassPolicy(inbound, ipv6), what);
            } catch (SocketOptionException viaXfrm) {
                try {
                    set(fd, level, ipv6 ? LibC.IPV6_IPSEC_POLICY : LibC.IP_IPSEC_POLICY,
                            pfkeyBypassPolicy(inbound ? Sadb.DIR_INBOUND : Sadb.DIR_OUTBOUND), what);
                } catch (SocketOptionException viaPfkey) {
                    throw new SocketOptionException(viaXfrm.getMessage() + " (XFRM format); "
                            + viaPfkey.getMessage() + " (PF_KEY format)", viaPfkey.errno());
                }
            }
        }
    }

    /** Marks a UDP 4500 socket as carrying ESP-in-UDP (RFC 3948). */
    public static void enableEspInUdp(int fd) throws SocketOptionException {
        byte[] value = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(UDP_ENCAP_ESPINUDP).array();
        set(fd, SOL_UDP, UDP_ENCAP, value, "UDP_ENCAP_ESPINUDP");
    }

    /**
     * A {@code struct xfrm_userpolicy_info} (168 bytes: selector 56, lifetime config 64,
     * current lifetime 32, priority, index, dir, action, flags, share, padding) that allows
     * everything in one direction, with no templates. The kernel insists on a selector family.
     */
    static byte[] xfrmBypassPolicy(boolean inbound, boolean ipv6) {
        ByteBuffer b = ByteBuffer.allocate(168).order(ByteOrder.nativeOrder());
        b.putShort(40, (short) (ipv6 ? AF_INET6 : AF_INET));
        for (int limit = 0; limit < 4; limit++) {
            b.putLong(56 + 8 * limit, -1L); // byte and packet limits: XFRM_INF
        }
        b.put(160, (byte) (inbound ? XFRM_POLICY_IN : XFRM_POLICY_OUT));
        b.put(161, (byte) XFRM_POLICY_ALLOW);
        return b.array();
    }

    /** A bare {@code struct sadb_x_policy} of type BYPASS for one direction, no requests. */
    static byte[] pfkeyBypassPolicy(int dir) {
        PolicyExtension bypass = new PolicyExtension(Sadb.POLICY_BYPASS, dir, 0, 0, List.of());
        ByteBuffer bytes = ByteBuffer.allocate(bypass.encodedLength()).order(ByteOrder.nativeOrder());
        bypass.encode(bytes);
        return bytes.array();
    }

    private static void set(int fd, int level, int name, byte[] value, String what) throws SocketOptionException {
        try (Memory memory = new Memory(value.length)) {
            memory.write(0, value, 0, value.length);
            LibC.INSTANCE.setsockopt(fd, level, name, memory, value.length);
        } catch (LastErrorException e) {
            throw new SocketOptionException("cannot set " + what + ": " + Errno.describe(e.getErrorCode()),
                    e.getErrorCode());
        }
    }

    /** A socket option the kernel refused; the message names the option and the errno. */
    public static final class SocketOptionException extends Exception {
        private static final int ENOPROTOOPT = 92;
        private static final int EOPNOTSUPP = 95;
        private final int errno;

        SocketOptionException(String message, int errno) {
            super(message);
            this.errno = errno;
        }

        public int errno() {
            return errno;
        }

        /** The kernel has no IPsec policy engine at all, so there is no policy to bypass. */
        public boolean kernelLacksIpsec() {
            return errno == EOPNOTSUPP || errno == ENOPROTOOPT;
        }
    }
}
