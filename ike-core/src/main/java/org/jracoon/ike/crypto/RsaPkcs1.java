package org.jracoon.ike.crypto;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.bouncycastle.crypto.AsymmetricBlockCipher;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.encodings.PKCS1Encoding;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.util.Arrays;

/**
 * RSA signatures as IKEv1 makes them: the PRF output HASH_I/HASH_R is padded with PKCS#1 v1.5
 * block type 1 and raised to the private exponent, with no DigestInfo around it (the hash is
 * already negotiated; racoon signs with RSA_private_encrypt, strongSwan with its "PKCS1 NULL"
 * scheme for IKEv1).
 */
public final class RsaPkcs1 {

    private RsaPkcs1() {
    }

    /** A signer for an RSA private key (any JCA provider's key with a PKCS#8 encoding). */
    public static Signer signer(PrivateKey key) {
        RSAKeyParameters parameters = rsa(decodePrivate(key), "private");
        return hash -> {
            AsymmetricBlockCipher pkcs1 = new PKCS1Encoding(new RSABlindedEngine());
            pkcs1.init(true, parameters);
            try {
                return pkcs1.processBlock(hash, 0, hash.length);
            } catch (InvalidCipherTextException e) {
                throw new IllegalArgumentException("hash of " + hash.length + " bytes too long for the RSA key", e);
            }
        };
    }

    /** A verifier for an RSA public key (e.g. from the peer's certificate). */
    public static Verifier verifier(PublicKey key) {
        RSAKeyParameters parameters = rsa(decodePublic(key), "public");
        return (hash, signature) -> {
            AsymmetricBlockCipher pkcs1 = new PKCS1Encoding(new RSABlindedEngine());
            pkcs1.init(false, parameters);
            try {
                byte[] recovered = pkcs1.processBlock(signature, 0, signature.length);
                return Arrays.constantTimeAreEqual(recovered, hash);
            } catch (InvalidCipherTextException | RuntimeException e) {
                // wrong padding, wrong length, value not below the modulus: just not a valid signature
                return false;
            }
        };
    }

    private static AsymmetricKeyParameter decodePrivate(PrivateKey key) {
        try {
            return PrivateKeyFactory.createKey(key.getEncoded());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a usable private key: " + key.getAlgorithm(), e);
        }
    }

    private static AsymmetricKeyParameter decodePublic(PublicKey key) {
        try {
            return PublicKeyFactory.createKey(key.getEncoded());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a usable public key: " + key.getAlgorithm(), e);
        }
    }

    private static RSAKeyParameters rsa(AsymmetricKeyParameter key, String kind) {
        if (!(key instanceof RSAKeyParameters rsa)) {
            throw new IllegalArgumentException("not an RSA " + kind + " key");
        }
        return rsa;
    }
}
