package org.jracoon.pfkey.message;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import static org.jracoon.pfkey.message.SadbDecodeException.Reason.BAD_VALUE;
import static org.jracoon.pfkey.message.SadbExtensionType.ADDRESS_DST;
import static org.jracoon.pfkey.message.SadbExtensionType.ADDRESS_PROXY;
import static org.jracoon.pfkey.message.SadbExtensionType.ADDRESS_SRC;
import static org.jracoon.pfkey.message.SadbExtensionType.X_NAT_T_OA;

/**
 * {@code struct sadb_address} (RFC 2367 section 2.3.3) followed by a sockaddr: an SA endpoint,
 * or with prefix length, port and upper-layer protocol a policy selector. Also used for the
 * NAT-T original address ({@code SADB_X_EXT_NAT_T_OA}).
 * <pre>
 * +-------------------------------+-------------------------------+
 * |       sadb_address_len        |     sadb_address_exttype      |
 * +---------------+---------------+-------------------------------+
 * |     proto     |   prefixlen   |           reserved            |
 * +---------------+---------------+-------------------------------+
 * |  sockaddr_in / sockaddr_in6 (family host order, port network)  |
 * </pre>
 */
public record AddressExtension(SadbExtensionType type, int protocol, int prefixLength, InetAddress address, int port)
        implements SadbExtension {

    public AddressExtension {
        Wire.checkType(type, ADDRESS_SRC, ADDRESS_DST, ADDRESS_PROXY, X_NAT_T_OA);
        Wire.checkU8(protocol, "upper-layer protocol");
        Wire.checkU16(port, "port");
        if (prefixLength < 0 || prefixLength > address.getAddress().length * 8) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " for " + address.getHostAddress());
        }
    }

    /** A whole host, any port and protocol: how SA endpoints are written. */
    public static AddressExtension host(SadbExtensionType type, InetAddress address) {
        return new AddressExtension(type, 0, address.getAddress().length * 8, address, 0);
    }

    @Override
    public int bodyLength() {
        return 4 + SockAddr.length(address);
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.put((byte) protocol).put((byte) prefixLength).putShort((short) 0);
        SockAddr.write(out, address, port);
    }

    static AddressExtension decodeBody(SadbExtensionType type, ByteBuffer b) throws SadbDecodeException {
        Wire.require(b, 4, "sadb_address");
        int protocol = Wire.u8(b);
        int prefixLength = Wire.u8(b);
        b.getShort();
        InetSocketAddress sa = SockAddr.read(b, type.name());
        Wire.requirePaddingOnly(b, "sadb_address");
        if (prefixLength > sa.getAddress().getAddress().length * 8) {
            throw new SadbDecodeException(BAD_VALUE, type + " prefix length " + prefixLength);
        }
        return new AddressExtension(type, protocol, prefixLength, sa.getAddress(), sa.getPort());
    }

    @Override
    public String toString() {
        return type + "[" + address.getHostAddress() + "/" + prefixLength + "[" + port + "] proto=" + protocol + "]";
    }
}
