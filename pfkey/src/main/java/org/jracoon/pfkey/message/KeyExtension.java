package org.jracoon.pfkey.message;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.jracoon.pfkey.message.SadbDecodeException.Reason.BAD_VALUE;
import static org.jracoon.pfkey.message.SadbExtensionType.KEY_AUTH;
import static org.jracoon.pfkey.message.SadbExtensionType.KEY_ENCRYPT;

/**
 * {@code struct sadb_key} (RFC 2367 section 2.3.4) followed by the key bits, padded.
 * <pre>
 * +-------------------------------+-------------------------------+
 * |         sadb_key_len          |        sadb_key_exttype       |
 * +-------------------------------+-------------------------------+
 * |         sadb_key_bits         |        sadb_key_reserved      |
 * +-------------------------------+-------------------------------+
 * |                      key data ... padding                     |
 * </pre>
 * {@link #toString()} never shows the key.
 */
public record KeyExtension(SadbExtensionType type, int bits, byte[] key) implements SadbExtension {

    public KeyExtension {
        Wire.checkType(type, KEY_AUTH, KEY_ENCRYPT);
        Wire.checkU16(bits, "key bits");
        if (key.length != (bits + 7) / 8) {
            throw new IllegalArgumentException(bits + " key bits in " + key.length + " bytes");
        }
        key = key.clone();
    }

    /** A key of whole bytes. */
    public static KeyExtension of(SadbExtensionType type, byte[] key) {
        return new KeyExtension(type, key.length * 8, key);
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public int bodyLength() {
        return 4 + key.length;
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.putShort((short) bits).putShort((short) 0).put(key);
    }

    static KeyExtension decodeBody(SadbExtensionType type, ByteBuffer b) throws SadbDecodeException {
        Wire.require(b, 4, "sadb_key");
        int bits = Wire.u16(b);
        b.getShort();
        int bytes = (bits + 7) / 8;
        if (bytes > b.remaining()) {
            throw new SadbDecodeException(BAD_VALUE, type + " claims " + bits + " bits in " + b.remaining() + " bytes");
        }
        byte[] key = new byte[bytes];
        b.get(key);
        Wire.requirePaddingOnly(b, "sadb_key");
        return new KeyExtension(type, bits, key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyExtension k && k.type == type && k.bits == bits && Arrays.equals(k.key, key);
    }

    @Override
    public int hashCode() {
        return (type.hashCode() * 31 + bits) * 31 + Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return type + "[" + bits + " bits]";
    }
}
