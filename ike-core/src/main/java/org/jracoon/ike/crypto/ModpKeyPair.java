package org.jracoon.ike.crypto;

import java.math.BigInteger;
import org.bouncycastle.crypto.agreement.DHBasicAgreement;
import org.bouncycastle.crypto.params.DHParameters;
import org.bouncycastle.crypto.params.DHPrivateKeyParameters;
import org.bouncycastle.crypto.params.DHPublicKeyParameters;
import org.bouncycastle.util.BigIntegers;

/** A {@link ModpGroup} key pair; Bouncy Castle computes and validates the agreement. */
final class ModpKeyPair implements DhKeyPair {

    private final ModpGroup group;
    private final DHPrivateKeyParameters privateKey;
    private final byte[] publicValue;

    ModpKeyPair(ModpGroup group, BigInteger x) {
        DHParameters parameters = group.parameters();
        this.group = group;
        this.privateKey = new DHPrivateKeyParameters(x, parameters);
        BigInteger y = parameters.getG().modPow(x, parameters.getP());
        this.publicValue = BigIntegers.asUnsignedByteArray(group.valueLength(), y);
    }

    @Override
    public DhGroup group() {
        return group;
    }

    @Override
    public byte[] publicValue() {
        return publicValue.clone();
    }

    @Override
    public Secret agree(byte[] peerPublicValue) {
        if (peerPublicValue.length != group.valueLength()) {
            // RFC 2409 section 5: the public value MUST be as long as the prime
            throw new CryptoException(CryptoException.INVALID_KEY_INFORMATION, "DH public value of "
                    + peerPublicValue.length + " bytes, group " + group.id() + " needs " + group.valueLength());
        }
        DHParameters parameters = group.parameters();
        BigInteger y = new BigInteger(1, peerPublicValue);
        // 1 < y < p-1 rules out the values that force a known g^xy (0, 1, p-1)
        if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(parameters.getP().subtract(BigInteger.ONE)) >= 0) {
            throw new CryptoException(CryptoException.INVALID_KEY_INFORMATION,
                    "DH public value outside 1 < y < p-1 for group " + group.id());
        }
        DHPublicKeyParameters peer;
        try {
            // also checks y^q = 1, i.e. y lies in the prime-order subgroup g = 2 generates
            peer = new DHPublicKeyParameters(y, parameters);
        } catch (IllegalArgumentException e) {
            throw new CryptoException(CryptoException.INVALID_KEY_INFORMATION,
                    "DH public value not in the subgroup of group " + group.id());
        }
        DHBasicAgreement agreement = new DHBasicAgreement();
        agreement.init(privateKey);
        BigInteger shared = agreement.calculateAgreement(peer);
        return Secret.adopt(BigIntegers.asUnsignedByteArray(group.valueLength(), shared));
    }

    @Override
    public String toString() {
        return "DhKeyPair[group " + group.id() + "]";
    }
}
