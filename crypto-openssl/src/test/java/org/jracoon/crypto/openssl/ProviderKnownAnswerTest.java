package org.jracoon.crypto.openssl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.util.BigIntegers;
import org.jracoon.ike.cert.LocalCredentials;
import org.jracoon.ike.cert.TestPki;
import org.jracoon.ike.crypto.CryptoException;
import org.jracoon.ike.crypto.CryptoProvider;
import org.jracoon.ike.crypto.DhKeyPair;
import org.jracoon.ike.crypto.HashAlgorithm;
import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.crypto.PinnedRandomSource;
import org.jracoon.ike.crypto.RandomSource;
import org.jracoon.ike.crypto.RsaPkcs1;
import org.jracoon.ike.crypto.SecureRandomSource;
import org.jracoon.ike.crypto.Signer;
import org.jracoon.ike.keymat.KatRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same known answers for both providers: the DH values of the recorded strongSwan exchange
 * ({@code vectors/kat-psk-3des-modp1024.json}), and RSA signatures with moon's key of the
 * strongSwan test PKI, which PKCS#1 v1.5 makes deterministic, so libcrypto's must equal the Java
 * signer's byte for byte.
 */
class ProviderKnownAnswerTest {

    private static KatRecord kat;
    private static OpenSslCryptoProvider openssl;
    private final RandomSource random = new SecureRandomSource();

    @BeforeAll
    static void load() throws IOException {
        kat = KatRecord.load();
        openssl = OpenSslCryptoProvider.load();
    }

    static Stream<CryptoProvider> providers() {
        return Stream.of(CryptoProvider.JAVA, OpenSslCryptoProvider.load());
    }

    @ParameterizedTest
    @MethodSource("providers")
    void mainModeDiffieHellmanFromThePinnedPrivateValues(CryptoProvider crypto) {
        DhKeyPair initiator = ModpGroup.MODP_1024.generateKeyPair(new PinnedRandomSource(kat.hex("x_i")), crypto);
        DhKeyPair responder = ModpGroup.MODP_1024.generateKeyPair(new PinnedRandomSource(kat.hex("x_r")), crypto);
        assertArrayEquals(kat.hex("g_xi"), initiator.publicValue());
        assertArrayEquals(kat.hex("g_xr"), responder.publicValue());
        assertArrayEquals(kat.hex("g_xy"), initiator.agree(responder.publicValue()).extract());
        assertArrayEquals(kat.hex("g_xy"), responder.agree(initiator.publicValue()).extract());
    }

    @ParameterizedTest
    @MethodSource("providers")
    void quickModePfsDiffieHellmanFromThePinnedPrivateValues(CryptoProvider crypto) {
        assertEquals(1, kat.quickModeInt("pfs_group"));
        DhKeyPair initiator = ModpGroup.MODP_768.generateKeyPair(new PinnedRandomSource(kat.quickMode("x_i")), crypto);
        DhKeyPair responder = ModpGroup.MODP_768.generateKeyPair(new PinnedRandomSource(kat.quickMode("x_r")), crypto);
        assertArrayEquals(kat.quickMode("g_xi"), initiator.publicValue());
        assertArrayEquals(kat.quickMode("g_xr"), responder.publicValue());
        assertArrayEquals(kat.quickMode("g_xy"), initiator.agree(responder.publicValue()).extract());
    }

    /** Short private values as the key pool makes them, each group: libcrypto's pair agrees with Java's. */
    @ParameterizedTest
    @EnumSource(ModpGroup.class)
    void shortKeyPairsAgreeAcrossProviders(ModpGroup group) {
        for (int i = 0; i < 5; i++) {
            byte[] x = random.bytes(group.shortExponentBits() / 8);
            DhKeyPair ours = group.generateShortKeyPair(new PinnedRandomSource(x), openssl);
            DhKeyPair same = group.generateShortKeyPair(new PinnedRandomSource(x), CryptoProvider.JAVA);
            assertArrayEquals(same.publicValue(), ours.publicValue());
            DhKeyPair peer = group.generateKeyPair(random);
            assertArrayEquals(peer.agree(ours.publicValue()).extract(), ours.agree(peer.publicValue()).extract());
        }
    }

    /** Results with leading zero bytes keep the group's length (RFC 2409 section 5). */
    @Test
    void smallResultsArePaddedToThePrimesLength() {
        byte[] eight = openssl.modPow(ModpGroup.MODP_2048, new byte[] {2}, new byte[] {3});
        assertEquals(256, eight.length);
        assertEquals(BigInteger.valueOf(8), new BigInteger(1, eight));
    }

    @Test
    void thePeerValueCheckIsTheSame() {
        DhKeyPair mine = ModpGroup.MODP_1024.generateShortKeyPair(random, openssl);
        BigInteger p = new BigInteger(1, ModpGroup.MODP_1024.prime());
        for (BigInteger bad : List.of(BigInteger.ONE, p.subtract(BigInteger.ONE), p)) {
            byte[] value = BigIntegers.asUnsignedByteArray(128, bad);
            CryptoException e = assertThrows(CryptoException.class, () -> mine.agree(value));
            assertEquals(CryptoException.INVALID_KEY_INFORMATION, e.notifyType());
        }
        assertThrows(CryptoException.class, () -> mine.agree(new byte[127]));
    }

    /** HASH_I/HASH_R of every PRF length racoon negotiates: MD5, SHA-1, SHA-256, SHA-384, SHA-512. */
    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void rsaSignaturesEqualTheJavaSignersByteForByte(HashAlgorithm hash) {
        LocalCredentials moon = TestPki.credentials("moon", openssl);
        Signer java = TestPki.credentials("moon").signer();
        byte[] digest = hash.digest(("HASH_I " + hash).getBytes());
        byte[] signature = moon.sign(digest);
        assertArrayEquals(java.sign(digest), signature);
        assertTrue(RsaPkcs1.verifier(moon.certificate().getPublicKey()).verify(digest, signature));
    }

    @Test
    void aHashTooLongForTheKeyIsRefused() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(512);
        Signer small = openssl.rsaSigner(generator.generateKeyPair().getPrivate());
        // 64-byte modulus: at most 53 bytes fit beside the 11 of PKCS#1 v1.5 padding
        assertEquals(64, small.sign(new byte[53]).length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> small.sign(new byte[54]));
        assertEquals("hash of 54 bytes too long for the RSA key", e.getMessage());
    }

    @Test
    void anEcKeyIsRefusedInOneLine() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> openssl.rsaSigner(generator.generateKeyPair().getPrivate()));
        assertEquals("not an RSA private key (EC)", e.getMessage());
    }
}
