package org.jracoon.ike.crypto;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.BlowfishEngine;
import org.bouncycastle.crypto.engines.CAST5Engine;
import org.bouncycastle.crypto.engines.DESedeEngine;

/**
 * Phase-1 encryption algorithms by their Oakley "Encryption Algorithm" attribute value
 * (RFC 2409 appendix A; AES from RFC 3602 section 5.2). Key lengths are in bits as in the
 * Key Length attribute; 0 means the attribute was absent and selects racoon's default
 * (crypto_openssl.c: AES 128, Blowfish 448, CAST 128; 3DES is fixed at 192).
 */
public enum EncryptionAlgorithm {
    BLOWFISH_CBC(3, BlowfishEngine::new, 40, 448, 448),
    TRIPLE_DES_CBC(5, DESedeEngine::new, 192, 192, 192),
    CAST_CBC(6, CAST5Engine::new, 40, 128, 128),
    AES_CBC(7, AESEngine::newInstance, 128, 256, 128);

    private final int ikeId;
    private final Supplier<BlockCipher> engine;
    private final int minKeyBits;
    private final int maxKeyBits;
    private final int defaultKeyBits;

    EncryptionAlgorithm(int ikeId, Supplier<BlockCipher> engine, int minKeyBits, int maxKeyBits, int defaultKeyBits) {
        this.ikeId = ikeId;
        this.engine = engine;
        this.minKeyBits = minKeyBits;
        this.maxKeyBits = maxKeyBits;
        this.defaultKeyBits = defaultKeyBits;
    }

    /** The algorithm for an Oakley Encryption Algorithm attribute value, if supported. */
    public static Optional<EncryptionAlgorithm> fromIkeId(int ikeId) {
        return Arrays.stream(values()).filter(v -> v.ikeId == ikeId).findFirst();
    }

    public int ikeId() {
        return ikeId;
    }

    /** The key length actually used for a Key Length attribute value (0 = absent). */
    public int effectiveKeyBits(int keyBits) {
        return keyBits == 0 ? defaultKeyBits : keyBits;
    }

    /** Whether a Key Length attribute value (0 = absent) is acceptable for this algorithm. */
    public boolean supportsKeyBits(int keyBits) {
        int bits = effectiveKeyBits(keyBits);
        if (this == AES_CBC) {
            // RFC 3602 section 5.2: only the three AES key sizes
            return bits == 128 || bits == 192 || bits == 256;
        }
        return bits % 8 == 0 && bits >= minKeyBits && bits <= maxKeyBits;
    }

    /**
     * The cipher with the given Key Length attribute value (0 = absent).
     *
     * @throws IllegalArgumentException if {@link #supportsKeyBits} says no
     */
    public CbcCipher cipher(int keyBits) {
        if (!supportsKeyBits(keyBits)) {
            throw new IllegalArgumentException(name() + " does not take a " + keyBits + "-bit key");
        }
        return new BcCbcCipher(engine, effectiveKeyBits(keyBits) / 8);
    }
}
