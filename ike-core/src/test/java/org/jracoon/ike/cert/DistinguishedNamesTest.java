package org.jracoon.ike.cert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.jracoon.ike.payload.NotifyType;
import org.junit.jupiter.api.Test;

/** asn1dn identities: racoon.conf strings, ID_DER_ASN1_DN bytes, the shared certificates' subjects. */
class DistinguishedNamesTest {

    private final X509Certificate moon = TestPki.certificate("moon.pem");
    private final X509Certificate sun = TestPki.certificate("sun.pem");

    @Test
    void theConfiguredStringEncodesToTheCertificateSubjectBytes() {
        byte[] id = DistinguishedNames.toId(DistinguishedNames.parse(TestPki.MOON_DN));
        assertArrayEquals(moon.getSubjectX500Principal().getEncoded(), id);
    }

    @Test
    void idBytesDecodeAndFormatAsRacoonWritesThem() {
        X500Name name = DistinguishedNames.fromId(sun.getSubjectX500Principal().getEncoded());
        assertEquals(TestPki.SUN_DN, DistinguishedNames.format(name));
        assertArrayEquals(sun.getSubjectX500Principal().getEncoded(), DistinguishedNames.toId(name));
    }

    @Test
    void nonPrintableValuesBecomeUtf8AndMultiValuedComponentsParse() {
        X500Name name = DistinguishedNames.parse("C=CH, O=Zürich AG, OU=Net+CN=gw\\, east");
        assertEquals("C=CH, O=Zürich AG, OU=Net+CN=gw\\, east", DistinguishedNames.format(name));
        assertEquals(name, DistinguishedNames.fromId(DistinguishedNames.toId(name)));
    }

    @Test
    void garbledIdBytesAreInvalidIdInformation() {
        byte[] subject = moon.getSubjectX500Principal().getEncoded();
        for (byte[] bad : new byte[][] {{}, {0x04, 0x01, 0x00}, Arrays.copyOf(subject, subject.length - 3),
            Arrays.copyOf(subject, subject.length + 1)}) {
            CertException e = assertThrows(CertException.class, () -> DistinguishedNames.fromId(bad));
            assertEquals(NotifyType.INVALID_ID_INFORMATION, e.notifyType());
        }
    }

    @Test
    void badConfiguredStringsAreOneLine() {
        for (String bad : new String[] {"", "moon.test", "XX=1, CN=a", "C=CH, CN="}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DistinguishedNames.parse(bad), bad);
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void myIdentifierAsn1dnWithoutValueIsTheCertificateSubject() {
        assertEquals(DistinguishedNames.subject(moon), DistinguishedNames.myIdentifier(Optional.empty(), Optional.of(moon)));
        assertEquals(DistinguishedNames.parse("C=CH, CN=other"),
                DistinguishedNames.myIdentifier(Optional.of("C=CH, CN=other"), Optional.of(moon)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DistinguishedNames.myIdentifier(Optional.empty(), Optional.empty()));
        assertTrue(e.getMessage().contains("certificate_type x509"), e.getMessage());
    }

    @Test
    void peersIdentifierWildcardsMatchAnyValueOfTheirComponent() {
        X500Name moonName = DistinguishedNames.subject(moon);
        X500Name sunName = DistinguishedNames.subject(sun);
        DnPattern anyHost = DnPattern.parse("C=CH, O=IKEv1 Test, CN=*");
        assertTrue(anyHost.matches(moonName));
        assertTrue(anyHost.matches(sunName));
        assertTrue(DnPattern.parse("C=*, O=*, CN=sun.test").matches(sunName));
        assertFalse(DnPattern.parse("C=*, O=*, CN=sun.test").matches(moonName));
        assertFalse(DnPattern.parse("C=CH, O=Other, CN=*").matches(moonName));
        assertFalse(DnPattern.parse("C=CH, CN=*").matches(moonName), "component count differs");
        assertFalse(DnPattern.parse("C=CH, CN=*, O=IKEv1 Test").matches(moonName), "component order differs");
        assertTrue(DnPattern.parse("c=ch, o=ikev1  test, cn=MOON.TEST").matches(moonName), "case and spacing");
        assertEquals("C=CH, O=IKEv1 Test, CN=*", anyHost.toString());
    }
}
