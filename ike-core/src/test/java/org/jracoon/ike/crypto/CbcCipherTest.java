package org.jracoon.ike.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The phase-1 ciphers: AES against NIST SP 800-38A / RFC 3602, all of them round trip. */
class CbcCipherTest {

    @ParameterizedTest(name = "AES-CBC {0} bits")
    @CsvSource({
        // NIST SP 800-38A F.2.1, F.2.3, F.2.5 (first block) and RFC 3602 case 1
        "128, 2b7e151628aed2a6abf7158809cf4f3c, 000102030405060708090a0b0c0d0e0f, 6bc1bee22e409f96e93d7e117393172a, 7649abac8119b246cee98e9b12e9197d",
        "192, 8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b, 000102030405060708090a0b0c0d0e0f, 6bc1bee22e409f96e93d7e117393172a, 4f021db243bc633d7178183a9fa071e8",
        "256, 603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4, 000102030405060708090a0b0c0d0e0f, 6bc1bee22e409f96e93d7e117393172a, f58c4c04d6e5f1ba779eabfb5f7bfbd6",
        "128, 06a9214036b8a15b512e03d534120006, 3dafba429d9eb430b422da802c9fac41, 53696e676c6520626c6f636b206d7367, e353779c1079aeb82708942dbe77181a",
    })
    void aesKnownAnswers(int bits, String key, String iv, String plaintext, String ciphertext) {
        CbcCipher aes = EncryptionAlgorithm.AES_CBC.cipher(bits);
        Secret k = Secret.copyOf(Hex.decode(key));
        assertArrayEquals(Hex.decode(ciphertext), aes.encrypt(k, Hex.decode(iv), Hex.decode(plaintext)));
        assertArrayEquals(Hex.decode(plaintext), aes.decrypt(k, Hex.decode(iv), Hex.decode(ciphertext)));
    }

    @ParameterizedTest(name = "{0} with Key Length {1} round trips")
    @CsvSource({"TRIPLE_DES_CBC, 0", "AES_CBC, 0", "AES_CBC, 192", "AES_CBC, 256", "BLOWFISH_CBC, 0",
            "BLOWFISH_CBC, 128", "CAST_CBC, 0", "CAST_CBC, 80"})
    void roundTrip(EncryptionAlgorithm algorithm, int keyBits) {
        CbcCipher cipher = algorithm.cipher(keyBits);
        assertEquals(algorithm.effectiveKeyBits(keyBits) / 8, cipher.keyLength());
        Secret key = Secret.copyOf(sequence(cipher.keyLength(), 1));
        byte[] iv = sequence(cipher.blockSize(), 100);
        byte[] plaintext = sequence(cipher.blockSize() * 5, 7);
        byte[] ciphertext = cipher.encrypt(key, iv, plaintext);
        assertFalse(Arrays.equals(plaintext, ciphertext));
        assertArrayEquals(plaintext, cipher.decrypt(key, iv, ciphertext));
    }

    @Test
    void blockSizesAndDefaults() {
        assertEquals(8, EncryptionAlgorithm.TRIPLE_DES_CBC.cipher(0).blockSize());
        assertEquals(24, EncryptionAlgorithm.TRIPLE_DES_CBC.cipher(0).keyLength());
        assertEquals(16, EncryptionAlgorithm.AES_CBC.cipher(0).blockSize());
        assertEquals(16, EncryptionAlgorithm.AES_CBC.cipher(0).keyLength());
        assertEquals(56, EncryptionAlgorithm.BLOWFISH_CBC.cipher(0).keyLength());
        assertEquals(EncryptionAlgorithm.AES_CBC, EncryptionAlgorithm.fromIkeId(7).orElseThrow());
        assertEquals(EncryptionAlgorithm.TRIPLE_DES_CBC, EncryptionAlgorithm.fromIkeId(5).orElseThrow());
        assertTrue(EncryptionAlgorithm.fromIkeId(1).isEmpty(), "single DES is not offered");
    }

    @Test
    void keyLengthsOutsideTheAlgorithmAreRefused() {
        assertFalse(EncryptionAlgorithm.AES_CBC.supportsKeyBits(160));
        assertFalse(EncryptionAlgorithm.TRIPLE_DES_CBC.supportsKeyBits(128));
        assertFalse(EncryptionAlgorithm.CAST_CBC.supportsKeyBits(136));
        assertFalse(EncryptionAlgorithm.BLOWFISH_CBC.supportsKeyBits(44));
        assertThrows(IllegalArgumentException.class, () -> EncryptionAlgorithm.AES_CBC.cipher(160));
    }

    @Test
    void partialBlocksAndWrongLengthsAreRefused() {
        CbcCipher aes = EncryptionAlgorithm.AES_CBC.cipher(128);
        Secret key = Secret.copyOf(new byte[16]);
        assertThrows(IllegalArgumentException.class, () -> aes.decrypt(key, new byte[16], new byte[17]));
        assertThrows(IllegalArgumentException.class, () -> aes.encrypt(key, new byte[8], new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> aes.encrypt(Secret.copyOf(new byte[24]), new byte[16],
                new byte[16]));
    }

    private static byte[] sequence(int length, int start) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (start + i);
        }
        return out;
    }
}
