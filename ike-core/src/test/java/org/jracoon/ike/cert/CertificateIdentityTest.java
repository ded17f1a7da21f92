package org.jracoon.ike.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.x509.GeneralName;
import org.jracoon.ike.payload.IdType;
import org.jracoon.ike.payload.NotifyType;
import org.junit.jupiter.api.Test;

/** verify_cert's ID check: subject DN, or subjectAltName for address, fqdn and user_fqdn IDs. */
class CertificateIdentityTest {

    private static final int ID_KEY_ID = 11;

    private final X509Certificate moon = TestPki.certificate("moon.pem");
    private final X509Certificate sun = TestPki.certificate("sun.pem");
    private final X509Certificate multi = TestPki.issue("C=CH, O=IKEv1 Test, CN=gw.test")
            .alternativeNames(new GeneralName(GeneralName.iPAddress, "10.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "gw.example.org"),
                    new GeneralName(GeneralName.iPAddress, "2001:db8::1"),
                    new GeneralName(GeneralName.rfc822Name, "admin@example.org"),
                    new GeneralName(GeneralName.dNSName, "vpn.example.org"))
            .build();

    @Test
    void aDnIdMustBeTheSubject() {
        CertificateIdentity.check(IdType.DER_ASN1_DN, moon.getSubjectX500Principal().getEncoded(), moon);
        CertException e = refused(NotifyType.INVALID_ID_INFORMATION, IdType.DER_ASN1_DN,
                DistinguishedNames.toId(DistinguishedNames.parse(TestPki.SUN_DN)), moon);
        assertEquals("ID asn1dn \"" + TestPki.SUN_DN + "\" does not match the certificate subject \"" + TestPki.MOON_DN
                + "\"", e.getMessage());
    }

    @Test
    void anIpv4IdMustBeAnAddressSubjectAltName() throws Exception {
        CertificateIdentity.check(IdType.IPV4_ADDR, address("192.168.1.11"), moon);
        CertificateIdentity.check(IdType.IPV4_ADDR, address("192.168.1.12"), sun);
        CertException e = refused(NotifyType.INVALID_ID_INFORMATION, IdType.IPV4_ADDR,
                address("192.168.1.12"), moon);
        assertEquals("ID address 192.168.1.12 is not a subjectAltName of certificate \"" + TestPki.MOON_DN
                + "\" [192.168.1.11]", e.getMessage());
        CertificateIdentity.check(IdType.IPV4_ADDR, address("10.0.0.1"), multi);
        refused(NotifyType.INVALID_ID_INFORMATION, IdType.IPV4_ADDR, new byte[] {10, 0, 0}, multi);
    }

    @Test
    void anIpv6IdIsFoundAmongSeveralSubjectAltNames() throws Exception {
        CertificateIdentity.check(IdType.IPV6_ADDR, address("2001:db8::1"), multi);
        CertificateIdentity.check(IdType.IPV6_ADDR, address("2001:0db8:0:0:0:0:0:0001"), multi);
        CertException e = refused(NotifyType.INVALID_ID_INFORMATION, IdType.IPV6_ADDR,
                address("2001:db8::2"), multi);
        assertEquals("ID address 2001:db8:0:0:0:0:0:2 is not a subjectAltName of certificate \"C=CH, O=IKEv1 Test, "
                + "CN=gw.test\" [10.0.0.1, 2001:db8:0:0:0:0:0:1]", e.getMessage());
    }

    @Test
    void fqdnAndUserFqdnIdsMatchTheirKindOfSubjectAltName() {
        CertificateIdentity.check(IdType.FQDN, ascii("vpn.example.org"), multi);
        CertificateIdentity.check(IdType.FQDN, ascii("GW.Example.ORG"), multi);
        CertificateIdentity.check(IdType.USER_FQDN, ascii("admin@example.org"), multi);
        refused(NotifyType.INVALID_ID_INFORMATION, IdType.FQDN, ascii("admin@example.org"), multi);
        refused(NotifyType.INVALID_ID_INFORMATION, IdType.USER_FQDN, ascii("gw.example.org"), multi);
    }

    @Test
    void aCertificateWithoutThatKindOfSubjectAltNameIsAnInvalidCertificate() throws Exception {
        X509Certificate ca = TestPki.certificate("ca.pem");
        CertException e = refused(NotifyType.INVALID_CERTIFICATE, IdType.IPV4_ADDR,
                address("192.168.1.11"), ca);
        assertEquals("certificate \"" + TestPki.CA_DN + "\" has no IP address subjectAltName", e.getMessage());
        e = refused(NotifyType.INVALID_CERTIFICATE, IdType.FQDN, ascii("moon.test"), moon);
        assertEquals("certificate \"" + TestPki.MOON_DN + "\" has no fqdn subjectAltName", e.getMessage());
    }

    @Test
    void otherIdTypesCannotBeChecked() {
        refused(NotifyType.INVALID_ID_INFORMATION, ID_KEY_ID, ascii("key"), moon);
    }

    private static CertException refused(int notifyType, int idType, byte[] idData, X509Certificate certificate) {
        CertException e = assertThrows(CertException.class, () -> CertificateIdentity.check(idType, idData, certificate));
        assertEquals(notifyType, e.notifyType(), e.getMessage());
        return e;
    }

    private static byte[] address(String literal) throws Exception {
        return InetAddress.getByName(literal).getAddress();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
