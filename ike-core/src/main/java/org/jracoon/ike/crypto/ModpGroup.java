package org.jracoon.ike.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.bouncycastle.crypto.params.DHParameters;
import org.bouncycastle.util.BigIntegers;

/**
 * The MODP groups racoon offers: the Oakley groups 1 and 2 of RFC 2409 section 6 and groups 5
 * and 14 of RFC 3526, with the primes from Bouncy Castle's {@link DHStandardGroups}.
 */
public enum ModpGroup implements DhGroup {
    // Short private values: twice the group's strength in bits, the upper figures of RFC 3526
    // section 8 for groups 5 and 14; for groups 1 and 2 (about 80 bits strong or less) 160 bits,
    // as for a 1024-bit DSA key's subgroup.
    MODP_768(1, DHStandardGroups.rfc2409_768, 160),
    MODP_1024(2, DHStandardGroups.rfc2409_1024, 160),
    MODP_1536(5, DHStandardGroups.rfc3526_1536, 240),
    MODP_2048(14, DHStandardGroups.rfc3526_2048, 320);

    private final int id;
    private final BigInteger p;
    private final BigInteger pMinusOne;
    private final byte[] generator;
    private final int valueLength;
    private final int shortExponentBits;

    ModpGroup(int id, DHParameters parameters, int shortExponentBits) {
        this.id = id;
        this.p = parameters.getP();
        this.pMinusOne = p.subtract(BigInteger.ONE);
        this.generator = BigIntegers.asUnsignedByteArray(parameters.getG());
        this.valueLength = (p.bitLength() + 7) / 8;
        this.shortExponentBits = shortExponentBits;
    }

    /** The group for a Group Description attribute value, if supported. */
    public static Optional<ModpGroup> fromId(int id) {
        return Arrays.stream(values()).filter(v -> v.id == id).findFirst();
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public int valueLength() {
        return valueLength;
    }

    /** The prime, unsigned big-endian, {@link #valueLength()} bytes: for a provider's own big numbers. */
    public byte[] prime() {
        return BigIntegers.asUnsignedByteArray(valueLength, p);
    }

    BigInteger p() {
        return p;
    }

    BigInteger pMinusOne() {
        return pMinusOne;
    }

    /** The generator g (2 in every group here), unsigned big-endian; callers do not change it. */
    byte[] generator() {
        return generator;
    }

    /**
     * The private value is {@code valueLength} random bytes with the top bit cleared, i.e. bits-1
     * random bits below p, as OpenSSL (racoon) and strongSwan draw it; a recorded exchange is
     * replayed by pinning those bytes in the random source.
     */
    @Override
    public DhKeyPair generateKeyPair(RandomSource random, CryptoProvider crypto) {
        byte[] x;
        do {
            x = random.bytes(valueLength);
            x[0] &= 0x7f;
        } while (belowTwo(x));
        return new ModpKeyPair(this, x, crypto);
    }

    /** {@link #generateKeyPair(RandomSource, CryptoProvider)} with {@link CryptoProvider#JAVA}. */
    public DhKeyPair generateKeyPair(RandomSource random) {
        return generateKeyPair(random, CryptoProvider.JAVA);
    }

    /**
     * A key pair with a private value of {@link #shortExponentBits()} random bits. RFC 3526
     * section 8: an exponent of twice the group's strength keeps its strength, and costs a
     * fraction of a full-length one, both for g^x and for g^xy.
     */
    public DhKeyPair generateShortKeyPair(RandomSource random, CryptoProvider crypto) {
        byte[] x;
        do {
            x = random.bytes(shortExponentBits / 8);
        } while (belowTwo(x));
        return new ModpKeyPair(this, x, crypto);
    }

    /** {@link #generateShortKeyPair(RandomSource, CryptoProvider)} with {@link CryptoProvider#JAVA}. */
    public DhKeyPair generateShortKeyPair(RandomSource random) {
        return generateShortKeyPair(random, CryptoProvider.JAVA);
    }

    /** Whether an unsigned big-endian number is 0 or 1, private values that would give g^x = 1 or g. */
    private static boolean belowTwo(byte[] x) {
        for (int i = 0; i < x.length - 1; i++) {
            if (x[i] != 0) {
                return false;
            }
        }
        return (x[x.length - 1] & 0xff) < 2;
    }

    /** The length in bits of a short private value (see {@link #generateShortKeyPair}). */
    public int shortExponentBits() {
        return shortExponentBits;
    }
}
