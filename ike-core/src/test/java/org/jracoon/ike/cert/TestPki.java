package org.jracoon.ike.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jracoon.ike.crypto.CryptoProvider;

/**
 * The strongSwan rsa case's real PKI (CA "C=CH, O=IKEv1 Test, CN=IKEv1 Test CA", moon and sun,
 * RSA 2048) read through {@code jracoon.shared}, and Bouncy Castle made certificates for the
 * cases it does not cover.
 */
public final class TestPki {

    /** Inside the validity of all shared certificates (CA 2026-11-26..2036, hosts ..2031). */
    public static final Instant NOW = Instant.parse("2027-06-01T00:00:00Z");

    /** A clock at {@link #NOW}, for certificate checks. */
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    public static final String MOON_DN = "C=CH, O=IKEv1 Test, CN=moon.test";
    public static final String SUN_DN = "C=CH, O=IKEv1 Test, CN=sun.test";
    public static final String CA_DN = "C=CH, O=IKEv1 Test, CN=IKEv1 Test CA";

    private static final AtomicLong SERIAL = new AtomicLong(1000);
    private static KeyPair sharedKeyPair;

    private TestPki() {
    }

    /** moon's or sun's certificate and key, {@code certificate_type x509 "NAME.pem" "NAME.key"}. */
    public static LocalCredentials credentials(String host) {
        return credentials(host, CryptoProvider.JAVA);
    }

    /** As {@link #credentials(String)}, signing with {@code crypto}. */
    public static LocalCredentials credentials(String host, CryptoProvider crypto) {
        return LocalCredentials.load(Optional.of(pkiDirectory()), host + ".pem", host + ".key", crypto);
    }

    /** {@code peers/strongswan/cases/rsa/pki} of the shared material. */
    public static Path pkiDirectory() {
        String shared = System.getProperty("jracoon.shared");
        assertNotNull(shared, "system property jracoon.shared (set by the pom) points at the shared material");
        return Path.of(shared, "peers", "strongswan", "cases", "rsa", "pki");
    }

    static Path file(String name) {
        return pkiDirectory().resolve(name);
    }

    public static X509Certificate certificate(String name) {
        return PemFiles.certificate(file(name));
    }

    public static PrivateKey key(String name) {
        return PemFiles.privateKey(file(name)).key();
    }

    /**
     * {@code path certificate} as racoon users set it up: the shared CA linked into
     * {@code directory} under its OpenSSL subject hash ({@code <hash>.0}, as c_rehash makes it).
     */
    public static CaStore hashLinkedCa(Path directory) {
        try {
            String hash = SubjectHash.hex(DistinguishedNames.subject(certificate("ca.pem")));
            Files.createSymbolicLink(directory.resolve(hash + ".0"), file("ca.pem"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return CaStore.of(Optional.of(directory), Optional.empty());
    }

    /** One RSA key pair for all generated certificates: what differs between them is what a test checks. */
    public static synchronized KeyPair keyPair() {
        if (sharedKeyPair == null) {
            sharedKeyPair = newKeyPair();
        }
        return sharedKeyPair;
    }

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate builder: subject, key, validity around {@link #NOW}, issued by itself until told otherwise. */
    public static Issue issue(String subject) {
        return issue(DistinguishedNames.parse(subject));
    }

    static Issue issue(X500Name subject) {
        return new Issue(subject);
    }

    public static final class Issue {
        private final X500Name subject;
        private PublicKey publicKey = keyPair().getPublic();
        private X500Name issuer;
        private PrivateKey issuerKey = keyPair().getPrivate();
        private Instant notBefore = NOW.minus(30, ChronoUnit.DAYS);
        private Instant notAfter = NOW.plus(365, ChronoUnit.DAYS);
        private BasicConstraints basicConstraints;
        private GeneralName[] alternativeNames = new GeneralName[0];

        private Issue(X500Name subject) {
            this.subject = subject;
            this.issuer = subject;
        }

        Issue key(PublicKey key) {
            this.publicKey = key;
            return this;
        }

        public Issue by(X509Certificate ca, PrivateKey caKey) {
            this.issuer = DistinguishedNames.subject(ca);
            this.issuerKey = caKey;
            return this;
        }

        Issue by(X500Name name, PrivateKey caKey) {
            this.issuer = name;
            this.issuerKey = caKey;
            return this;
        }

        public Issue validity(Instant from, Instant to) {
            this.notBefore = from;
            this.notAfter = to;
            return this;
        }

        public Issue ca(boolean ca) {
            this.basicConstraints = new BasicConstraints(ca);
            return this;
        }

        Issue alternativeNames(GeneralName... names) {
            this.alternativeNames = names;
            return this;
        }

        public X509Certificate build() {
            try {
                JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                        BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter), subject,
                        publicKey);
                if (basicConstraints != null) {
                    builder.addExtension(Extension.basicConstraints, true, basicConstraints);
                    if (basicConstraints.isCA()) {
                        builder.addExtension(Extension.keyUsage, true,
                                new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                    }
                }
                if (alternativeNames.length > 0) {
                    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternativeNames));
                }
                return new JcaX509CertificateConverter().getCertificate(
                        builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
            } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Runs the real {@code openssl} command (installed here) and returns its output; fails the test if it fails. */
    static String openssl(String... arguments) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), String.join(" ", command));
            assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes objects (certificates, keys) as PEM to {@code file}. */
    static Path writePem(Path file, Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
