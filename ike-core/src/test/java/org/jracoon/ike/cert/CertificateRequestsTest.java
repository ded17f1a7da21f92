package org.jracoon.ike.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.jracoon.ike.cert.CertificateRequests.Answer;
import org.jracoon.ike.payload.NotifyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CR payloads as strongSwan sends them (type 4, the DER DN of its CA) against our certificate. */
class CertificateRequestsTest {

    private static final int PKCS7 = 1;

    @TempDir
    Path certs;

    private final X509Certificate ca = TestPki.certificate("ca.pem");
    private final X509Certificate moon = TestPki.certificate("moon.pem");
    private final CaStore noCas = CaStore.of(Optional.of(Path.of("/nonexistent")), Optional.empty());

    @Test
    void aCrNamingOurIssuerIsAnswered() {
        byte[] caDn = ca.getSubjectX500Principal().getEncoded();
        assertEquals(Answer.ISSUED_UNDER, CertificateRequests.answer(CertificateRequests.X509_SIGNATURE, caDn, moon, noCas));
    }

    @Test
    void anEmptyAuthorityAsksForAnyCa() {
        assertEquals(Answer.ANY_CA, CertificateRequests.answer(CertificateRequests.X509_SIGNATURE, new byte[0], moon, noCas));
    }

    @Test
    void anotherCaOrTypeIsNotOurs() {
        byte[] other = DistinguishedNames.toId(DistinguishedNames.parse("C=CH, O=Elsewhere, CN=Other CA"));
        assertEquals(Answer.OTHER_CA, CertificateRequests.answer(CertificateRequests.X509_SIGNATURE, other, moon, noCas));
        assertEquals(Answer.UNSUPPORTED_TYPE, CertificateRequests.answer(PKCS7, new byte[0], moon, noCas));
    }

    @Test
    void aRootAboveOurIntermediateIsFollowedThroughTheCaStore() throws Exception {
        PrivateKey caKey = TestPki.key("ca.key");
        X509Certificate intermediate = TestPki.issue("C=CH, O=IKEv1 Test, CN=Intermediate CA").by(ca, caKey).ca(true)
                .build();
        X509Certificate ours = TestPki.issue("C=CH, O=IKEv1 Test, CN=leaf.test")
                .by(intermediate, TestPki.keyPair().getPrivate()).build();
        TestPki.writePem(certs.resolve(SubjectHash.hex(DistinguishedNames.subject(intermediate)) + ".0"), intermediate);
        Files.createSymbolicLink(certs.resolve(SubjectHash.hex(DistinguishedNames.subject(ca)) + ".0"),
                TestPki.file("ca.pem"));
        CaStore store = CaStore.of(Optional.of(certs), Optional.empty());
        byte[] root = ca.getSubjectX500Principal().getEncoded();

        assertEquals(Answer.ISSUED_UNDER, CertificateRequests.answer(CertificateRequests.X509_SIGNATURE, root, ours, store));
        assertEquals(Answer.OTHER_CA, CertificateRequests.answer(CertificateRequests.X509_SIGNATURE, root, ours, noCas));
    }

    @Test
    void aGarbledAuthorityIsAnInvalidCertAuthority() {
        CertException e = assertThrows(CertException.class, () -> CertificateRequests.answer(
                CertificateRequests.X509_SIGNATURE, new byte[] {0x30, 0x7f, 0x01}, moon, noCas));
        assertEquals(NotifyType.INVALID_CERT_AUTHORITY, e.notifyType());
    }
}
