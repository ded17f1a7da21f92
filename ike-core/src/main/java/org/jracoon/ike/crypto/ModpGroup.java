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
    MODP_768(1, DHStandardGroups.rfc2409_768),
    MODP_1024(2, DHStandardGroups.rfc2409_1024),
    MODP_1536(5, DHStandardGroups.rfc3526_1536),
    MODP_2048(14, DHStandardGroups.rfc3526_2048);

    private final int id;
    private final DHParameters parameters;
    private final int valueLength;

    ModpGroup(int id, DHParameters parameters) {
        this.id = id;
        this.parameters = parameters;
        this.valueLength = (parameters.getP().bitLength() + 7) / 8;
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
}
