package org.jracoon.ike.crypto;

/**
 * Where the engine gets every random byte: cookies, nonces, DH private values, padding bytes.
 * Injected rather than read from a static so that a test can pin all of them and replay a
 * recorded exchange byte for byte.
 */
@FunctionalInterface
public interface RandomSource {

    /** Fills {@code out} with random bytes. */
    void nextBytes(byte[] out);

    default byte[] bytes(int length) {
        byte[] out = new byte[length];
        nextBytes(out);
        return out;
    }
}
