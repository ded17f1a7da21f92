package org.jracoon.ike.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jracoon.ike.payload.NotifyType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

/** verify_cert against the shared CA found through a hash link, with generated certificates for each refusal. */
class CertVerifierTest {

    @TempDir
    Path certs;

    private final X509Certificate ca = TestPki.certificate("ca.pem");
    private final PrivateKey caKey = TestPki.key("ca.key");
    private CaStore store;

    @BeforeEach
    void hashDirectory() throws Exception {
        Files.createSymbolicLink(certs.resolve(SubjectHash.hex(DistinguishedNames.subject(ca)) + ".0"),
                TestPki.file("ca.pem"));
        store = CaStore.of(Optional.of(certs), Optional.empty());
    }

    private CertVerifier at(Instant now) {
        return new CertVerifier(store, Clock.fixed(now, ZoneOffset.UTC));
    }

    private CertVerifier verifier() {
        return at(TestPki.NOW);
    }

    @Test
    void acceptsTheSharedHostCertificates() {
        verifier().verify(TestPki.certificate("moon.pem"), List.of());
        X509Certificate sun = verifier().verify(TestPki.der(TestPki.certificate("sun.pem")), List.of());
        assertEquals(TestPki.SUN_DN, DistinguishedNames.format(DistinguishedNames.subject(sun)));
    }

    @Test
    void acceptsThroughAnExplicitCaFileToo() {
        CaStore caFile = CaStore.of(Optional.empty(), Optional.of(TestPki.file("ca.pem")));
        new CertVerifier(caFile, Clock.fixed(TestPki.NOW, ZoneOffset.UTC))
                .verify(TestPki.certificate("moon.pem"), List.of());
    }

    @Test
    void refusesAnExpiredCertificate() {
        X509Certificate expired = TestPki.issue("C=CH, O=IKEv1 Test, CN=old.test").by(ca, caKey)
                .validity(TestPki.NOW.minus(400, ChronoUnit.DAYS), TestPki.NOW.minus(1, ChronoUnit.DAYS)).build();
        CertException e = refused(NotifyType.INVALID_CERTIFICATE, () -> verifier().verify(expired, List.of()));
        assertTrue(e.getMessage().startsWith("certificate \"C=CH, O=IKEv1 Test, CN=old.test\" expired at "),
                e.getMessage());
    }

    @Test
    void theInjectedClockDecidesExpiry() {
        // moon is valid until 2031-11-25
        Instant later = Instant.parse("2032-01-01T00:00:00Z");
        CertException e = refused(NotifyType.INVALID_CERTIFICATE,
                () -> at(later).verify(TestPki.certificate("moon.pem"), List.of()));
        assertTrue(e.getMessage().contains("moon.test\" expired at 2031-11-25T19:38:38Z"), e.getMessage());
    }

    @Test
    void refusesACertificateNotYetValid() {
        X509Certificate early = TestPki.issue("C=CH, O=IKEv1 Test, CN=early.test").by(ca, caKey)
                .validity(TestPki.NOW.plus(1, ChronoUnit.DAYS), TestPki.NOW.plus(400, ChronoUnit.DAYS)).build();
        CertException e = refused(NotifyType.INVALID_CERTIFICATE, () -> verifier().verify(early, List.of()));
        assertTrue(e.getMessage().contains("early.test\" is not valid before"), e.getMessage());
    }

    @Test
    void refusesACertificateFromAnUnknownCa() {
        KeyPair otherCaKeys = TestPki.newKeyPair();
        X509Certificate otherCa = TestPki.issue("C=CH, O=Elsewhere, CN=Other CA").key(otherCaKeys.getPublic())
                .by(DistinguishedNames.parse("C=CH, O=Elsewhere, CN=Other CA"), otherCaKeys.getPrivate()).ca(true).build();
        X509Certificate stranger = TestPki.issue("C=CH, O=IKEv1 Test, CN=sun.test").by(otherCa, otherCaKeys.getPrivate())
                .build();
        CertException e = refused(NotifyType.INVALID_CERT_AUTHORITY, () -> verifier().verify(stranger, List.of()));
        assertEquals("no CA certificate for issuer \"C=CH, O=Elsewhere, CN=Other CA\" (hash "
                + SubjectHash.hex(DistinguishedNames.subject(otherCa)) + ") of \"C=CH, O=IKEv1 Test, CN=sun.test\" in "
                + "hash links in " + certs, e.getMessage());
    }

    @Test
    void refusesACertificateSignedByAnImpostorWithTheCaName() {
        // same issuer name as the trusted CA, other key: found by name, refused by signature
        X509Certificate forged = TestPki.issue(TestPki.SUN_DN).by(ca, TestPki.keyPair().getPrivate()).build();
        CertException e = refused(NotifyType.INVALID_CERT_AUTHORITY, () -> verifier().verify(forged, List.of()));
        assertEquals("certificate \"" + TestPki.SUN_DN + "\" is not signed by its issuer \"" + TestPki.CA_DN + "\"",
                e.getMessage());
    }

    @Test
    void followsAnIntermediateThePeerSent() {
        X509Certificate intermediate = TestPki.issue("C=CH, O=IKEv1 Test, CN=Intermediate CA").by(ca, caKey).ca(true)
                .build();
        X509Certificate leaf = TestPki.issue("C=CH, O=IKEv1 Test, CN=leaf.test")
                .by(intermediate, TestPki.keyPair().getPrivate()).build();
        X509Certificate unrelated = TestPki.issue("C=CH, O=IKEv1 Test, CN=unrelated.test").by(ca, caKey).build();
        verifier().verify(TestPki.der(leaf), List.of(TestPki.der(unrelated), TestPki.der(intermediate)));

        refused(NotifyType.INVALID_CERT_AUTHORITY, () -> verifier().verify(leaf, List.of()));
    }

    @Test
    void refusesAnIssuerThatIsNotACa() {
        X509Certificate notCa = TestPki.issue("C=CH, O=IKEv1 Test, CN=Plain Host").by(ca, caKey).ca(false).build();
        X509Certificate leaf = TestPki.issue("C=CH, O=IKEv1 Test, CN=leaf.test")
                .by(notCa, TestPki.keyPair().getPrivate()).build();
        CertException e = refused(NotifyType.INVALID_CERT_AUTHORITY, () -> verifier().verify(leaf, List.of(notCa)));
        assertTrue(e.getMessage().contains("lacks basicConstraints CA:TRUE"), e.getMessage());
    }

    @Test
    void refusesATrustedCertificateWithoutBasicConstraintsAsCa() throws Exception {
        X509Certificate bareRoot = TestPki.issue("C=CH, O=Bare, CN=Bare Root").build();
        TestPki.writePem(certs.resolve(SubjectHash.hex(DistinguishedNames.subject(bareRoot)) + ".0"), bareRoot);
        X509Certificate leaf = TestPki.issue("C=CH, O=Bare, CN=leaf.test").by(bareRoot, TestPki.keyPair().getPrivate())
                .build();
        CertException e = refused(NotifyType.INVALID_CERT_AUTHORITY, () -> verifier().verify(leaf, List.of()));
        assertEquals("CA certificate \"C=CH, O=Bare, CN=Bare Root\" lacks basicConstraints CA:TRUE", e.getMessage());
    }

    @Test
    void refusesAnExpiredCa() {
        // the shared CA is valid until 2036-11-23; a host certificate made to outlive it
        Instant later = Instant.parse("2037-01-01T00:00:00Z");
        X509Certificate leaf = TestPki.issue("C=CH, O=IKEv1 Test, CN=long.test").by(ca, caKey)
                .validity(TestPki.NOW, later.plus(10, ChronoUnit.DAYS)).build();
        CertException e = refused(NotifyType.INVALID_CERT_AUTHORITY, () -> at(later).verify(leaf, List.of()));
        assertTrue(e.getMessage().startsWith("CA certificate \"" + TestPki.CA_DN + "\" is valid only from"),
                e.getMessage());
    }

    @Test
    void refusesBytesThatAreNoCertificate() {
        CertException e = refused(NotifyType.INVALID_CERT_ENCODING,
                () -> verifier().verify(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}, List.of()));
        assertEquals("CERT payload of 5 bytes is not a DER X.509 certificate", e.getMessage());
    }

    private static CertException refused(int notifyType, Executable verification) {
        CertException e = assertThrows(CertException.class, verification);
        assertEquals(notifyType, e.notifyType(), e.getMessage());
        return e;
    }
}
