package org.jracoon.ike.cert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemFilesTest {

    @TempDir
    Path temp;

    @Test
    void readsTheSharedCertificateAndPkcs1Key() {
        X509Certificate moon = PemFiles.certificate(TestPki.file("moon.pem"));
        assertEquals(TestPki.MOON_DN, DistinguishedNames.format(DistinguishedNames.subject(moon)));
        PemFiles.KeyFile key = PemFiles.privateKey(TestPki.file("moon.key"));
        assertEquals("RSA", key.key().getAlgorithm());
    }

    @Test
    void reportsAKeyFileOthersMayRead() throws Exception {
        // the shared key files are mode 0444
        PemFiles.KeyFile shared = PemFiles.privateKey(TestPki.file("moon.key"));
        assertTrue(shared.unsafePermissions().orElseThrow().contains("accessible by group or others"));

        Path privateCopy = Files.copy(TestPki.file("moon.key"), temp.resolve("moon.key"));
        Files.setPosixFilePermissions(privateCopy, PosixFilePermissions.fromString("rw-------"));
        assertEquals(Optional.empty(), PemFiles.privateKey(privateCopy).unsafePermissions());
        Files.setPosixFilePermissions(privateCopy, PosixFilePermissions.fromString("rw-r-----"));
        assertTrue(PemFiles.privateKey(privateCopy).unsafePermissions().isPresent());
    }

    @Test
    void readsAPkcs8Key() throws Exception {
        PrivateKey key = TestPki.keyPair().getPrivate();
        Path file = TestPki.writePem(temp.resolve("key.pem"), new JcaPKCS8Generator(key, null));
        assertTrue(Files.readString(file).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertArrayEquals(key.getEncoded(), PemFiles.privateKey(file).key().getEncoded());
    }

    @Test
    void readsEveryCertificateOfACaFile() {
        X509Certificate other = TestPki.issue("C=CH, O=Other, CN=Other CA").ca(true).build();
        Path file = TestPki.writePem(temp.resolve("cas.pem"), TestPki.certificate("ca.pem"), other);
        List<X509Certificate> read = PemFiles.certificates(file);
        assertEquals(List.of(TestPki.certificate("ca.pem"), other), read);
    }

    @Test
    void aMissingFileIsOneLineNamingIt() {
        Path missing = temp.resolve("nowhere.pem");
        CredentialFileException e = assertThrows(CredentialFileException.class, () -> PemFiles.certificate(missing));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void aGarbledFileIsOneLine() throws Exception {
        Path garbled = Files.writeString(temp.resolve("garbled.pem"),
                "-----BEGIN CERTIFICATE-----\nMIIB!!not base64!!\n-----END CERTIFICATE-----\n");
        CredentialFileException e = assertThrows(CredentialFileException.class, () -> PemFiles.certificate(garbled));
        assertTrue(e.getMessage().startsWith(garbled + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());

        Path truncated = Files.writeString(temp.resolve("truncated.pem"),
                Files.readString(TestPki.file("moon.pem")).substring(0, 300));
        e = assertThrows(CredentialFileException.class, () -> PemFiles.certificate(truncated));
        assertTrue(e.getMessage().startsWith(truncated + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aDirectoryIsNotAFile() {
        CredentialFileException e = assertThrows(CredentialFileException.class, () -> PemFiles.privateKey(temp));
        assertTrue(e.getMessage().startsWith(temp + ": cannot read PEM"), e.getMessage());
    }

    @Test
    void theWrongKindOfPemIsNamed() {
        CredentialFileException e = assertThrows(CredentialFileException.class,
                () -> PemFiles.privateKey(TestPki.file("moon.pem")));
        assertEquals(TestPki.file("moon.pem") + ": no PEM private key block found", e.getMessage());
        e = assertThrows(CredentialFileException.class, () -> PemFiles.certificate(TestPki.file("moon.key")));
        assertEquals(TestPki.file("moon.key") + ": no PEM CERTIFICATE block found", e.getMessage());
    }

    @Test
    void anEncryptedKeyIsRefusedWithTheReason() throws Exception {
        KeyPair pair = TestPki.keyPair();
        Path file = TestPki.writePem(temp.resolve("encrypted.key"), new JcaMiscPEMGenerator(pair,
                new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(new BouncyCastleProvider()).build("secret".toCharArray())));
        CredentialFileException e = assertThrows(CredentialFileException.class, () -> PemFiles.privateKey(file));
        assertEquals(file + ": the private key is encrypted; racoon needs it unencrypted", e.getMessage());
    }

    @Test
    void namesResolveAgainstPathCertificate() {
        Path dir = Path.of("/etc/racoon/certs");
        assertEquals(dir.resolve("moon.pem"), PemFiles.resolve(Optional.of(dir), "moon.pem"));
        assertEquals(Path.of("/elsewhere/moon.pem"), PemFiles.resolve(Optional.of(dir), "/elsewhere/moon.pem"));
        assertEquals(Path.of("moon.pem"), PemFiles.resolve(Optional.empty(), "moon.pem"));
    }
}
