package org.jracoon.ike.payload;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable run of bytes: the opaque fields of payloads (SPIs, nonces, hashes, vendor IDs,
 * certificates). A value type so that payload records compare and print by content.
 */
public final class Octets {

    public static final Octets EMPTY = new Octets(new byte[0]);

    private final byte[] bytes;

    private Octets(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code bytes}; later changes to the array do not show through. */
    public static Octets of(byte... bytes) {
        return bytes.length == 0 ? EMPTY : new Octets(bytes.clone());
    }

    /** A copy of {@code length} bytes of {@code buffer} starting at {@code offset}. */
    public static Octets copyOf(byte[] buffer, int offset, int length) {
        return length == 0 ? EMPTY : new Octets(Arrays.copyOfRange(buffer, offset, offset + length));
    }

    /** Parses hex digits (as in logs and test vectors). */
    public static Octets fromHex(String hex) {
        return new Octets(HexFormat.of().parseHex(hex));
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    public byte byteAt(int index) {
        return bytes[index];
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    public void writeTo(ByteBuffer out) {
        out.put(bytes);
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Octets other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
