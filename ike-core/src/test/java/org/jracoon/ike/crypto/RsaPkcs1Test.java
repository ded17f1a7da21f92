package org.jracoon.ike.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** IKEv1 RSA signatures with a freshly generated RSA-2048 key. */
class RsaPkcs1Test {

    private static KeyPair keys;
    private static KeyPair otherKeys;
    private static final byte[] HASH = HashAlgorithm.SHA1.digest(new byte[] {1, 2, 3});

    @BeforeAll
    static void generateKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        otherKeys = generator.generateKeyPair();
    }

    @Test
    void signThenVerify() {
        byte[] signature = RsaPkcs1.signer(keys.getPrivate()).sign(HASH);
        assertEquals(256, signature.length);
        assertTrue(RsaPkcs1.verifier(keys.getPublic()).verify(HASH, signature));
    }

    @Test
    void signatureIsType1PaddingAroundTheBareHash() {
        byte[] signature = RsaPkcs1.signer(keys.getPrivate()).sign(HASH);
        RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
        byte[] block = BigIntegers.asUnsignedByteArray(256,
                new BigInteger(1, signature).modPow(pub.getPublicExponent(), pub.getModulus()));
        // 00 01 FF..FF 00 HASH: no DigestInfo, as IKEv1 signs the PRF output itself
        assertEquals(0, block[0]);
        assertEquals(1, block[1]);
        int separator = 256 - HASH.length - 1;
        for (int i = 2; i < separator; i++) {
            assertEquals((byte) 0xff, block[i]);
        }
        assertEquals(0, block[separator]);
        assertArrayEquals(HASH, Arrays.copyOfRange(block, separator + 1, 256));
    }

    @Test
    void tamperedHashSignatureOrKeyFails() {
        byte[] signature = RsaPkcs1.signer(keys.getPrivate()).sign(HASH);
        Verifier verifier = RsaPkcs1.verifier(keys.getPublic());
        byte[] otherHash = HASH.clone();
        otherHash[0] ^= 1;
        assertFalse(verifier.verify(otherHash, signature));
        byte[] flipped = signature.clone();
        flipped[100] ^= 1;
        assertFalse(verifier.verify(HASH, flipped));
        assertFalse(verifier.verify(HASH, Arrays.copyOf(signature, 255)));
        assertFalse(verifier.verify(HASH, new byte[0]));
        assertFalse(RsaPkcs1.verifier(otherKeys.getPublic()).verify(HASH, signature));
    }
}
