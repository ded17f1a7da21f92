package org.jracoon.ike.crypto;

/** Signs a phase-1 HASH_I/HASH_R for the SIG payload (RFC 2409 section 5.1). */
public interface Signer {

    byte[] sign(byte[] hash);
}
