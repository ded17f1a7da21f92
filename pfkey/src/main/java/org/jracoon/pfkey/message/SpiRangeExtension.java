package org.jracoon.pfkey.message;

import java.nio.ByteBuffer;

/**
 * {@code struct sadb_spirange} (RFC 2367 section 2.3.8): where GETSPI may pick the SPI. Unlike the
 * SPI in {@code sadb_sa}, the bounds are in host byte order.
 * <pre>
 * +-------------------------------+-------------------------------+
 * |      sadb_spirange_len        |     sadb_spirange_exttype     |
 * +-------------------------------+-------------------------------+
 * |                      sadb_spirange_min                        |
 * |                      sadb_spirange_max                        |
 * |                      reserved                                 |
 * +---------------------------------------------------------------+
 * </pre>
 */
public record SpiRangeExtension(int min, int max) implements SadbExtension {
    static final int BODY = 12;

    @Override
    public SadbExtensionType type() {
        return SadbExtensionType.SPIRANGE;
    }

    @Override
    public int bodyLength() {
        return BODY;
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.putInt(min).putInt(max).putInt(0);
    }

    static SpiRangeExtension decodeBody(ByteBuffer b) throws SadbDecodeException {
        Wire.require(b, BODY, "sadb_spirange");
        SpiRangeExtension r = new SpiRangeExtension(b.getInt(), b.getInt());
        b.getInt();
        Wire.requirePaddingOnly(b, "sadb_spirange");
        return r;
    }

    @Override
    public String toString() {
        return String.format("SPIRANGE[0x%08x-0x%08x]", min, max);
    }
}
