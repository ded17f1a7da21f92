package org.jracoon.ike.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CA lookup through hash links, named by our hash function, as c_rehash would make them. */
class CaStoreTest {

    @TempDir
    Path certs;

    private final X509Certificate ca = TestPki.certificate("ca.pem");
    private final X500Name caName = DistinguishedNames.subject(ca);

    @Test
    void findsTheIssuerThroughItsHashLink() throws Exception {
        Files.createSymbolicLink(certs.resolve(SubjectHash.hex(caName) + ".0"), TestPki.file("ca.pem"));
        CaStore store = CaStore.of(Optional.of(certs), Optional.empty());
        assertEquals(List.of(ca), store.issuersNamed(DistinguishedNames.issuer(TestPki.certificate("moon.pem"))));
        assertEquals(List.of(), store.issuersNamed(DistinguishedNames.parse("C=CH, O=Nobody, CN=None")));
    }

    @Test
    void findsTheIssuerInADirectoryPreparedByOpensslRehash() throws Exception {
        Files.copy(TestPki.file("ca.pem"), certs.resolve("ca.pem"));
        TestPki.openssl("rehash", certs.toString());
        assertTrue(Files.isSymbolicLink(certs.resolve(SubjectHash.hex(caName) + ".0")), "openssl named the link as we do");
        CaStore store = CaStore.of(Optional.of(certs), Optional.empty());
        assertEquals(List.of(ca), store.issuersNamed(DistinguishedNames.issuer(TestPki.certificate("sun.pem"))));
    }

    @Test
    void followsHashCollisionsToLaterIndices() throws Exception {
        // a CA under another name filed as if its hash collided, then the one we want
        X509Certificate other = TestPki.issue("C=CH, O=Other, CN=Other CA").ca(true).build();
        String hash = SubjectHash.hex(caName);
        TestPki.writePem(certs.resolve(hash + ".0"), other);
        Files.createSymbolicLink(certs.resolve(hash + ".1"), TestPki.file("ca.pem"));
        CaStore store = CaStore.of(Optional.of(certs), Optional.empty());
        assertEquals(List.of(ca), store.issuersNamed(caName));
    }

    @Test
    void skipsAGarbledLinkAndStopsAtTheFirstMissingIndex() throws Exception {
        String hash = SubjectHash.hex(caName);
        Files.writeString(certs.resolve(hash + ".0"), "not a certificate\n");
        Files.createSymbolicLink(certs.resolve(hash + ".1"), TestPki.file("ca.pem"));
        Files.createSymbolicLink(certs.resolve(hash + ".3"), TestPki.file("ca.pem"));
        CaStore store = CaStore.of(Optional.of(certs), Optional.empty());
        assertEquals(List.of(ca), store.issuersNamed(caName));
    }

    @Test
    void aCaFileReplacedUnderItsLinkIsReadAgain() throws Exception {
        X509Certificate other = TestPki.issue("C=CH, O=Other, CN=Other CA").ca(true).build();
        Path link = certs.resolve(SubjectHash.hex(caName) + ".0");
        TestPki.writePem(link, other);
        CaStore store = CaStore.of(Optional.of(certs), Optional.empty());
        assertEquals(List.of(), store.issuersNamed(caName));
        Files.delete(link);
        Files.copy(TestPki.file("ca.pem"), link);
        Files.setLastModifiedTime(link, FileTime.fromMillis(0));
        assertEquals(List.of(ca), store.issuersNamed(caName));
        assertEquals(List.of(ca), store.issuersNamed(caName));
    }

    @Test
    void aNameIsNotFoundUnderAnotherHash() throws Exception {
        Files.createSymbolicLink(certs.resolve("00000000.0"), TestPki.file("ca.pem"));
        assertEquals(List.of(), CaStore.of(Optional.of(certs), Optional.empty()).issuersNamed(caName));
    }

    @Test
    void readsAnExplicitCaFile() {
        CaStore store = CaStore.of(Optional.empty(), Optional.of(TestPki.file("ca.pem")));
        assertEquals(List.of(ca), store.issuersNamed(caName));
        assertEquals("CA file " + TestPki.file("ca.pem"), store.description());
    }

    @Test
    void aMissingCaFileIsAConfigurationError() {
        Path missing = certs.resolve("cacert.pem");
        CredentialFileException e = assertThrows(CredentialFileException.class,
                () -> CaStore.of(Optional.of(certs), Optional.of(missing)));
        assertEquals(missing + ": no such file", e.getMessage());
    }
}
