package org.jracoon.ike.cert;

import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.jracoon.ike.payload.NotifyType;

/**
 * Answers a peer's CR payload (RFC 2408 3.10): whether our certificate is one it asked for. A CR
 * names a certificate type and, optionally, a CA by the DER encoding of its DN (an empty
 * authority asks for any certificate of the type).
 */
public final class CertificateRequests {

    /** Certificate encoding "X.509 Certificate - Signature" (RFC 2408 3.9). */
    public static final int X509_SIGNATURE = 4;

    /** Longest issuer chain followed above our certificate. */
    private static final int MAX_DEPTH = 8;

    /** How a CR relates to our certificate. */
    public enum Answer {
        /** The CR names a CA our certificate is issued under (directly or through a CA we know). */
        ISSUED_UNDER,
        /** The CR names no CA: any X.509 signature certificate will do. */
        ANY_CA,
        /** The CR names a CA our certificate does not chain to. */
        OTHER_CA,
        /** The CR asks for another certificate type. */
        UNSUPPORTED_TYPE
    }

    private CertificateRequests() {
    }

    /**
     * @param certificateType the CR's certificate type
     * @param authority the CR's certificate authority field, possibly empty
     * @param ours our certificate
     * @param cas the CA certificates we know, to follow our issuer's own issuers
     * @throws CertException INVALID-CERT-AUTHORITY if the authority is not a DER DN
     */
    public static Answer answer(int certificateType, byte[] authority, X509Certificate ours, CaStore cas) {
        if (certificateType != X509_SIGNATURE) {
            return Answer.UNSUPPORTED_TYPE;
        }
        if (authority.length == 0) {
            return Answer.ANY_CA;
        }
        X500Name requested;
        try {
            requested = DistinguishedNames.fromId(authority);
        } catch (CertException e) {
            throw new CertException(NotifyType.INVALID_CERT_AUTHORITY,
                    "CR certificate authority of " + authority.length + " bytes is not a DER distinguished name");
        }
        X509Certificate current = ours;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            X500Name issuer = DistinguishedNames.issuer(current);
            if (issuer.equals(requested)) {
                return Answer.ISSUED_UNDER;
            }
            List<X509Certificate> above = cas.issuersNamed(issuer);
            if (above.isEmpty() || DistinguishedNames.subject(above.get(0)).equals(DistinguishedNames.issuer(above.get(0)))) {
                break; // unknown issuer, or a root: nothing further up
            }
            current = above.get(0);
        }
        return Answer.OTHER_CA;
    }
}
