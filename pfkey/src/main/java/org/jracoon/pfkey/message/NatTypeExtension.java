package org.jracoon.pfkey.message;

import java.nio.ByteBuffer;

/**
 * {@code struct sadb_x_nat_t_type}: the UDP encapsulation of an ESP SA behind NAT
 * ({@link Sadb#NAT_T_ESPINUDP} for RFC 3948).
 * <pre>
 * +-------------------------------+-------------------------------+
 * |    sadb_x_nat_t_type_len      |   sadb_x_nat_t_type_exttype   |
 * +---------------+---------------+-------------------------------+
 * |     type      |                 reserved                      |
 * +---------------+-----------------------------------------------+
 * </pre>
 */
public record NatTypeExtension(int natType) implements SadbExtension {
    static final int BODY = 4;

    public NatTypeExtension {
        Wire.checkU8(natType, "NAT-T type");
    }

    @Override
    public SadbExtensionType type() {
        return SadbExtensionType.X_NAT_T_TYPE;
    }

    @Override
    public int bodyLength() {
        return BODY;
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.put((byte) natType).put((byte) 0).putShort((short) 0);
    }

    static NatTypeExtension decodeBody(ByteBuffer b) throws SadbDecodeException {
        Wire.require(b, BODY, "sadb_x_nat_t_type");
        NatTypeExtension t = new NatTypeExtension(Wire.u8(b));
        b.get();
        b.getShort();
        Wire.requirePaddingOnly(b, "sadb_x_nat_t_type");
        return t;
    }
}
