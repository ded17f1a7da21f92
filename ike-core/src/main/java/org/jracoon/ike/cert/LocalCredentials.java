package org.jracoon.ike.cert;

import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.jracoon.ike.crypto.CryptoProvider;
import org.jracoon.ike.crypto.Signer;

/**
 * Our side of RSA-signature authentication, from {@code certificate_type x509 "cert" "key"}: the
 * certificate we send in CERT payloads and the key that makes our SIG payloads.
 *
 * @param certificate our certificate
 * @param signer signs HASH_I/HASH_R with the certificate's private key
 * @param keyFileWarning the key file's permission problem, if any (see {@link PemFiles.KeyFile})
 */
public record LocalCredentials(X509Certificate certificate, Signer signer, Optional<String> keyFileWarning) {

    /**
     * Loads the two files, names relative to {@code path certificate}, and checks that the key
     * belongs to the certificate: racoon does not, and a mismatch would only show up as every
     * peer refusing our signature.
     *
     * @param crypto makes the signer: the key is handed to it once, here
     * @throws CredentialFileException one line naming the file and the problem
     */
    public static LocalCredentials load(Optional<Path> certificateDirectory, String certificateName, String keyName,
            CryptoProvider crypto) {
        Path certificateFile = PemFiles.resolve(certificateDirectory, certificateName);
        Path keyFile = PemFiles.resolve(certificateDirectory, keyName);
        X509Certificate certificate = PemFiles.certificate(certificateFile);
        PemFiles.KeyFile key = PemFiles.privateKey(keyFile);
        if (!(key.key() instanceof RSAPrivateKey rsaKey)) {
            throw new CredentialFileException(keyFile, "not an RSA private key (" + key.key().getAlgorithm() + ")");
        }
        if (!(certificate.getPublicKey() instanceof RSAPublicKey publicKey)
                || !publicKey.getModulus().equals(rsaKey.getModulus())) {
            throw new CredentialFileException(keyFile, "private key does not belong to certificate " + certificateFile);
        }
        Signer signer;
        try {
            signer = crypto.rsaSigner(rsaKey);
        } catch (IllegalArgumentException e) {
            throw new CredentialFileException(keyFile, e.getMessage());
        }
        return new LocalCredentials(certificate, signer, key.unsafePermissions());
    }

    /** The SIG payload body (RFC 2409 5.1): our signature of HASH_I (initiator) or HASH_R (responder). */
    public byte[] sign(byte[] hash) {
        return signer.sign(hash);
    }

    /** The certificate data of our CERT payload (encoding 4, X.509 signature): its DER form. */
    public byte[] certificateData() {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a parsed certificate re-encodes", e);
        }
    }

    /** Our certificate's subject, the ID of {@code my_identifier asn1dn} without a value. */
    public X500Name subject() {
        return DistinguishedNames.subject(certificate);
    }
}
