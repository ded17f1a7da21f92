package org.jracoon.ike.crypto;

import java.math.BigInteger;
import java.security.PrivateKey;
import org.bouncycastle.util.BigIntegers;

/** {@link CryptoProvider#JAVA}: no native code, available everywhere. */
final class JavaCryptoProvider implements CryptoProvider {

    static final CryptoProvider INSTANCE = new JavaCryptoProvider();

    private JavaCryptoProvider() {
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public byte[] modPow(ModpGroup group, byte[] base, byte[] exponent) {
        BigInteger result = new BigInteger(1, base).modPow(new BigInteger(1, exponent), group.p());
        return BigIntegers.asUnsignedByteArray(group.valueLength(), result);
    }

    @Override
    public Signer rsaSigner(PrivateKey key) {
        return RsaPkcs1.signer(key);
    }
}
