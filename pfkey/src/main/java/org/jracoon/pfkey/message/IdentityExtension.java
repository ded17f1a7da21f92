package org.jracoon.pfkey.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.jracoon.pfkey.message.SadbExtensionType.IDENTITY_DST;
import static org.jracoon.pfkey.message.SadbExtensionType.IDENTITY_SRC;

/**
 * {@code struct sadb_ident} (RFC 2367 section 2.3.5) followed by a NUL-terminated identity string,
 * padded. {@link #data()} holds every byte after the fixed part, padding included (the constructor
 * pads it), so decoding and encoding give back the same value.
 * <pre>
 * +-------------------------------+-------------------------------+
 * |        sadb_ident_len         |       sadb_ident_exttype      |
 * +-------------------------------+-------------------------------+
 * |        sadb_ident_type        |       sadb_ident_reserved     |
 * +-------------------------------+-------------------------------+
 * |                       sadb_ident_id (64)                      |
 * +---------------------------------------------------------------+
 * |                  identity string ... padding                  |
 * </pre>
 */
public record IdentityExtension(SadbExtensionType type, int identityType, long id, byte[] data)
        implements SadbExtension {

    public IdentityExtension {
        Wire.checkType(type, IDENTITY_SRC, IDENTITY_DST);
        Wire.checkU16(identityType, "identity type");
        // 16 fixed bytes: the string fills whole 8-byte words.
        data = Arrays.copyOf(data, Wire.align8(data.length));
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The identity string, up to its terminating NUL. */
    public String text() {
        int end = 0;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        return new String(data, 0, end, StandardCharsets.UTF_8);
    }

    @Override
    public int bodyLength() {
        return 12 + data.length;
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.putShort((short) identityType).putShort((short) 0).putLong(id).put(data);
    }

    static IdentityExtension decodeBody(SadbExtensionType type, ByteBuffer b) throws SadbDecodeException {
        Wire.require(b, 12, "sadb_ident");
        int identityType = Wire.u16(b);
        b.getShort();
        long id = b.getLong();
        byte[] data = new byte[b.remaining()];
        b.get(data);
        return new IdentityExtension(type, identityType, id, data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdentityExtension i && i.type == type && i.identityType == identityType
                && i.id == id && Arrays.equals(i.data, data);
    }

    @Override
    public int hashCode() {
        return ((type.hashCode() * 31 + identityType) * 31 + Long.hashCode(id)) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return type + "[type=" + identityType + " id=" + id + " '" + text() + "']";
    }
}
