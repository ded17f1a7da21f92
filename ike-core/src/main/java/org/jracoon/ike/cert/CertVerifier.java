package org.jracoon.ike.cert;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.jracoon.ike.payload.NotifyType;

/**
 * racoon's {@code verify_cert on}: the peer's certificate, with any intermediate CA certificates
 * it sent, must chain up to a CA of the {@link CaStore}. Issuers are found by name (the CA store
 * by subject hash, as OpenSSL's lookup does); the path is then checked by the JDK's PKIX
 * validator (RFC 5280 6.1: signatures, validity at the injected clock's time, basicConstraints
 * CA and path length on intermediates), without revocation, as racoon checks no CRL by default.
 * The trust anchor's own dates and basicConstraints are checked here, since PKIX takes an anchor
 * as given while OpenSSL checks them. Any CA certificate of the store is an anchor, also one
 * that is not self-signed; OpenSSL would insist on reaching a self-signed root.
 */
public final class CertVerifier {

    /** Longest chain followed through the peer's intermediates before giving up. */
    private static final int MAX_DEPTH = 8;

    private final CaStore cas;
    private final Clock clock;

    public CertVerifier(CaStore cas, Clock clock) {
        this.cas = cas;
        this.clock = clock;
    }

    /**
     * Decodes the certificate of a CERT payload (encoding 4, X.509 signature) and verifies it.
     *
     * @param certificate the DER certificate data of the peer's CERT payload
     * @param intermediates DER certificates of further CERT payloads the peer sent, any order
     * @return the verified peer certificate
     * @throws CertException with the notify type for the failure
     */
    public X509Certificate verify(byte[] certificate, List<byte[]> intermediates) {
        List<X509Certificate> decoded = new ArrayList<>();
        for (byte[] der : intermediates) {
            decoded.add(decode(der));
        }
        X509Certificate peer = decode(certificate);
        verify(peer, decoded);
        return peer;
    }

    /**
     * Verifies a peer certificate, helped by the intermediate CA certificates it sent.
     *
     * @throws CertException INVALID-CERT-AUTHORITY when no trusted CA signed the chain or an
     *     issuer is not a CA, INVALID-CERTIFICATE when a certificate is outside its validity
     */
    public void verify(X509Certificate peer, List<X509Certificate> intermediates) {
        List<X509Certificate> chain = new ArrayList<>(List.of(peer));
        X509Certificate current = peer;
        while (chain.size() <= MAX_DEPTH) {
            X500Name issuer = DistinguishedNames.issuer(current);
            List<X509Certificate> anchors = cas.issuersNamed(issuer);
            if (!anchors.isEmpty()) {
                validate(chain, anchors);
                return;
            }
            Optional<X509Certificate> next = intermediates.stream()
                    .filter(candidate -> !chain.contains(candidate))
                    .filter(candidate -> DistinguishedNames.subject(candidate).equals(issuer))
                    .findFirst();
            if (next.isEmpty()) {
                throw new CertException(NotifyType.INVALID_CERT_AUTHORITY, "no CA certificate for issuer \""
                        + DistinguishedNames.format(issuer) + "\" (hash " + SubjectHash.hex(issuer) + ") of \""
                        + subjectOf(current) + "\" in " + cas.description());
            }
            current = next.get();
            chain.add(current);
        }
        throw new CertException(NotifyType.INVALID_CERT_AUTHORITY,
                "certificate chain of \"" + subjectOf(peer) + "\" longer than " + MAX_DEPTH);
    }

    private void validate(List<X509Certificate> chain, List<X509Certificate> candidates) {
        Date now = Date.from(clock.instant());
        Set<TrustAnchor> anchors = new HashSet<>();
        CertException unusable = null;
        for (X509Certificate ca : candidates) {
            try {
                checkAnchor(ca, now);
                anchors.add(new TrustAnchor(ca, null));
            } catch (CertException e) {
                unusable = e;
            }
        }
        if (anchors.isEmpty()) {
            throw unusable;
        }
        try {
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(now);
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
        } catch (CertPathValidatorException e) {
            throw refusal(e, chain, now);
        } catch (GeneralSecurityException e) {
            throw new CertException(NotifyType.INVALID_CERTIFICATE,
                    "certificate \"" + subjectOf(chain.get(0)) + "\" cannot be checked: " + e.getMessage());
        }
    }

    private static void checkAnchor(X509Certificate ca, Date now) {
        try {
            ca.checkValidity(now);
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new CertException(NotifyType.INVALID_CERT_AUTHORITY, "CA certificate \"" + subjectOf(ca)
                    + "\" is valid only from " + ca.getNotBefore().toInstant() + " to " + ca.getNotAfter().toInstant());
        }
        if (ca.getBasicConstraints() < 0) {
            throw new CertException(NotifyType.INVALID_CERT_AUTHORITY,
                    "CA certificate \"" + subjectOf(ca) + "\" lacks basicConstraints CA:TRUE");
        }
    }

    private static CertException refusal(CertPathValidatorException e, List<X509Certificate> chain, Date now) {
        int index = e.getIndex();
        X509Certificate certificate = index >= 0 && index < chain.size() ? chain.get(index) : chain.get(0);
        String subject = "certificate \"" + subjectOf(certificate) + "\"";
        if (e.getReason() == BasicReason.EXPIRED) {
            return new CertException(NotifyType.INVALID_CERTIFICATE,
                    subject + " expired at " + certificate.getNotAfter().toInstant() + " (now " + now.toInstant() + ")");
        }
        if (e.getReason() == BasicReason.NOT_YET_VALID) {
            return new CertException(NotifyType.INVALID_CERTIFICATE, subject + " is not valid before "
                    + certificate.getNotBefore().toInstant() + " (now " + now.toInstant() + ")");
        }
        if (e.getReason() == BasicReason.INVALID_SIGNATURE || e.getReason() == PKIXReason.NO_TRUST_ANCHOR) {
            return new CertException(NotifyType.INVALID_CERT_AUTHORITY, subject
                    + " is not signed by its issuer \"" + DistinguishedNames.format(DistinguishedNames.issuer(certificate))
                    + "\"");
        }
        if (e.getReason() == PKIXReason.NOT_CA_CERT) {
            return new CertException(NotifyType.INVALID_CERT_AUTHORITY,
                    subject + " issues certificates but lacks basicConstraints CA:TRUE");
        }
        return new CertException(NotifyType.INVALID_CERTIFICATE,
                subject + " refused: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }

    static X509Certificate decode(byte[] der) {
        X509Certificate certificate = PemFiles.decode(der);
        if (certificate == null) {
            throw new CertException(NotifyType.INVALID_CERT_ENCODING,
                    "CERT payload of " + der.length + " bytes is not a DER X.509 certificate");
        }
        return certificate;
    }

    private static String subjectOf(X509Certificate certificate) {
        return DistinguishedNames.format(DistinguishedNames.subject(certificate));
    }
}
