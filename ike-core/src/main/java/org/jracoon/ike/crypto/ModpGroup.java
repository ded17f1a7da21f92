package org.jracoon.ike.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.bouncycastle.crypto.params.DHParameters;

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
    private final DHParameters parameters;
    private final int valueLength;
    private final int shortExponentBits;

    ModpGroup(int id, DHParameters parameters, int shortExponentBits) {
        this.id = id;
        this.parameters = parameters;
        this.valueLength = (parameters.getP().bitLength() + 7) / 8;
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

    DHParameters parameters() {
        return parameters;
    }

    /**
     * The private value is {@code valueLength} random bytes with the top bit cleared, i.e. bits-1
     * random bits below p, as OpenSSL (racoon) and strongSwan draw it; a recorded exchange is
     * replayed by pinning those bytes in the random source.
     */
    @Override
    public DhKeyPair generateKeyPair(RandomSource random) {
        BigInteger x;
        do {
            byte[] bytes = random.bytes(valueLength);
            bytes[0] &= 0x7f;
            x = new BigInteger(1, bytes);
        } while (x.compareTo(BigInteger.TWO) < 0);
        return new ModpKeyPair(this, x);
    }

    /**
     * A key pair with a private value of {@link #shortExponentBits()} random bits. RFC 3526
     * section 8: an exponent of twice the group's strength keeps its strength, and costs a
     * fraction of a full-length one, both for g^x and for g^xy.
     */
    public DhKeyPair generateShortKeyPair(RandomSource random) {
        BigInteger x;
        do {
            x = new BigInteger(1, random.bytes(shortExponentBits / 8));
        } while (x.compareTo(BigInteger.TWO) < 0);
        return new ModpKeyPair(this, x);
    }

    /** The length in bits of a short private value (see {@link #generateShortKeyPair}). */
    public int shortExponentBits() {
        return shortExponentBits;
    }
}
