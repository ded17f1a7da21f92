package org.jracoon.ike.cert;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads the PEM files racoon.conf names: {@code certificate_type x509 "cert" "key"} and
 * {@code ca_type x509 "file"}. Every problem becomes a {@link CredentialFileException} with one
 * line naming the file.
 */
public final class PemFiles {

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PemFiles() {
    }

    /**
     * A private key read from a file, with the permission problem found on the file if any:
     * racoon refuses a key file that group or others may access (safefile.c), so the caller
     * decides whether to refuse or only warn.
     */
    public record KeyFile(PrivateKey key, Optional<String> unsafePermissions) {
    }

    /**
     * Where racoon looks for a file named in racoon.conf: an absolute name as is, a relative one
     * under {@code path certificate} (or the working directory when that is not set).
     */
    public static Path resolve(Optional<Path> certificateDirectory, String name) {
        Path file = Path.of(name);
        return file.isAbsolute() ? file : certificateDirectory.map(dir -> dir.resolve(file)).orElse(file);
    }

    /** The first certificate of a PEM file. */
    public static X509Certificate certificate(Path file) {
        return certificates(file).get(0);
    }

    /** All certificates of a PEM file, in file order (a CA file may hold several). */
    public static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object object : pemObjects(file)) {
            if (object instanceof X509CertificateHolder holder) {
                certificates.add(toCertificate(file, holder));
            }
        }
        if (certificates.isEmpty()) {
            throw new CredentialFileException(file, "no PEM CERTIFICATE block found");
        }
        return certificates;
    }

    /** The private key of a PEM file: PKCS#1 "RSA PRIVATE KEY" or PKCS#8 "PRIVATE KEY", unencrypted. */
    public static KeyFile privateKey(Path file) {
        for (Object object : pemObjects(file)) {
            PrivateKeyInfo info = null;
            if (object instanceof PEMKeyPair pair) {
                info = pair.getPrivateKeyInfo();
            } else if (object instanceof PrivateKeyInfo pkcs8) {
                info = pkcs8;
            } else if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
                throw new CredentialFileException(file, "the private key is encrypted; racoon needs it unencrypted");
            }
            if (info != null) {
                try {
                    return new KeyFile(new JcaPEMKeyConverter().getPrivateKey(info), unsafePermissions(file));
                } catch (IOException | RuntimeException e) {
                    throw new CredentialFileException(file, "unusable private key (" + oneLine(e) + ")");
                }
            }
        }
        throw new CredentialFileException(file, "no PEM private key block found");
    }

    /** Decodes a DER certificate, e.g. from a CERT payload; {@code null} if the bytes are not one. */
    static X509Certificate decode(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            return null;
        }
    }

    private static Optional<String> unsafePermissions(Path file) {
        try {
            Set<PosixFilePermission> open = EnumSet.copyOf(GROUP_OR_OTHERS);
            open.retainAll(Files.getPosixFilePermissions(file));
            return open.isEmpty() ? Optional.empty()
                    : Optional.of(file + ": private key file is accessible by group or others");
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static List<Object> pemObjects(Path file) {
        List<Object> objects = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (NoSuchFileException e) {
            throw new CredentialFileException(file, "no such file");
        } catch (AccessDeniedException e) {
            throw new CredentialFileException(file, "permission denied");
        } catch (IOException | RuntimeException e) {
            // unreadable (permissions, a directory) or not PEM (bad base64, truncated, wrong charset)
            throw new CredentialFileException(file, "cannot read PEM (" + oneLine(e) + ")");
        }
        return objects;
    }

    private static X509Certificate toCertificate(Path file, X509CertificateHolder holder) {
        try {
            X509Certificate certificate = decode(holder.getEncoded());
            if (certificate != null) {
                return certificate;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new CredentialFileException(file, "garbled certificate");
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse("").strip();
    }
}
