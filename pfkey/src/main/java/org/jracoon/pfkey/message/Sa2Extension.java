package org.jracoon.pfkey.message;

import java.nio.ByteBuffer;

/**
 * {@code struct sadb_x_sa2} (KAME/Linux): the SA's mode ({@link Sadb#MODE_TRANSPORT},
 * {@link Sadb#MODE_TUNNEL}) and the reqid that ties it to the policies that use it.
 * <pre>
 * +-------------------------------+-------------------------------+
 * |       sadb_x_sa2_len          |      sadb_x_sa2_exttype       |
 * +---------------+---------------+-------------------------------+
 * |     mode      |   reserved1   |          reserved2            |
 * +---------------+---------------+-------------------------------+
 * |                      sadb_x_sa2_sequence                      |
 * |                      sadb_x_sa2_reqid                         |
 * +---------------------------------------------------------------+
 * </pre>
 */
public record Sa2Extension(int mode, int sequence, int reqid) implements SadbExtension {
    static final int BODY = 12;

    public Sa2Extension {
        Wire.checkU8(mode, "mode");
    }

    @Override
    public SadbExtensionType type() {
        return SadbExtensionType.X_SA2;
    }

    @Override
    public int bodyLength() {
        return BODY;
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.put((byte) mode).put((byte) 0).putShort((short) 0).putInt(sequence).putInt(reqid);
    }

    static Sa2Extension decodeBody(ByteBuffer b) throws SadbDecodeException {
        Wire.require(b, BODY, "sadb_x_sa2");
        int mode = Wire.u8(b);
        b.get();
        b.getShort();
        Sa2Extension s = new Sa2Extension(mode, b.getInt(), b.getInt());
        Wire.requirePaddingOnly(b, "sadb_x_sa2");
        return s;
    }
}
