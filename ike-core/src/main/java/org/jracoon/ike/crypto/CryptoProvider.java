package org.jracoon.ike.crypto;

import java.security.PrivateKey;

/**
 * The operations of a negotiation that cost CPU: modular exponentiation in the MODP groups (g^x
 * and g^xy, RFC 2409 section 5) and the RSA private-key operation of a SIG payload. A provider
 * only computes; the checks on peer input (lengths, 1 &lt; y &lt; p-1) stay in this package, so no
 * provider can weaken them. {@link #JAVA} is BigInteger and Bouncy Castle; the crypto-openssl
 * module offers the machine's libcrypto, several times faster for both.
 */
public interface CryptoProvider {

    /** BigInteger for the MODP groups, Bouncy Castle for RSA ({@link RsaPkcs1}). */
    CryptoProvider JAVA = JavaCryptoProvider.INSTANCE;

    /** A short name for the log line that says which provider runs ("java", "openssl"). */
    String name();

    /**
     * {@code base}^{@code exponent} mod the group's prime, left-padded to {@link
     * ModpGroup#valueLength()}, in a new array the caller owns. Both arguments are only read
     * (the base may be the group's own generator). The exponent is a private value: a provider
     * computes in constant time where it can and keeps no copy.
     *
     * @param base an unsigned big-endian number below the prime
     * @param exponent an unsigned big-endian number
     */
    byte[] modPow(ModpGroup group, byte[] base, byte[] exponent);

    /**
     * A signer for an RSA private key that signs as {@link RsaPkcs1#signer} does, byte for byte
     * (PKCS#1 v1.5 signatures are deterministic).
     *
     * @throws IllegalArgumentException the key is not an RSA key this provider can use
     */
    Signer rsaSigner(PrivateKey key);
}
