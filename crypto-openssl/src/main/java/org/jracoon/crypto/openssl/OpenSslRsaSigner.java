package org.jracoon.crypto.openssl;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.security.PrivateKey;
import java.util.Arrays;
import org.jracoon.ike.crypto.RsaPkcs1;
import org.jracoon.ike.crypto.Signer;

/**
 * IKEv1's RSA signature ({@link RsaPkcs1}: PKCS#1 v1.5 block type 1 around the bare hash, no
 * DigestInfo) by EVP_PKEY_sign with RSA_PKCS1_PADDING and no digest set, which pads and signs
 * the bytes as given, as racoon's RSA_private_encrypt does. The key is parsed into libcrypto once;
 * each signature uses a context of its own, so signing is safe from any thread. The native key is
 * freed when the signer is no longer reachable (after a reload that dropped its credentials).
 */
final class OpenSslRsaSigner implements Signer {

    private static final Cleaner CLEANER = Cleaner.create();

    private final Pointer key;
    private final int size;

    private OpenSslRsaSigner(Pointer key) {
        this.key = key;
        this.size = LibCrypto.EVP_PKEY_get_size(key);
        long address = Pointer.nativeValue(key);
        // the action holds the address only: a reference to the signer would keep it reachable
        CLEANER.register(this, () -> LibCrypto.EVP_PKEY_free(new Pointer(address)));
    }

    /**
     * @throws IllegalArgumentException not an RSA key, or one libcrypto cannot read
     */
    static OpenSslRsaSigner of(PrivateKey privateKey) {
        byte[] der = privateKey.getEncoded();
        if (der == null) {
            throw new IllegalArgumentException("private key without an encoding (" + privateKey.getAlgorithm() + ")");
        }
        Memory buffer = new Memory(der.length);
        Pointer key;
        try {
            buffer.write(0, der, 0, der.length);
            key = LibCrypto.d2i_AutoPrivateKey(null, new PointerByReference(buffer), der.length);
        } finally {
            // the PKCS#8 encoding holds the private exponent and primes
            buffer.clear();
            buffer.close();
            Arrays.fill(der, (byte) 0);
        }
        if (key == null) {
            LibCrypto.ERR_clear_error();
            throw new IllegalArgumentException("libcrypto cannot read the private key (" + privateKey.getAlgorithm() + ")");
        }
        if (LibCrypto.EVP_PKEY_get_base_id(key) != LibCrypto.EVP_PKEY_RSA) {
            LibCrypto.EVP_PKEY_free(key);
            throw new IllegalArgumentException("not an RSA private key (" + privateKey.getAlgorithm() + ")");
        }
        return new OpenSslRsaSigner(key);
    }

    @Override
    public byte[] sign(byte[] hash) {
        Pointer ctx = null;
        try {
            ctx = OpenSslCryptoProvider.check(LibCrypto.EVP_PKEY_CTX_new(key, null), "EVP_PKEY_CTX_new");
            OpenSslCryptoProvider.check(LibCrypto.EVP_PKEY_sign_init(ctx), "EVP_PKEY_sign_init");
            OpenSslCryptoProvider.check(LibCrypto.EVP_PKEY_CTX_set_rsa_padding(ctx, LibCrypto.RSA_PKCS1_PADDING),
                    "EVP_PKEY_CTX_set_rsa_padding");
            // an RSA signature is as long as the modulus (RFC 8017 section 8.2.1)
            byte[] signature = new byte[size];
            if (LibCrypto.EVP_PKEY_sign(ctx, signature, new long[] {size}, hash, hash.length) <= 0) {
                // PKCS#1 v1.5 needs 11 bytes of padding: the one input that fails is a hash too long
                LibCrypto.ERR_clear_error();
                throw new IllegalArgumentException("hash of " + hash.length + " bytes too long for the RSA key");
            }
            return signature;
        } finally {
            LibCrypto.EVP_PKEY_CTX_free(ctx);
            // the key must outlive the native calls above: the cleaner frees it once this is unreachable
            Reference.reachabilityFence(this);
        }
    }
}
