package org.jracoon.daemon.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;

import org.jracoon.ike.cert.DistinguishedNames;
import org.jracoon.ike.cert.PemFiles;
import org.jracoon.ike.cert.SubjectHash;

/** strongSwan's rsa case PKI (../shared/peers/strongswan/cases/rsa/pki) laid out as racoon reads it. */
public final class TestPki {

    public static final String MOON_DN = "C=CH, O=IKEv1 Test, CN=moon.test";
    public static final String SUN_DN = "C=CH, O=IKEv1 Test, CN=sun.test";

    private TestPki() {
    }

    /**
     * One host's ("moon" or "sun") certificate and key (mode 0600) in {@code dir}/certs, with the
     * CA reached through an OpenSSL hash link ({@code <hash>.0}), as {@code path certificate} wants.
     *
     * @return the certs directory
     */
    public static Path install(Path dir, String host) throws IOException {
        Path pki = Path.of(System.getProperty("jracoon.shared"), "peers/strongswan/cases/rsa/pki");
        Path certs = Files.createDirectories(dir.resolve("certs"));
        for (String file : new String[] {host + ".pem", host + ".key", "ca.pem"}) {
            Files.copy(pki.resolve(file), certs.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(certs.resolve(host + ".key"), PosixFilePermissions.fromString("rw-------"));
        X509Certificate ca = PemFiles.certificate(certs.resolve("ca.pem"));
        Path link = certs.resolve(SubjectHash.hex(DistinguishedNames.subject(ca)) + ".0");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of("ca.pem"));
        return certs;
    }
}
