package org.jracoon.ike.crypto;

/** One side's Diffie-Hellman values; the private value never leaves. */
public interface DhKeyPair {

    DhGroup group();

    /** g^x, left-padded with zeros to {@link DhGroup#valueLength()} as the KE payload carries it. */
    byte[] publicValue();

    /**
     * The shared secret g^xy, left-padded to the prime's length.
     *
     * @throws CryptoException INVALID-KEY-INFORMATION if the peer's value has the wrong length or
     *     is not in 1 &lt; y &lt; p-1 (or outside the prime-order subgroup)
     */
    Secret agree(byte[] peerPublicValue);
}
