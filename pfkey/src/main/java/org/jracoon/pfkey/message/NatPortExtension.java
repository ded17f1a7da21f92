package org.jracoon.pfkey.message;

import java.nio.ByteBuffer;

import static org.jracoon.pfkey.message.SadbExtensionType.X_NAT_T_DPORT;
import static org.jracoon.pfkey.message.SadbExtensionType.X_NAT_T_SPORT;

/**
 * {@code struct sadb_x_nat_t_port}: the UDP source or destination port of a NAT-T SA, in network
 * byte order.
 * <pre>
 * +-------------------------------+-------------------------------+
 * |    sadb_x_nat_t_port_len      |   sadb_x_nat_t_port_exttype   |
 * +-------------------------------+-------------------------------+
 * |        port (network)         |          reserved             |
 * +-------------------------------+-------------------------------+
 * </pre>
 */
public record NatPortExtension(SadbExtensionType type, int port) implements SadbExtension {
    static final int BODY = 4;

    public NatPortExtension {
        Wire.checkType(type, X_NAT_T_SPORT, X_NAT_T_DPORT);
        Wire.checkU16(port, "port");
    }

    @Override
    public int bodyLength() {
        return BODY;
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        Wire.putBe16(out, port);
        out.putShort((short) 0);
    }

    static NatPortExtension decodeBody(SadbExtensionType type, ByteBuffer b) throws SadbDecodeException {
        Wire.require(b, BODY, "sadb_x_nat_t_port");
        NatPortExtension p = new NatPortExtension(type, Wire.getBe16(b));
        b.getShort();
        Wire.requirePaddingOnly(b, "sadb_x_nat_t_port");
        return p;
    }
}
