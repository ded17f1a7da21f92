package org.jracoon.ike.cert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.jracoon.ike.crypto.CryptoProvider;
import org.jracoon.ike.crypto.HashAlgorithm;
import org.jracoon.ike.crypto.RsaPkcs1;
import org.jracoon.ike.payload.IdType;
import org.jracoon.ike.payload.NotifyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** SIG payloads with the real moon and sun keys, and the whole peer check racoon makes on MM5/MM6. */
class SignatureAuthenticationTest {

    @TempDir
    Path certs;

    private static final byte[] HASH_I = HashAlgorithm.SHA1.digest("HASH_I of some Main Mode".getBytes(StandardCharsets.US_ASCII));

    private final LocalCredentials moon = TestPki.credentials("moon");
    private final LocalCredentials sun = TestPki.credentials("sun");

    @Test
    void loadsOurCredentialsRelativeToPathCertificate() {
        assertEquals(TestPki.MOON_DN, DistinguishedNames.format(moon.subject()));
        assertArrayEquals(TestPki.der(TestPki.certificate("moon.pem")), moon.certificateData());
        // the shared key files are mode 0444: reported, the caller decides
        assertTrue(moon.keyFileWarning().isPresent());
    }

    @Test
    void ourSignatureIsPkcs1PaddedHashWithoutDigestInfo() throws Exception {
        byte[] signature = moon.sign(HASH_I);
        assertEquals(256, signature.length);
        // an independent reading: RSA public operation and PKCS#1 type 1 unpadding by the JDK
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.DECRYPT_MODE, TestPki.certificate("moon.pem").getPublicKey());
        assertArrayEquals(HASH_I, rsa.doFinal(signature));
        RsaSignatures.verify(TestPki.certificate("moon.pem"), HASH_I, signature);
    }

    @Test
    void ourSignatureIsByteForByteWhatOpensslRsaPrivateEncryptMakes() throws Exception {
        // racoon signs with OpenSSL's RSA_private_encrypt and PKCS#1 padding; pkeyutl without a
        // digest does the same, and PKCS#1 v1.5 type 1 padding is deterministic
        Path hash = Files.write(certs.resolve("hash.bin"), HASH_I);
        Path signature = certs.resolve("sig.bin");
        TestPki.openssl("pkeyutl", "-sign", "-inkey", TestPki.file("moon.key").toString(), "-in", hash.toString(),
                "-out", signature.toString());
        assertArrayEquals(Files.readAllBytes(signature), moon.sign(HASH_I));
        RsaSignatures.verify(TestPki.certificate("moon.pem"), HASH_I, Files.readAllBytes(signature));
    }

    @Test
    void aSignatureByAnotherKeyOrOfAnotherHashFails() {
        byte[] signature = sun.sign(HASH_I);
        CertException e = refused(NotifyType.INVALID_SIGNATURE,
                () -> RsaSignatures.verify(TestPki.certificate("moon.pem"), HASH_I, signature));
        assertEquals("SIG payload does not verify with the key of \"" + TestPki.MOON_DN + "\"", e.getMessage());
        byte[] otherHash = HASH_I.clone();
        otherHash[0] ^= 1;
        refused(NotifyType.INVALID_SIGNATURE,
                () -> RsaSignatures.verify(TestPki.certificate("sun.pem"), otherHash, signature));
        refused(NotifyType.INVALID_SIGNATURE,
                () -> RsaSignatures.verify(TestPki.certificate("sun.pem"), HASH_I, new byte[] {1, 2, 3}));
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedAtLoad() {
        CredentialFileException e = assertThrows(CredentialFileException.class,
                () -> LocalCredentials.load(Optional.of(TestPki.pkiDirectory()), "moon.pem", "sun.key", CryptoProvider.JAVA));
        assertEquals(TestPki.file("sun.key") + ": private key does not belong to certificate " + TestPki.file("moon.pem"),
                e.getMessage());
    }

    @Test
    void onlyRsaKeysSign() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair ec = generator.generateKeyPair();
        X509Certificate ecCertificate = TestPki.issue("C=CH, O=IKEv1 Test, CN=ec.test").key(ec.getPublic()).build();
        CertException e = refused(NotifyType.CERT_TYPE_UNSUPPORTED,
                () -> RsaSignatures.verify(ecCertificate, HASH_I, new byte[64]));
        assertEquals("certificate \"C=CH, O=IKEv1 Test, CN=ec.test\" has a key of type EC; only RSA signatures are supported",
                e.getMessage());

        TestPki.writePem(certs.resolve("ec.pem"), ecCertificate);
        TestPki.writePem(certs.resolve("ec.key"), new JcaPKCS8Generator(ec.getPrivate(), null));
        CredentialFileException refusal = assertThrows(CredentialFileException.class,
                () -> LocalCredentials.load(Optional.of(certs), "ec.pem", "ec.key", CryptoProvider.JAVA));
        assertEquals(certs.resolve("ec.key") + ": not an RSA private key (EC)", refusal.getMessage());
    }

    @Test
    void sunAuthenticatesToMoonWithItsCertificateDnAndSignature() throws Exception {
        X509Certificate peer = moonChecking().authenticate(List.of(sun.certificateData()),
                IdType.DER_ASN1_DN, DistinguishedNames.toId(DistinguishedNames.parse(TestPki.SUN_DN)),
                HASH_I, sun.sign(HASH_I));
        assertEquals(TestPki.certificate("sun.pem"), peer);
    }

    @Test
    void eachPeerCheckFailsWithItsNotify() throws Exception {
        byte[] sunId = DistinguishedNames.toId(DistinguishedNames.parse(TestPki.SUN_DN));
        byte[] moonId = DistinguishedNames.toId(DistinguishedNames.parse(TestPki.MOON_DN));
        PeerAuthentication checking = moonChecking();

        refused(NotifyType.CERTIFICATE_UNAVAILABLE, () -> checking.authenticate(List.of(),
                IdType.DER_ASN1_DN, sunId, HASH_I, sun.sign(HASH_I)));
        // sun's certificate with moon's ID
        refused(NotifyType.INVALID_ID_INFORMATION, () -> checking.authenticate(List.of(sun.certificateData()),
                IdType.DER_ASN1_DN, moonId, HASH_I, sun.sign(HASH_I)));
        // sun's certificate and ID, signed by moon's key
        refused(NotifyType.INVALID_SIGNATURE, () -> checking.authenticate(List.of(sun.certificateData()),
                IdType.DER_ASN1_DN, sunId, HASH_I, moon.sign(HASH_I)));

        // a self-made certificate for sun's name, with a matching signature: no trusted CA
        X509Certificate selfMade = TestPki.issue(TestPki.SUN_DN).build();
        byte[] selfSigned = RsaPkcs1.signer(TestPki.keyPair().getPrivate()).sign(HASH_I);
        refused(NotifyType.INVALID_CERT_AUTHORITY, () -> checking.authenticate(List.of(TestPki.der(selfMade)),
                IdType.DER_ASN1_DN, sunId, HASH_I, selfSigned));
        // verify_cert off trusts it and checks only the signature, as racoon does
        assertEquals(selfMade, PeerAuthentication.withoutCertificateCheck().authenticate(
                List.of(TestPki.der(selfMade)), IdType.DER_ASN1_DN, moonId, HASH_I, selfSigned));
        refused(NotifyType.INVALID_SIGNATURE, () -> PeerAuthentication.withoutCertificateCheck().authenticate(
                List.of(TestPki.der(selfMade)), IdType.DER_ASN1_DN, sunId, HASH_I, sun.sign(HASH_I)));
    }

    private PeerAuthentication moonChecking() throws Exception {
        return PeerAuthentication.verifying(new CertVerifier(TestPki.hashLinkedCa(certs), TestPki.CLOCK));
    }

    private static CertException refused(int notifyType, Executable check) {
        CertException e = assertThrows(CertException.class, check);
        assertEquals(notifyType, e.notifyType(), e.getMessage());
        return e;
    }
}
