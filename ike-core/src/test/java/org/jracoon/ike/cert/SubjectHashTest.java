package org.jracoon.ike.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERT61String;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.DERUniversalString;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our X509_NAME_hash against the real {@code openssl x509 -hash} (OpenSSL is installed here). */
class SubjectHashTest {

    @TempDir
    Path temp;

    @Test
    void sharedCertificatesHashAsOpensslPrintsThem() {
        for (String name : List.of("ca.pem", "moon.pem", "sun.pem")) {
            Path file = TestPki.file(name);
            X509Certificate certificate = PemFiles.certificate(file);
            assertEquals(openssl(file, "-hash"), SubjectHash.hex(DistinguishedNames.subject(certificate)), name);
            assertEquals(openssl(file, "-issuer_hash"), SubjectHash.hex(DistinguishedNames.issuer(certificate)), name);
        }
    }

    @Test
    void canonicalFormFoldsCaseSpaceAndStringTypesAsOpensslDoes() {
        // every string type OpenSSL canonicalizes, odd white space and case, a multi-valued RDN
        X500Name name = new X500Name(new RDN[] {
            new RDN(BCStyle.C, new DERPrintableString("ch")),
            new RDN(BCStyle.O, new DERUTF8String("  Zürich \t  IKEv1   Test  ")),
            new RDN(new AttributeTypeAndValue[] {
                new AttributeTypeAndValue(BCStyle.OU, new DERT61String("Sales\tTEAM")),
                new AttributeTypeAndValue(BCStyle.CN, new DERBMPString("Big  Name")),
            }),
            new RDN(BCStyle.L, new DERUniversalString("Bern".codePoints()
                    .mapToObj(c -> new byte[] {0, 0, 0, (byte) c})
                    .reduce(new byte[0], SubjectHashTest::concat))),
            new RDN(BCStyle.EmailAddress, new DERIA5String("Admin@Example.COM")),
        });
        Path file = TestPki.writePem(temp.resolve("odd.pem"), TestPki.issue(name).build());
        assertEquals(openssl(file, "-hash"), SubjectHash.hex(name));
    }

    @Test
    void namesThatDifferOnlyInCaseAndSpacingShareAHash() {
        X500Name plain = DistinguishedNames.parse(TestPki.MOON_DN);
        X500Name shouted = new X500Name(new RDN[] {
            new RDN(BCStyle.C, new DERPrintableString("CH")),
            new RDN(BCStyle.O, new DERUTF8String(" ikev1  TEST ")),
            new RDN(BCStyle.CN, new DERUTF8String("MOON.test")),
        });
        assertEquals(SubjectHash.of(plain), SubjectHash.of(shouted));
        assertNotEquals(SubjectHash.of(plain), SubjectHash.of(DistinguishedNames.parse(TestPki.SUN_DN)));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = new byte[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static String openssl(Path certificate, String option) {
        return TestPki.openssl("x509", "-noout", option, "-in", certificate.toString());
    }
}
