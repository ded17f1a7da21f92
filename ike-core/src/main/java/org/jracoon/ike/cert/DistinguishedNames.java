package org.jracoon.ike.cert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.jracoon.ike.payload.NotifyType;

/**
 * Distinguished names as IKEv1 carries them in ID_DER_ASN1_DN identities (RFC 2407 4.6.2.1: the
 * DER encoding of an X.500 Name) and as racoon.conf writes them ({@code my_identifier asn1dn
 * "C=CH, O=IKEv1 Test, CN=moon.test"}: components in encoding order, comma separated).
 */
public final class DistinguishedNames {

    /**
     * racoon.conf's order (first component = first RDN, as OpenSSL's X509_NAME_add_entry builds
     * it); values encoded as PrintableString when they fit, as strongSwan and OpenSSL write
     * certificate subjects, so a configured DN encodes to the same bytes as the subject.
     */
    private static final BCStyle RACOON_STYLE = new BCStyle() {
        @Override
        protected ASN1Encodable encodeStringValue(ASN1ObjectIdentifier oid, String value) {
            if (value.equals(DnPattern.WILDCARD)) {
                return new DERUTF8String(value); // peers_identifier's wildcard, whatever the attribute's syntax
            }
            ASN1Encodable encoded = super.encodeStringValue(oid, value);
            return encoded instanceof DERUTF8String && DERPrintableString.isPrintableString(value)
                    ? new DERPrintableString(value) : encoded;
        }
    };

    private DistinguishedNames() {
    }

    /**
     * The DN of an ID_DER_ASN1_DN identification data field.
     *
     * @throws CertException INVALID-ID-INFORMATION if the bytes are not one DER Name
     */
    public static X500Name fromId(byte[] der) {
        try {
            X500Name name = X500Name.getInstance(ASN1Primitive.fromByteArray(der));
            if (name != null) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // reported below
        }
        throw new CertException(NotifyType.INVALID_ID_INFORMATION,
                "ID_DER_ASN1_DN of " + der.length + " bytes is not a DER distinguished name");
    }

    /** The identification data field of an ID_DER_ASN1_DN identity. */
    public static byte[] toId(X500Name name) {
        try {
            return name.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A DN as racoon.conf writes it, e.g. {@code C=CH, O=IKEv1 Test, CN=moon.test}; backslash
     * escapes and {@code +} multi-valued components as in RFC 4514.
     *
     * @throws IllegalArgumentException one line naming the problem
     */
    public static X500Name parse(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("empty distinguished name");
        }
        RDN[] rdns;
        try {
            rdns = IETFUtils.rDNsFromString(text, RACOON_STYLE);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a distinguished name: \"" + text + "\" (" + e.getMessage() + ")");
        }
        for (RDN rdn : rdns) {
            for (AttributeTypeAndValue entry : rdn.getTypesAndValues()) {
                if (IETFUtils.valueToString(entry.getValue()).isEmpty()) {
                    throw new IllegalArgumentException("not a distinguished name: \"" + text + "\" (empty value)");
                }
            }
        }
        return new X500Name(RACOON_STYLE, rdns);
    }

    /** A DN in racoon.conf's form, {@code C=CH, O=IKEv1 Test, CN=moon.test}, for logs. */
    public static String format(X500Name name) {
        List<String> parts = new ArrayList<>();
        for (RDN rdn : name.getRDNs()) {
            StringBuilder part = new StringBuilder();
            for (AttributeTypeAndValue entry : rdn.getTypesAndValues()) {
                if (part.length() > 0) {
                    part.append('+');
                }
                String label = RACOON_STYLE.oidToDisplayName(entry.getType());
                part.append(label != null ? label : entry.getType().getId())
                        .append('=').append(IETFUtils.valueToString(entry.getValue()));
            }
            parts.add(part.toString());
        }
        return String.join(", ", parts);
    }

    /** A certificate's subject with the encoding it has in the certificate. */
    public static X500Name subject(X509Certificate certificate) {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }

    /** A certificate's issuer with the encoding it has in the certificate. */
    public static X500Name issuer(X509Certificate certificate) {
        return X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded());
    }

    /**
     * The DN we send for {@code my_identifier asn1dn [DN]}: the configured one, or without a value
     * the subject of our certificate (racoon's rule).
     *
     * @throws IllegalArgumentException neither a DN nor a certificate, or a DN that does not parse
     */
    public static X500Name myIdentifier(Optional<String> configured, Optional<X509Certificate> ownCertificate) {
        if (configured.isPresent()) {
            return parse(configured.get());
        }
        return ownCertificate.map(DistinguishedNames::subject).orElseThrow(() -> new IllegalArgumentException(
                "my_identifier asn1dn without a DN needs certificate_type x509 for the subject"));
    }
}
