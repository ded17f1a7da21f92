package org.jracoon.ike.cert;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.jracoon.ike.payload.NotifyType;

/**
 * The checks racoon makes on the peer's MM5/MM6 under RSA-signature authentication
 * (oakley.c, validate_auth): a certificate is needed; with {@code verify_cert on} (the default)
 * it must chain to a trusted CA and name the peer's ID; then the SIG payload must verify with
 * its key. With {@code verify_cert off} only the signature is checked.
 */
public final class PeerAuthentication {

    private final Optional<CertVerifier> verifier;

    private PeerAuthentication(Optional<CertVerifier> verifier) {
        this.verifier = verifier;
    }

    /** {@code verify_cert on}. */
    public static PeerAuthentication verifying(CertVerifier verifier) {
        return new PeerAuthentication(Optional.of(verifier));
    }

    /** {@code verify_cert off}: trust the certificate the peer sent, check only its signature. */
    public static PeerAuthentication withoutCertificateCheck() {
        return new PeerAuthentication(Optional.empty());
    }

    /**
     * Authenticates the peer.
     *
     * @param certificates certificate data of the peer's X.509 CERT payloads, its own first
     *     (or the {@code peers_certfile} certificate), then any intermediates
     * @param idType the peer's phase-1 ID type
     * @param idData the peer's identification data
     * @param hash the HASH_I/HASH_R we computed for the peer
     * @param signature the peer's SIG payload body
     * @return the peer's certificate
     * @throws CertException with the notify type for the first check that failed
     */
    public X509Certificate authenticate(List<byte[]> certificates, int idType, byte[] idData, byte[] hash,
            byte[] signature) {
        if (certificates.isEmpty()) {
            throw new CertException(NotifyType.CERTIFICATE_UNAVAILABLE,
                    "the peer sent no certificate and none is configured for it");
        }
        X509Certificate peer;
        if (verifier.isPresent()) {
            peer = verifier.get().verify(certificates.get(0), certificates.subList(1, certificates.size()));
            CertificateIdentity.check(idType, idData, peer);
        } else {
            peer = CertVerifier.decode(certificates.get(0));
        }
        RsaSignatures.verify(peer, hash, signature);
        return peer;
    }
}
