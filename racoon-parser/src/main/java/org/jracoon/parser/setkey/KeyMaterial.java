package org.jracoon.parser.setkey;

import java.util.Arrays;

/**
 * Key bytes given to {@code -E} or {@code -A}: a {@code 0x} hex string or a quoted string taken
 * byte for byte. Immutable; {@link #toString()} shows only the length, so keys never reach logs.
 */
public final class KeyMaterial {
    private final byte[] bytes;

    public KeyMaterial(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    /**
     * Parses the digits of a {@code 0x} string. An odd count gets a leading zero nibble, as
     * setkey does ({@code 0x123} is the two bytes 01 23).
     */
    public static KeyMaterial fromHexDigits(String digits) {
        String even = digits.length() % 2 == 0 ? digits : "0" + digits;
        byte[] out = new byte[even.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(even.substring(2 * i, 2 * i + 2), 16);
        }
        return new KeyMaterial(out);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** Key length in bits, the unit PF_KEY uses in {@code sadb_key_bits}. */
    public int bits() {
        return bytes.length * 8;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyMaterial other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "KeyMaterial[" + bytes.length + " bytes]";
    }
}
