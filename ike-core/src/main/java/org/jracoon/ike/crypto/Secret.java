package org.jracoon.ike.crypto;

import java.util.Arrays;

/**
 * Key material that must not leak: pre-shared keys, g^xy, SKEYID and its children, encryption
 * keys, KEYMAT. The bytes stay inside; they leave only through {@link #extract()}, which makes
 * every place that exports a key easy to find. {@code toString} shows the length only, so a
 * secret logged by mistake prints nothing sensitive.
 *
 * <p>PRFs and ciphers of this package read the bytes directly ({@link #bytes()}), which is why
 * derivations take a {@code Secret} rather than a {@code byte[]}.
 */
public final class Secret {

    private final byte[] bytes;

    private Secret(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A secret holding a copy of {@code bytes}; the caller may wipe its array afterwards. */
    public static Secret copyOf(byte[] bytes) {
        return new Secret(bytes.clone());
    }

    /** Adopts an array nobody else holds (results of a PRF or an agreement). */
    static Secret adopt(byte[] bytes) {
        return new Secret(bytes);
    }

    /** The concatenation of {@code parts}, in order (e.g. K1 | K2 | K3 of RFC 2409 appendix B). */
    public static Secret concat(Secret... parts) {
        int length = 0;
        for (Secret part : parts) {
            length += part.bytes.length;
        }
        byte[] out = new byte[length];
        int offset = 0;
        for (Secret part : parts) {
            System.arraycopy(part.bytes, 0, out, offset, part.bytes.length);
            offset += part.bytes.length;
        }
        return new Secret(out);
    }

    /** The first {@code length} bytes, e.g. Ka as "the first bits of SKEYID_e" (RFC 2409 appendix B). */
    public Secret prefix(int length) {
        if (length < 0 || length > bytes.length) {
            throw new IllegalArgumentException("prefix of " + length + " bytes from a " + bytes.length + "-byte secret");
        }
        return new Secret(Arrays.copyOf(bytes, length));
    }

    public int length() {
        return bytes.length;
    }

    /** A copy of the raw bytes: the one explicit way out (key installation, debug dumps at the highest level). */
    public byte[] extract() {
        return bytes.clone();
    }

    /** The live array, for the primitives of this package only. */
    byte[] bytes() {
        return bytes;
    }

    @Override
    public String toString() {
        return "Secret[" + bytes.length + " bytes]";
    }
}
