package org.jracoon.pfkey.message;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

import static org.jracoon.pfkey.message.SadbDecodeException.Reason.BAD_VALUE;

/**
 * The {@code struct sockaddr_in} / {@code sockaddr_in6} that follow address extensions and tunnel
 * ipsec requests: family in host order, port in network order. IPv6 flow info and scope id are
 * written as zero, as the kernel ignores them for SAs and policies.
 */
final class SockAddr {
    private SockAddr() {
    }

    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    private static final int IN_LEN = 16;
    private static final int IN6_LEN = 28;

    static int length(InetAddress address) {
        return address instanceof Inet4Address ? IN_LEN : IN6_LEN;
    }

    static void write(ByteBuffer b, InetAddress address, int port) {
        if (address instanceof Inet4Address) {
            b.putShort((short) AF_INET);
            Wire.putBe16(b, port);
            b.put(address.getAddress());
            Wire.pad(b, 8);
        } else if (address instanceof Inet6Address) {
            b.putShort((short) AF_INET6);
            Wire.putBe16(b, port);
            b.putInt(0);
            b.put(address.getAddress());
            b.putInt(0);
        } else {
            throw new IllegalArgumentException("not an IP address: " + address);
        }
    }

    static InetSocketAddress read(ByteBuffer b, String what) throws SadbDecodeException {
        Wire.require(b, 4, what + " sockaddr");
        int family = Wire.u16(b);
        int port = Wire.getBe16(b);
        byte[] addr;
        if (family == AF_INET) {
            Wire.require(b, IN_LEN - 4, what + " sockaddr_in");
            addr = new byte[4];
            b.get(addr);
            b.position(b.position() + 8);
        } else if (family == AF_INET6) {
            Wire.require(b, IN6_LEN - 4, what + " sockaddr_in6");
            b.getInt();
            addr = new byte[16];
            b.get(addr);
            b.getInt();
        } else {
            throw new SadbDecodeException(BAD_VALUE, what + " has address family " + family);
        }
        try {
            // Inet6Address keeps an IPv4-mapped address in its family; InetAddress would not.
            InetAddress ip = addr.length == 4 ? InetAddress.getByAddress(addr)
                    : Inet6Address.getByAddress(null, addr, (NetworkInterface) null);
            return new InetSocketAddress(ip, port);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always an address", e);
        }
    }
}
