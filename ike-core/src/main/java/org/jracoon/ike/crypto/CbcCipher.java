package org.jracoon.ike.crypto;

/**
 * A block cipher in CBC mode without padding, with one fixed key length: ISAKMP pads messages
 * itself (RFC 2408 section 3.5) and chains IVs across messages (RFC 2409 appendix B), so the
 * caller supplies the IV and whole blocks.
 */
public interface CbcCipher {

    /** Block size in bytes (8 for 3DES, 16 for AES): also the IV length. */
    int blockSize();

    /** Key length in bytes. */
    int keyLength();

    /**
     * Encrypts whole blocks.
     *
     * @throws IllegalArgumentException if the key, the IV or the data has the wrong length
     */
    byte[] encrypt(Secret key, byte[] iv, byte[] plaintext);

    /**
     * Decrypts whole blocks.
     *
     * @throws IllegalArgumentException if the key, the IV or the data has the wrong length
     */
    byte[] decrypt(Secret key, byte[] iv, byte[] ciphertext);
}
