package org.jracoon.ike.cert;

import java.security.cert.X509Certificate;
import org.jracoon.ike.crypto.RsaPkcs1;
import org.jracoon.ike.crypto.Verifier;
import org.jracoon.ike.payload.NotifyType;

/**
 * Checks a peer's SIG payload (RFC 2409 5.1) with the public key of its certificate; the
 * signature scheme itself is {@link RsaPkcs1}'s.
 */
public final class RsaSignatures {

    private RsaSignatures() {
    }

    /**
     * Checks that {@code signature} (the peer's SIG payload body) signs {@code hash} (the HASH_I
     * or HASH_R we computed for the peer) with the key of {@code certificate}.
     *
     * @throws CertException INVALID-SIGNATURE for a wrong signature, as racoon answers
     *     (oakley.c, oakley_validate_auth), CERT-TYPE-UNSUPPORTED for a certificate without an
     *     RSA key
     */
    public static void verify(X509Certificate certificate, byte[] hash, byte[] signature) {
        if (!verifier(certificate).verify(hash, signature)) {
            throw new CertException(NotifyType.INVALID_SIGNATURE, "SIG payload does not verify with the key of \""
                    + DistinguishedNames.format(DistinguishedNames.subject(certificate)) + "\"");
        }
    }

    private static Verifier verifier(X509Certificate certificate) {
        try {
            return RsaPkcs1.verifier(certificate.getPublicKey());
        } catch (IllegalArgumentException e) {
            throw new CertException(NotifyType.CERT_TYPE_UNSUPPORTED, "certificate \""
                    + DistinguishedNames.format(DistinguishedNames.subject(certificate)) + "\" has a key of type "
                    + certificate.getPublicKey().getAlgorithm() + "; only RSA signatures are supported");
        }
    }
}
