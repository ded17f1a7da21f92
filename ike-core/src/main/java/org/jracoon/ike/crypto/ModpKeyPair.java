package org.jracoon.ike.crypto;

import java.math.BigInteger;

/** A {@link ModpGroup} key pair; its {@link CryptoProvider} computes g^x and g^xy. */
final class ModpKeyPair implements DhKeyPair {

    private final ModpGroup group;
    private final CryptoProvider crypto;
    private final byte[] privateValue;
    private final byte[] publicValue;

    /** @param privateValue x, unsigned big-endian, at least 2; adopted, not copied */
    ModpKeyPair(ModpGroup group, byte[] privateValue, CryptoProvider crypto) {
        this.group = group;
        this.crypto = crypto;
        this.privateValue = privateValue;
        this.publicValue = crypto.modPow(group, group.generator(), privateValue);
    }

    @Override
    public DhGroup group() {
        return group;
    }

    @Override
    public byte[] publicValue() {
        return publicValue.clone();
    }

    /**
     * Checks the peer's value as racoon and charon do, 1 &lt; y &lt; p-1, which rules out the values
     * that force a known g^xy (0, 1, p-1). No subgroup test on top: for these safe primes
     * (p = 2q+1) a y outside the order-q subgroup has order 2q and reveals only x mod 2, one bit,
     * while Bouncy Castle's Legendre-symbol test for it cost about 50 us of CPU per 1024-bit value
     * here (130 us per 2048-bit), a quarter to a half of libcrypto's whole short-exponent g^xy
     * (see crypto-openssl's ProviderBenchmark).
     */
    @Override
    public Secret agree(byte[] peerPublicValue) {
        if (peerPublicValue.length != group.valueLength()) {
            // RFC 2409 section 5: the public value MUST be as long as the prime
            throw new CryptoException(CryptoException.INVALID_KEY_INFORMATION, "DH public value of "
                    + peerPublicValue.length + " bytes, group " + group.id() + " needs " + group.valueLength());
        }
        BigInteger y = new BigInteger(1, peerPublicValue);
        if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(group.pMinusOne()) >= 0) {
            throw new CryptoException(CryptoException.INVALID_KEY_INFORMATION,
                    "DH public value outside 1 < y < p-1 for group " + group.id());
        }
        return Secret.adopt(crypto.modPow(group, peerPublicValue, privateValue));
    }

    @Override
    public String toString() {
        return "DhKeyPair[group " + group.id() + ", " + crypto.name() + "]";
    }
}
