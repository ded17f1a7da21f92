package org.jracoon.ike.crypto;

/** A Diffie-Hellman group as negotiated by the Oakley "Group Description" attribute. */
public interface DhGroup {

    /** The Group Description value (RFC 2409 section 6, RFC 3526). */
    int id();

    /** Length in bytes of a public value and of g^xy: both are padded to the prime's length (RFC 2409 section 5). */
    int valueLength();

    /** Draws a private value from {@code random}; {@code crypto} computes the public value and later g^xy. */
    DhKeyPair generateKeyPair(RandomSource random, CryptoProvider crypto);
}
