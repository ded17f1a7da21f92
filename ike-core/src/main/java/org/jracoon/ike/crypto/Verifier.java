package org.jracoon.ike.crypto;

/** Checks a peer's SIG payload against the HASH_I/HASH_R computed locally. */
public interface Verifier {

    /** Whether {@code signature} is a valid signature of {@code hash}; never throws on a bad signature. */
    boolean verify(byte[] hash, byte[] signature);
}
