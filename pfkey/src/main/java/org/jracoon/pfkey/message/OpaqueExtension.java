package org.jracoon.pfkey.message;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.jracoon.pfkey.message.SadbExtensionType.SENSITIVITY;
import static org.jracoon.pfkey.message.SadbExtensionType.X_FILTER;
import static org.jracoon.pfkey.message.SadbExtensionType.X_KMADDRESS;
import static org.jracoon.pfkey.message.SadbExtensionType.X_KMPRIVATE;
import static org.jracoon.pfkey.message.SadbExtensionType.X_SEC_CTX;

/**
 * An extension carried without being interpreted (sensitivity, {@code sadb_x_sec_ctx} and the
 * other kinds the daemon never acts on): its body bytes after the 4-byte header, padding included,
 * so that it encodes back to what was read (the constructor pads it to a whole extension).
 */
public record OpaqueExtension(SadbExtensionType type, byte[] body) implements SadbExtension {

    public OpaqueExtension {
        Wire.checkType(type, SENSITIVITY, X_KMPRIVATE, X_SEC_CTX, X_KMADDRESS, X_FILTER);
        body = Arrays.copyOf(body, Wire.align8(HEADER_LENGTH + body.length) - HEADER_LENGTH);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public int bodyLength() {
        return body.length;
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.put(body);
    }

    static OpaqueExtension decodeBody(SadbExtensionType type, ByteBuffer b) {
        byte[] body = new byte[b.remaining()];
        b.get(body);
        return new OpaqueExtension(type, body);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpaqueExtension x && x.type == type && Arrays.equals(x.body, body);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return type + "[" + body.length + " bytes]";
    }
}
